"""moderation.config: settings come from the environment once; unsafe or garbled settings stop start-up."""
import pytest

from moderation import create_app
from moderation.config import ConfigError, database_url, load

ENV_NAMES = ("APP_ENV", "SECRET_KEY", "DATABASE_URL", "ALLOWED_ORIGINS", "COMMENT_RATE_LIMIT",
             "COMMENT_RATE_LIMIT_PER_ARTICLE", "COMMENT_MAX_LENGTH", "PROXY_COUNT", "RATELIMIT_STORAGE_URI",
             "HOST", "PORT")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize("app_env", [None, "production", "staging"])
def test_a_missing_secret_key_outside_development_stops_start_up(clean_environment, tmp_path, app_env):
    if app_env:
        clean_environment.setenv("APP_ENV", app_env)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        load(str(tmp_path))


def test_create_app_refuses_to_start_without_a_secret_key(clean_environment, tmp_path):
    clean_environment.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.db")
    with pytest.raises(ConfigError):
        create_app()


def test_development_gets_a_throw_away_secret_kept_in_the_instance_folder(clean_environment, tmp_path):
    clean_environment.setenv("APP_ENV", "development")
    first, second = load(str(tmp_path))["SECRET_KEY"], load(str(tmp_path))["SECRET_KEY"]
    assert first == second and len(first) >= 40
    assert (tmp_path / "dev-secret-key").read_text().strip() == first


def test_settings_are_read_from_the_environment(clean_environment, tmp_path):
    env = {"SECRET_KEY": "k" * 40, "ALLOWED_ORIGINS": "https://tuoitre.vn, https://news.example.vn,,",
           "COMMENT_RATE_LIMIT": "2 per minute", "COMMENT_RATE_LIMIT_PER_ARTICLE": "1 per minute",
           "COMMENT_MAX_LENGTH": "500", "PROXY_COUNT": "1", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
           "DATABASE_URL": "postgres://u@db/ykbd"}
    for name, value in env.items():
        clean_environment.setenv(name, value)
    config = load(str(tmp_path))
    assert config["SECRET_KEY"] == "k" * 40
    assert config["ALLOWED_ORIGINS"] == ["https://tuoitre.vn", "https://news.example.vn"]
    assert (config["COMMENT_RATE_LIMIT"], config["COMMENT_RATE_LIMIT_PER_ARTICLE"]) == ("2 per minute", "1 per minute")
    assert (config["COMMENT_MAX_LENGTH"], config["PROXY_COUNT"]) == (500, 1)
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/ykbd"
    # A dropped connection is seen on checkout without a ping (services/pool_liveness.py, docs/deploy.md).
    assert "pool_pre_ping" not in config["SQLALCHEMY_ENGINE_OPTIONS"]


def test_defaults_are_sqlite_memory_limits_and_no_proxy(clean_environment, tmp_path):
    config = load(str(tmp_path), {"SECRET_KEY": "s"})
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["RATELIMIT_STORAGE_URI"] == "memory-swept://"
    assert (config["PROXY_COUNT"], config["COMMENT_MAX_LENGTH"]) == (0, 3000)
    # HOST and PORT belong to `make run` and gunicorn.conf.py; nothing in the app reads them.
    assert not {"HOST", "PORT", "DISPLAY_TIMEZONE"} & config.keys()
    assert config["COMMENT_RATE_LIMIT"] == "5 per minute;40 per day"
    # A SQLite file has no server to drop a connection: no ping before every request's first query.
    assert "pool_pre_ping" not in config["SQLALCHEMY_ENGINE_OPTIONS"]


@pytest.mark.parametrize("url, expected", [
    ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
    ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
])
def test_every_spelling_of_a_postgresql_url_selects_psycopg_3(url, expected):
    assert database_url(url) == expected


@pytest.mark.parametrize("name, value", [("PROXY_COUNT", "one"), ("COMMENT_MAX_LENGTH", "3k"), ("COUNTS_MAX_AGE", "")])
def test_a_garbled_number_is_a_clear_start_up_error(clean_environment, tmp_path, name, value):
    clean_environment.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        load(str(tmp_path), {"SECRET_KEY": "s"})


@pytest.mark.parametrize("name", ["COMMENT_RATE_LIMIT", "COMMENT_RATE_LIMIT_PER_ARTICLE"])
def test_a_garbled_rate_limit_is_a_clear_start_up_error(clean_environment, tmp_path, name):
    clean_environment.setenv(name, "nhiều lắm")
    with pytest.raises(ConfigError, match=name):
        load(str(tmp_path), {"SECRET_KEY": "s"})
