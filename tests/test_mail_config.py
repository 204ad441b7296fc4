"""Mail settings: SMTP when MAIL_SERVER is set (and then PUBLIC_URL outside development), the
console in development, notifications off in production without it, /readyz unaffected."""
import pytest

from moderation.config import ConfigError, load

NAMES = ("APP_ENV", "MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USE_SSL", "PUBLIC_URL", "MAIL_DEFAULT_SENDER")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_mail_server_outside_development_needs_public_url_with_a_vietnamese_reason(clean_environment, tmp_path):
    clean_environment.setenv("MAIL_SERVER", "smtp.example.vn")
    with pytest.raises(ConfigError, match="PUBLIC_URL"):
        load(str(tmp_path), {"SECRET_KEY": "s"})
    clean_environment.setenv("PUBLIC_URL", "https://binhluan.example.vn/")
    config = load(str(tmp_path), {"SECRET_KEY": "s"})
    assert (config["MAIL_BACKEND"], config["MAIL_SERVER"], config["MAIL_PORT"]) == ("smtp", "smtp.example.vn", 25)
    assert config["PUBLIC_URL"] == "https://binhluan.example.vn"


def test_tls_and_ssl_together_stop_start_up(clean_environment, tmp_path):
    for name, value in (("MAIL_SERVER", "smtp.example.vn"), ("PUBLIC_URL", "https://x.vn"), ("MAIL_USE_TLS", "1"),
                        ("MAIL_USE_SSL", "1")):
        clean_environment.setenv(name, value)
    with pytest.raises(ConfigError, match="MAIL_USE_TLS"):
        load(str(tmp_path), {"SECRET_KEY": "s"})


def test_development_without_mail_server_writes_mail_to_the_console(clean_environment, tmp_path):
    clean_environment.setenv("APP_ENV", "development")
    config = load(str(tmp_path))
    assert config["MAIL_BACKEND"] == "console" and config["PUBLIC_URL"].startswith("http://127.0.0.1:")


def test_production_without_mail_server_turns_notifications_off_and_stays_ready(clean_environment, make_app):
    app = make_app(APP_ENV="production")
    assert app.config["MAIL_BACKEND"] is None
    with app.app_context():
        from moderation.services import moderator_mail, notifications
        assert not notifications.enabled() and moderator_mail.check() == 0
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 200 and answer.json["status"] == "ok"


def test_make_run_says_where_mail_goes(clean_environment):
    from moderation.cli.bootstrap import mail_notice
    assert "printed in this console" in mail_notice({"MAIL_BACKEND": "console"})
    assert "notifications are off" in mail_notice({"MAIL_BACKEND": None})
