"""Two moderators on two instances approve the same comment at the same instant: it moves once."""
import threading

from moderation.services.accounts import create_moderator
from moderation.extensions import db
from moderation.models import Action, Article, AuditEntry, Comment
from tests.factories import make_comment
from tests.moderators import login
from tests.openapi_check import ValidatingClient


def _seed(app):
    with app.app_context():
        create_moderator("nguoi1", "mat-khau-du-dai", actor=None)
        create_moderator("nguoi2", "mat-khau-du-dai", actor=None)
        comment_id = make_comment(article_id="bai-1").id
        db.session.remove()
    return comment_id


def _browser(app, username):
    app.test_client_class = ValidatingClient
    client = app.test_client()
    with app.app_context():
        assert login(client, username, "mat-khau-du-dai").status_code == 303
        html = client.get("/moderation/").get_data(as_text=True)
        db.session.remove()
    token = html.split('name="csrf-token" content="')[1].split('"')[0]
    return client, token


def test_two_instances_approving_at_once_move_the_count_once(make_app):
    first_app, second_app = make_app(), make_app()
    comment_id = _seed(first_app)
    browsers = [(first_app, *_browser(first_app, "nguoi1")), (second_app, *_browser(second_app, "nguoi2"))]
    barrier = threading.Barrier(2)
    answers = []

    def approve(app, client, token):
        with app.app_context():
            barrier.wait()
            response = client.post(f"/moderation/comments/{comment_id}/approve",
                                   headers={"Accept": "application/json", "X-CSRFToken": token})
            answers.append(response.get_json())
            db.session.remove()

    threads = [threading.Thread(target=approve, args=browser) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(a["changed"] for a in answers) == [False, True]
    loser = next(a for a in answers if not a["changed"])
    with first_app.app_context():
        assert db.session.get(Article, (1, "bai-1")).approved_count == 1
        approvals = db.session.query(AuditEntry).filter_by(comment_id=comment_id, action=Action.APPROVE).all()
        assert len(approvals) == 1
        winner_name = approvals[0].moderator.username
        assert db.session.get(Comment, comment_id).status.value == "approved"
    assert loser["decided_by"] == winner_name
