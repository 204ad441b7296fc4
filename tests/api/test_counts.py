"""Batched counts: equal to approved comments, one query per batch, cacheable with a strong ETag."""
import pytest

from moderation.services.accounts import create_moderator, create_token
from moderation.services.counts import batch_counts
from moderation.models import Status
from tests.statements import sent_statements


@pytest.fixture
def moderate(client):
    token = create_token(create_moderator("bientap", "mat-khau-dai", "moderator", actor=None), actor=None)

    def act(comment_id, action):
        r = client.post(f"/api/v1/moderation/comments/{comment_id}/{action}",
                        headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200, r.get_json()
    return act


def counts(client, ids, **headers):
    return client.get(f"/api/v1/counts?ids={ids}", headers=headers)


def test_counts_equal_approved_comments_after_approvals_rejections_and_unapprovals(client, make_comment, moderate):
    a = [make_comment("bai-a").id for _ in range(4)]
    b = [make_comment("bai-b").id for _ in range(2)]
    for cid in a + b:
        moderate(cid, "approve")
    moderate(a[0], "reject")
    moderate(a[1], "unapprove")
    moderate(b[0], "reject")
    moderate(b[0], "approve")
    assert counts(client, "bai-a,bai-b,bai-c").get_json() == {"counts": {"bai-a": 2, "bai-b": 2, "bai-c": 0}}
    assert client.get("/api/v1/articles/bai-a/count").get_json() == {"article_id": "bai-a", "count": 2}


def test_unknown_ids_count_zero(client):
    assert counts(client, "khong-co,cung-khong").get_json() == {"counts": {"khong-co": 0, "cung-khong": 0}}


def test_duplicates_collapse_into_one_entry(client, make_comment):
    make_comment("bai-a", status=Status.APPROVED)
    assert counts(client, "bai-a,bai-a,bai-b").get_json() == {"counts": {"bai-a": 1, "bai-b": 0}}


def test_a_hundred_ids_are_answered(client):
    ids = ",".join(f"bai-{n}" for n in range(100))
    assert len(counts(client, ids).get_json()["counts"]) == 100


@pytest.mark.parametrize("query", [
    "", "?ids=", "?ids=,", "?ids=a,,b", "?ids=a,", "?ids=" + ",".join(f"bai-{n}" for n in range(101)),
    "?ids=" + ",".join(["a"] * 101), "?ids=bài-viết", "?ids=a%20b", "?ids=a/b", "?ids=a;b", "?ids=" + "x" * 129,
    "?ids=%3Cscript%3E",
], ids=["missing", "empty", "only-comma", "empty-item", "trailing-comma", "101-ids", "101-duplicates",
        "non-ascii", "space", "slash", "semicolon", "too-long", "markup"])
def test_bad_batches_are_a_json_400_naming_ids(client, query):
    r = client.get("/api/v1/counts" + query)
    assert r.status_code == 400
    body = r.get_json()["error"]
    assert body["code"] == "validation" and "ids" in body["fields"]
    assert "mã bài viết" in body["fields"]["ids"].lower()


def test_one_query_per_batch_whatever_its_size(app):
    with sent_statements() as sent:
        batch_counts([f"bai-{n}" for n in range(100)])
        batch_counts(["bai-1"])
    assert len(sent) == 2
    assert all(s.startswith("SELECT id, approved_count FROM articles WHERE site_id = ") for s, _ in sent)


def test_one_query_per_http_request(client, app):
    with sent_statements() as sent:
        counts(client, ",".join(f"bai-{n}" for n in range(60)))
    assert len(sent) == 1


@pytest.mark.parametrize("url", ["/api/v1/counts?ids=bai-a,bai-b", "/api/v1/articles/bai-a/count"])
def test_count_answers_are_publicly_cacheable_with_a_strong_etag(make_app, url):
    client = make_app(COUNTS_MAX_AGE=45).test_client()
    r = client.get(url)
    assert r.headers["Cache-Control"] == "public, max-age=45"
    assert r.headers["ETag"].startswith('"') and not r.headers["ETag"].startswith("W/")
    assert "Origin" in r.headers["Vary"] and "Cookie" not in r.headers["Vary"]
    assert "Set-Cookie" not in r.headers


def test_etag_changes_exactly_when_a_count_in_the_batch_changes(client, make_comment, moderate):
    first = make_comment("bai-a")
    other = make_comment("bai-z")
    before = counts(client, "bai-a,bai-b").headers["ETag"]
    assert counts(client, "bai-b,bai-a").headers["ETag"] == before
    moderate(other.id, "approve")
    assert counts(client, "bai-a,bai-b").headers["ETag"] == before
    moderate(first.id, "approve")
    after = counts(client, "bai-a,bai-b").headers["ETag"]
    assert after != before
    moderate(first.id, "reject")
    assert counts(client, "bai-a,bai-b").headers["ETag"] == before


@pytest.mark.parametrize("url", ["/api/v1/counts?ids=bai-a,bai-b", "/api/v1/articles/bai-a/count"])
def test_if_none_match_answers_304_without_a_body(client, url):
    etag = client.get(url).headers["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        r = client.get(url, headers={"If-None-Match": header})
        assert r.status_code == 304, header
        assert r.data == b"" and r.headers["ETag"] == etag
        assert r.headers["Cache-Control"].startswith("public, max-age=")


def test_a_stale_etag_gets_the_new_counts(client, make_comment, moderate):
    comment = make_comment("bai-a")
    etag = counts(client, "bai-a").headers["ETag"]
    moderate(comment.id, "approve")
    r = counts(client, "bai-a", **{"If-None-Match": etag})
    assert r.status_code == 200 and r.get_json() == {"counts": {"bai-a": 1}}
