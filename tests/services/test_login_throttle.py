"""Wrong passwords slow an attacker down but never lock a moderator out from elsewhere.

The clock fixture drives ``time.time``, which the limiter's storage and the throttle read:
no test sleeps.
"""
import pytest

from moderation.services.accounts import create_moderator
from moderation.services.login_throttle import MAX_DELAY
from tests.clients import validating_client
from tests.moderators import PASSWORD, csrf_from


@pytest.fixture
def site(make_app):
    """A client for an app whose per-address limit stays out of the way (100 failures)."""
    app = make_app(LOGIN_RATE_LIMIT_PER_IP="100 per 15 minutes", LOGIN_RATE_LIMIT_PER_USER="5 per 15 minutes")
    with app.app_context():
        create_moderator("bientap", PASSWORD, actor=None)
        yield validating_client(app)


def attempt(client, password, address, username="bientap"):
    environ = {"REMOTE_ADDR": address}
    token = csrf_from(client.get("/moderation/login", environ_base=environ).get_data(as_text=True))
    response = client.post("/moderation/login", environ_base=environ,
                           data={"username": username, "password": password, "csrf_token": token})
    client.delete_cookie("session")
    return response


def test_failures_from_one_address_never_lock_the_owner_out_from_another(site, clock):
    for _ in range(30):
        attempt(site, "sai-mat-khau", "198.51.100.1")
        clock.advance(1)
    assert attempt(site, PASSWORD, "203.0.113.7").status_code == 303


def test_failures_from_many_addresses_leave_a_clean_address_able_to_log_in(site, clock):
    for n in range(20):
        assert attempt(site, "sai-mat-khau", f"198.51.100.{n}").status_code == 200
    assert attempt(site, PASSWORD, "203.0.113.7").status_code == 303


def test_the_first_failures_in_the_window_cost_no_wait(site, clock):
    codes = [attempt(site, "sai-mat-khau", "198.51.100.1").status_code for _ in range(6)]
    assert codes == [200] * 6


def test_past_the_free_failures_an_address_that_failed_waits_longer_each_time(site, clock):
    for _ in range(5):
        attempt(site, "sai-mat-khau", "198.51.100.1")
    waits = []
    for _ in range(4):
        assert attempt(site, "sai-mat-khau", "198.51.100.1").status_code == 200
        blocked = attempt(site, "sai-mat-khau", "198.51.100.1")
        assert blocked.status_code == 429
        waits.append(int(blocked.headers["Retry-After"]))
        clock.advance(waits[-1])
    assert waits == [2, 4, 8, 16]


def test_while_it_waits_even_the_right_password_from_that_address_is_refused(site, clock):
    for _ in range(6):
        attempt(site, "sai-mat-khau", "198.51.100.1")
    blocked = attempt(site, PASSWORD, "198.51.100.1")
    assert blocked.status_code == 429
    assert "Vui lòng thử lại sau 2 giây." in blocked.get_data(as_text=True)
    clock.advance(2)
    assert attempt(site, PASSWORD, "198.51.100.1").status_code == 303


def test_the_wait_never_grows_past_the_cap(site, clock):
    for _ in range(30):
        attempt(site, "sai-mat-khau", f"198.51.100.{_}")
    attempt(site, "sai-mat-khau", "198.51.100.1")
    assert int(attempt(site, "sai-mat-khau", "198.51.100.1").headers["Retry-After"]) == MAX_DELAY


def test_the_window_forgets_old_failures(site, clock):
    for _ in range(6):
        attempt(site, "sai-mat-khau", "198.51.100.1")
    clock.advance(15 * 60)
    assert attempt(site, "sai-mat-khau", "198.51.100.1").status_code == 200
    assert attempt(site, "sai-mat-khau", "198.51.100.1").status_code == 200


def test_usernames_differing_in_case_share_their_failures(site, clock):
    for n in range(6):
        attempt(site, "sai-mat-khau", "198.51.100.1", username="BienTap" if n % 2 else "bientap")
    assert attempt(site, "sai-mat-khau", "198.51.100.1", username="BIENTAP").status_code == 429


def test_a_long_wait_is_said_in_minutes(make_app, clock):
    app = make_app(LOGIN_RATE_LIMIT_PER_IP="2 per 15 minutes")
    with app.app_context():
        client = validating_client(app)
        for _ in range(2):
            attempt(client, "sai-mat-khau", "198.51.100.1", username="ai-do")
        blocked = attempt(client, "sai-mat-khau", "198.51.100.1", username="nguoi-khac")
    assert blocked.status_code == 429 and blocked.headers["Retry-After"] == "900"
    assert "Vui lòng thử lại sau 15 phút." in blocked.get_data(as_text=True)
