"""Usernames are one visible line: no control characters, newlines or hidden characters."""
import pytest

from moderation import messages
from moderation.errors import ServiceError
from moderation.models import Moderator
from moderation.extensions import db
from moderation.services.accounts import create_moderator
from tests.moderators import PASSWORD, admin  # noqa: F401 (fixture)

REFUSED = ["bien\ntap", "bien\rtap", "bien\ttap", "bien\x00tap", "bien\x1btap", "bien\x7ftap", "bien\x85tap",
           "bien\u2028tap", "bien\u2029tap", "bien\u200btap", "bien\u202etap", "bien\ufefftap", "bientap\u0000"]
ACCEPTED = ["bientap", "Nguyễn Văn An", "an.nguyen-2", "trần_thị_bình"]


@pytest.mark.parametrize("username", REFUSED)
def test_a_username_with_a_control_or_hidden_character_is_refused(app, username):
    with pytest.raises(ServiceError) as refused:
        create_moderator(username, PASSWORD, actor=None)
    assert refused.value.fields == {"username": messages.FIELDS["username_characters"]}
    assert db.session.query(Moderator).count() == 0


@pytest.mark.parametrize("username", ACCEPTED)
def test_a_username_of_visible_characters_is_accepted(app, username):
    assert create_moderator(username, PASSWORD, actor=None).username == username


def test_the_accounts_page_says_why_in_vietnamese(admin):
    response = admin.post("/moderation/admin/moderators", {"username": "ke\u202egian", "password": PASSWORD,
                                                           "confirm": PASSWORD, "role": "moderator"})
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.get_data(as_text=True)


def test_the_cli_refuses_it_too(runner):
    result = runner.invoke(args=["create-moderator", "bien\u2028tap", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 1
    assert "dấu xuống dòng" in result.output
