"""A row id in a URL is range-checked before any query: past the column's range it is a 404, never a 500.

Found by Schemathesis: ``POST /api/v1/moderation/comments/5078963090499893723136/approve``
reached the database (SQLite overflows past 2^63, PostgreSQL's INTEGER past 2^31 - 1).
"""
import pytest

from tests.moderators import signed_in

HUGE = [2**31, 2**63, 5078963090499893723136, int("9" * 40)]


@pytest.mark.parametrize("comment_id", HUGE)
@pytest.mark.parametrize("action", ["approve", "reject", "unapprove"])
def test_a_moderation_api_action_on_an_id_past_the_range_is_a_json_404(client, moderator_token, action, comment_id):
    r = client.post(f"/api/v1/moderation/comments/{comment_id}/{action}", headers=moderator_token)
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("comment_id", HUGE)
def test_a_report_on_an_id_past_the_range_is_a_json_404(client, comment_id):
    r = client.post(f"/api/v1/comments/{comment_id}/reports", json={"reason": "spam"})
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("comment_id", HUGE)
def test_a_queue_action_on_an_id_past_the_range_is_a_404(client, comment_id):
    session = signed_in(client, "bientap", "moderator")
    assert session.post(f"/moderation/comments/{comment_id}/approve", {}).status_code == 404


def test_the_largest_id_in_range_still_reaches_the_service(client, moderator_token):
    r = client.post(f"/api/v1/moderation/comments/{2**31 - 1}/approve", headers=moderator_token)
    assert r.status_code == 404 and r.get_json()["error"]["message"] == "Không tìm thấy nội dung yêu cầu."


@pytest.mark.parametrize("comment_id", ["١٢", "1" * 11])
def test_an_id_of_non_ascii_or_too_many_digits_is_a_404(client, moderator_token, comment_id):
    r = client.post(f"/api/v1/moderation/comments/{comment_id}/approve", headers=moderator_token)
    assert r.status_code == 404
