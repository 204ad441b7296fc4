"""Passwords are hashed at werkzeug's full scrypt cost; only a test config may lower it.

The suite hashes at N=1024 (tests/conftest.py BASE_CONFIG) because it creates and logs in
moderators by the hundred; these tests pin that production keeps the default and that the
stored hash names the cost it was made with, so a login checks it at that cost.
"""
import pytest

from moderation.config import ConfigError, load
from moderation.services.accounts import check_login, create_moderator, set_password

FULL_COST = "scrypt:32768:8:1$"


def test_outside_the_test_suite_passwords_get_werkzeugs_full_scrypt_cost(tmp_path):
    settings = load(str(tmp_path), {"SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert settings["PASSWORD_HASH_METHOD"] == "scrypt"


@pytest.mark.parametrize("method", ["scrypt:1024:8:1", "pbkdf2:sha256:1"])
def test_a_lower_cost_outside_testing_stops_start_up(tmp_path, method):
    with pytest.raises(ConfigError, match="PASSWORD_HASH_METHOD"):
        load(str(tmp_path), {"SECRET_KEY": "x" * 40, "PASSWORD_HASH_METHOD": method})


def test_a_test_config_may_lower_only_the_scrypt_cost(tmp_path):
    with pytest.raises(ConfigError, match="PASSWORD_HASH_METHOD"):
        load(str(tmp_path), {"SECRET_KEY": "x" * 40, "TESTING": True, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})


def test_the_default_method_stores_the_full_cost_and_checks_the_password(make_app):
    with make_app(PASSWORD_HASH_METHOD="scrypt").app_context():
        moderator = create_moderator("daydu", "mat-khau-dai", actor=None)
        assert moderator.password_hash.startswith(FULL_COST)
        assert check_login("daydu", "mat-khau-dai") == moderator
        assert check_login("daydu", "mat-khau-sai") is None


def test_the_suites_lower_cost_is_stored_with_the_hash_and_still_checked(app):
    moderator = create_moderator("nhanh", "mat-khau-dai", actor=None)
    assert moderator.password_hash.startswith(app.config["PASSWORD_HASH_METHOD"] + "$")
    assert check_login("nhanh", "mat-khau-dai") == moderator
    assert check_login("nhanh", "mat-khau-sai") is None
    assert check_login("khong-co", "mat-khau-dai") is None

    set_password(moderator, "mat-khau-moi-dai", actor=None)
    assert moderator.password_hash.startswith(app.config["PASSWORD_HASH_METHOD"] + "$")
    assert check_login("nhanh", "mat-khau-moi-dai") == moderator


def test_a_hash_made_at_the_full_cost_still_logs_in_when_the_config_is_lower(make_app):
    """A hash names its own cost: changing the setting never locks out existing accounts."""
    with make_app(PASSWORD_HASH_METHOD="scrypt").app_context():
        create_moderator("cu", "mat-khau-dai", actor=None)
    with make_app().app_context():
        assert check_login("cu", "mat-khau-dai").username == "cu"
