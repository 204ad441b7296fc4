"""What a submission asks the database (issue 12, performance): one read (what is known of the
sender, the article and the settings in effect), then the INSERT; and the answers that read gives
are exactly the ones the lookups it replaces gave."""
import itertools

import pytest

from moderation.core.text import render_html
from moderation.extensions import db
from moderation.models import Article, Comment, Moderation, Setting, SiteSetting, Status
from moderation.services.articles import SITE_DEFAULTS, SettingsInEffect, get_setting
from moderation.services.settings import set_lockdown, update_site_defaults
from moderation.services.sites import add_site
from moderation.services.submissions import Policy, submit_comment
from moderation.services.wordlists import replace_word_lists
from tests.clients import validating_client
from tests.statements import sent_statements

URL = "/api/v1/articles/bai-1/comments"


def test_a_held_submission_is_two_statements_and_its_answer_reads_nothing_back(client):
    client.post(URL, json={"author": "An", "body": "Lần đầu"})  # the article exists from here on
    with sent_statements() as sent:
        r = client.post(URL, json={"author": "Bình", "email": "binh@example.vn",
                                   "body": "Xem https://news.example.vn/bai/1 nhé."})
    assert r.status_code == 202 and r.get_json()["status"] == "pending"
    assert [s.split()[0] for s, _ in sent] == ["SELECT", "INSERT"]
    assert all(f"FROM {table}" in sent[0][0] for table in ("bans", "comments", "settings", "site_settings"))
    assert "JOIN articles" in sent[0][0]


@pytest.fixture(params=[True, False], ids=["fast path", "through Flask"])
def either_path(request, make_app):
    """A client of the app with the submission's fast path (http/submission_fast_path.py) and without."""
    app = make_app(SUBMISSION_FAST_PATH=request.param)
    with app.app_context():
        yield validating_client(app)


def test_a_held_submission_sends_its_statements_on_the_connection_not_through_the_orm(either_path):
    """The session's ORM execute layer cost ~36 µs a statement; a held comment's two or three skip it."""
    client = either_path
    from sqlalchemy import event
    client.post(URL, json={"author": "An", "body": "Lần đầu"})
    through_orm = []
    listener = lambda state: through_orm.append(str(state.statement))  # noqa: E731
    event.listen(db.session, "do_orm_execute", listener)
    try:
        with sent_statements() as sent:
            r = client.post(URL, json={"author": "Bình", "body": "Có khóa"},
                            headers={"Idempotency-Key": "khoa-orm-000000001"})
    finally:
        event.remove(db.session, "do_orm_execute", listener)
    assert r.get_json()["status"] == "pending" and len(sent) == (2 if client.application.config["SUBMISSION_FAST_PATH"] else 3)
    assert through_orm == []


def test_a_submission_with_an_idempotency_key_looks_it_up_once(either_path):
    """comments.js sends a key with every comment. Through Flask the limits' exemption asks for it
    and the submission takes that answer; on the fast path the submission asks for it with the
    sender's history, one statement fewer."""
    client = either_path
    fast = client.application.config["SUBMISSION_FAST_PATH"]
    client.post(URL, json={"author": "An", "body": "Lần đầu"})
    with sent_statements() as sent:
        r = client.post(URL, json={"author": "Bình", "body": "Có khóa"}, headers={"Idempotency-Key": "khoa-moi-000000001"})
    assert r.status_code == 202
    assert [s.split()[0] for s, _ in sent] == ["SELECT"] * (1 if fast else 2) + ["INSERT"]
    assert sum("WHERE comments.idempotency_key" in s for s, _ in sent) == 1
    if fast:
        assert "FROM bans" in sent[0][0] and "idempotency_key" in sent[0][0]
    with sent_statements() as sent:
        retry = client.post(URL, json={"author": "Bình", "body": "Có khóa"},
                            headers={"Idempotency-Key": "khoa-moi-000000001"})
    assert retry.get_json()["id"] == r.get_json()["id"]
    assert sum("WHERE comments.idempotency_key" in s for s, _ in sent) == 1
    assert not any(s.startswith("INSERT") for s, _ in sent)


def test_the_word_rules_version_is_read_with_the_settings_not_once_per_text(client, app):
    replace_word_lists(banned=["đồ ngốc"], actor=None)
    screen = app.extensions["comment_screen"]
    with sent_statements() as sent:
        r = client.post(URL, json={"author": "đồ ngốc", "body": "Bình thường"})
    assert r.get_json()["status"] == "rejected"
    assert sum("FROM settings" in s for s, _ in sent) == 1  # the version came with the other settings
    assert sum("FROM word_rules" in s for s, _ in sent) == 1  # compiled once, for the name and the body
    assert screen.compiled[1][0] == "1"  # the default site (id 1), at version 1


KEYS = sorted(SITE_DEFAULTS) + ["rules_version", "never_set"]


@pytest.fixture
def two_sites(app):
    site = add_site("site-b", name="B", origins=["https://b.example.vn"], actor=None,
                    default_origins=app.config["ALLOWED_ORIGINS"]).id
    other = add_site("site-c", name="C", origins=["https://c.example.vn"], actor=None,
                     default_origins=app.config["ALLOWED_ORIGINS"]).id
    update_site_defaults(actor=None, moderation="post", close_after_days=3)
    set_lockdown(True, actor=None)
    replace_word_lists(suspect=["giá"], actor=None)
    db.session.add_all([SiteSetting(site_id=site, key="lockdown", value="0"),
                        SiteSetting(site_id=site, key="moderation", value="pre"),
                        SiteSetting(site_id=other, key="comments_open", value="0"),
                        Setting(key="registered_only", value="1")])
    db.session.commit()
    return site, other


@pytest.mark.parametrize("key", KEYS)
def test_settings_read_at_once_answer_as_each_lookup_does(two_sites, key):
    site, other = two_sites
    for read_for, asked_for in itertools.product((None, 1, site, other), (None, 1, site, other)):
        in_effect = SettingsInEffect(read_for)
        assert in_effect.get(key, asked_for) == get_setting(key, asked_for), (read_for, asked_for)
        assert get_setting(key, asked_for, in_effect) == get_setting(key, asked_for)


def test_settings_read_at_once_see_a_change_made_in_the_same_transaction(app):
    SettingsInEffect(1)
    set_lockdown(True, actor=None)
    assert SettingsInEffect(1).get("lockdown", 1) == "1"


def test_settings_read_at_once_see_a_change_not_yet_flushed(app):
    """Read on the session's connection, they still see what the session holds, as get_setting does."""
    db.session.add(SiteSetting(site_id=1, key="moderation", value="post"))
    assert SettingsInEffect(1).get("moderation", 1) == "post" == get_setting("moderation", 1)


def _submit(app, body, **data):
    return submit_comment("bai-1", {"author": "Đặng Bình", "email": "binh@example.vn", "body": body, **data},
                          ip_hash="ip-1", policy=Policy.from_config(app.config),
                          screen=app.extensions["comment_screen"])


def test_a_held_comment_is_inserted_without_an_orm_object_to_flush_or_read_back(app):
    _submit(app, "Lần đầu")  # the article exists from here on
    db.session.expunge_all()
    receipt = _submit(app, "Giá xăng tăng")
    assert receipt.created and receipt.status == Status.PENDING
    # Neither the comment nor its article went through the unit of work: plain rows, one statement each.
    assert not [obj for obj in db.session.identity_map.values() if isinstance(obj, (Article, Comment))]


def test_the_inserted_row_has_every_column_the_table_defaults_and_its_search_text(app):
    comment = _submit(app, "Xem https://news.example.vn/bai/1 nhé").comment
    assert (comment.site_id, comment.article_id, comment.status, comment.parent_id) == (1, "bai-1", Status.PENDING, None)
    assert (comment.likes, comment.imported_likes, comment.reply_count, comment.report_count) == (0, 0, 0, 0)
    assert comment.search_text == "xem https://news.example.vn/bai/1 nhe\ndang binh\nbinh@example.vn"
    assert comment.body_html == render_html("Xem https://news.example.vn/bai/1 nhé")
    assert comment.created_at == comment.updated_at and comment.created_at.tzinfo is not None


def test_a_reader_fills_in_an_empty_title_and_url_once_through_the_core_update(app):
    _submit(app, "Lần đầu")  # the article is first seen with neither
    _submit(app, "Lần hai", title="Giá xăng giảm", url="https://news.example.vn/gia-xang")
    _submit(app, "Lần ba", title="Tiêu đề khác", url="https://news.example.vn/khac")
    article = db.session.get(Article, (1, "bai-1"))
    assert (article.title, article.url) == ("Giá xăng giảm", "https://news.example.vn/gia-xang")


def test_an_insert_losing_the_race_to_a_retry_with_its_key_stores_nothing_and_moves_no_count(app):
    from moderation.services import submissions
    from moderation.services.articles import update_article
    update_article("bai-1", actor=None, moderation="post")
    first = submit_comment("bai-1", {"author": "An", "body": "Một lần"}, ip_hash="ip-1", idempotency_key="k" * 20,
                           policy=Policy.from_config(app.config), screen=app.extensions["comment_screen"])
    stored = db.session.get(Comment, first.comment_id)
    values = {column: getattr(stored, column) for column in ("site_id", "article_id", "parent_id", "author", "email",
                                                              "body_text", "body_html", "flags", "ip_hash",
                                                              "fingerprint", "idempotency_key", "created_at",
                                                              "updated_at")}
    db.session.commit()
    assert submissions._store({**values, "status": Status.APPROVED}) is None
    assert db.session.query(Comment).count() == 1
    assert db.session.get(Article, (1, "bai-1")).approved_count == 1


def test_the_one_read_and_the_insert_are_sent_prepared(client):
    """``driver_sql.Prepared`` sends SQLAlchemy's own SQL without its per-execute work: the read of
    the history, the article and the settings, and the INSERT with the table's defaults
    (``PreparedInsert``)."""
    from sqlalchemy import event
    client.post(URL, json={"author": "An", "body": "Lần đầu"})
    sent = []
    def listener(conn, cursor, statement, params, context, many):
        words = " ".join(statement.split())
        sent.append((words.split()[0], " FROM bans " in words and " JOIN articles " in words, context is None))
    engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        client.post(URL, json={"author": "Bình", "body": "Có khóa"}, headers={"Idempotency-Key": "khoa-chuan-bi-0001"})
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert sent == [("SELECT", True, True), ("INSERT", False, True)]


def _read_params(ip_hash, fingerprint, key, email=None, article_id="bai-1", site_id=1):
    from datetime import timedelta
    from moderation.models import utcnow
    now = utcnow()
    return {"email": email, "ip_hash": ip_hash, "fingerprint": fingerprint, "now": now, "site_id": site_id,
            "article_id": article_id, "twin_since": now - timedelta(minutes=10), "day_ago": now - timedelta(days=1),
            "key": key}


@pytest.mark.parametrize("email", [None, "binh@example.vn"])
def test_the_prepared_read_answers_as_the_statement_through_sqlalchemy(app, make_comment, email):
    """The same answers, datetimes and literals bound alike and every column typed alike: a ban in
    force, an earlier twin within the window, the text seen elsewhere, a sender seen before, the
    comment under the key; the article's row (its enum, booleans and UTC datetimes); one row per
    setting in effect on the site."""
    from datetime import timedelta
    from moderation.models import BanKind, utcnow
    from moderation.services import submissions
    from moderation.services.articles import update_article
    from moderation.services.bans import create_ban
    from moderation.services.driver_sql import core
    twin = make_comment(article_id="bai-1", ip_hash="ip-da-gui", status="approved")
    twin.idempotency_key = "digest-cua-khoa-0001"
    create_ban(BanKind.IP, "ip-bi-cam", actor=None, expires_at=utcnow() + timedelta(hours=1))
    update_article("bai-1", actor=None, moderation="post", comments_open=False, close_after_days=3, registered=True)
    update_site_defaults(actor=None, moderation="pre")
    db.session.add(SiteSetting(site_id=1, key="lockdown", value="0"))
    db.session.commit()
    answers = []
    for ip_hash, fingerprint, key in [("ip-da-gui", twin.fingerprint, "digest-cua-khoa-0001"),
                                      ("ip-bi-cam", "khong-co", "khoa-khong-co"), ("ip-moi", twin.fingerprint, None)]:
        params = _read_params(ip_hash, fingerprint, key, email)
        prepared = submissions._reads_statement(bool(email), True)
        by_sqlalchemy = [list(row) for row in core(prepared.statement, params)]
        rows = prepared.rows(params)
        assert rows == by_sqlalchemy
        assert [type(value) for value in rows[0]] == [type(value) for value in by_sqlalchemy[0]]
        answers.append([bool(rows[0][0]), rows[0][1], bool(rows[0][2]), bool(rows[0][3]), rows[0][4]])
        history, article, settings = submissions._reads(1, "bai-1", {"email": email}, ip_hash, fingerprint,
                                                        Policy.from_config(app.config), params["now"], key=key)
        assert article._asdict() == {column: getattr(db.session.get(Article, (1, "bai-1")), column)
                                     for column in article._fields}
        assert (article.moderation, article.comments_open, article.registered_at.tzinfo is not None) == \
            (Moderation.POST, False, True)
        assert {name: settings.get(name, 1) for name in KEYS} == {name: get_setting(name, 1) for name in KEYS}
    assert answers == [[False, twin.id, True, True, twin.id], [True, None, False, False, None],
                       [False, None, True, False, None]]


def test_the_read_of_a_new_article_on_a_site_with_no_settings_is_one_row_of_history(app):
    """The article and the settings are LEFT JOINs: neither an article never seen nor an
    installation with no setting stored loses the history's row."""
    from moderation.services import submissions
    db.session.query(SiteSetting).delete()
    db.session.query(Setting).delete()
    db.session.commit()
    params = _read_params("ip-moi", "khong-co", None, article_id="bai-chua-co")
    rows = submissions._reads_statement(False, False).rows(params)
    assert len(rows) == 1 and rows[0][:4] == [False, None, False, False]
    history, article, settings = submissions._reads(1, "bai-chua-co", {"email": None}, "ip-moi", "khong-co",
                                                    Policy.from_config(app.config), params["now"])
    assert article is None and settings.installation == settings.own == {}
    assert settings.get("moderation", 1) == SITE_DEFAULTS["moderation"]
    receipt = submit_comment("bai-chua-co", {"author": "An", "body": "Bài mới"}, ip_hash="ip-moi",
                             policy=Policy.from_config(app.config), screen=app.extensions["comment_screen"])
    assert receipt.created and receipt.status == Status.PENDING
    assert db.session.get(Article, (1, "bai-chua-co")) is not None


def test_the_read_keeps_each_site_to_its_own_settings_and_article(app, two_sites):
    """Two sites may share an article id: each submission reads its own site's row and settings."""
    from moderation.services import submissions
    site, other = two_sites
    from moderation.services.articles import update_article
    update_article("bai-1", actor=None, moderation="post", site_id=site)
    for read_for in (1, site, other):
        params = _read_params("ip-moi", "khong-co", None, site_id=read_for)
        _, article, settings = submissions._reads(read_for, "bai-1", {"email": None}, "ip-moi", "khong-co",
                                                  Policy.from_config(app.config), params["now"])
        assert {name: settings.get(name, read_for) for name in KEYS} == {name: get_setting(name, read_for) for name in KEYS}
        assert (article.moderation if article else None) == (Moderation.POST if read_for == site else None)


@pytest.mark.parametrize("given", ["every column a submission gives", "the required ones only"])
def test_a_prepared_insert_stores_the_row_an_insert_through_sqlalchemy_stores(app, given):
    """Every column alike, the defaults included: scalars (status, counts), callables (flags,
    times) and the one that reads the row (search_text); types bound alike (the enum, JSON, UTC)."""
    from datetime import timedelta
    from sqlalchemy import insert
    from moderation.models import utcnow
    from moderation.services.driver_sql import PreparedInsert, core
    table = Comment.__table__
    submit_comment("bai-1", {"author": "An", "body": "Bài có sẵn"}, ip_hash="ip-0",
                   policy=Policy.from_config(app.config), screen=None)  # the article row
    moment = utcnow() - timedelta(minutes=5)
    values = {"site_id": 1, "article_id": "bai-1", "parent_id": None, "author": "Đặng Bình", "email": "binh@example.vn",
              "body_text": "Giá xăng", "body_html": "<p>Giá xăng</p>", "status": Status.REJECTED,
              "flags": [{"code": "link"}], "ip_hash": "ip-1", "fingerprint": "f-1", "idempotency_key": None,
              "created_at": moment, "updated_at": moment}
    if given == "the required ones only":
        values = {name: values[name] for name in ("article_id", "author", "body_text", "body_html", "ip_hash",
                                                  "fingerprint")}
    prepared_id = PreparedInsert(table).execute(values)
    core_id = core(insert(table).returning(table.c.id), values).scalar_one()
    rows = {row.id: row._asdict() for row in core(table.select().where(table.c.id.in_([prepared_id, core_id])))}
    by_prepared, by_core = rows[prepared_id], rows[core_id]
    assert by_prepared.pop("id") != by_core.pop("id")
    if given == "the required ones only":  # utcnow, once per INSERT
        assert abs(by_prepared.pop("created_at") - by_core.pop("created_at")) < timedelta(seconds=5)
        assert abs(by_prepared.pop("updated_at") - by_core.pop("updated_at")) < timedelta(seconds=5)
    assert by_prepared == by_core
    assert by_prepared["search_text"] == "gia xang\ndang binh\n" + ("binh@example.vn" if "email" in values else "")
    assert by_prepared["status"] == values.get("status", Status.PENDING)


def test_a_prepared_insert_refuses_a_default_run_as_sql():
    from sqlalchemy import Column, Integer, MetaData, Sequence, Table, func
    from moderation.services.driver_sql import PreparedInsert
    for default in (func.now(), Sequence("n")):
        table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("n", Integer, default=default))
        with pytest.raises(ValueError):
            PreparedInsert(table)


def test_a_prepared_statement_refuses_an_expanding_parameter(app):
    from sqlalchemy import bindparam, select
    from moderation.services.driver_sql import Prepared
    with pytest.raises(ValueError):
        Prepared(select(Comment.id).where(Comment.id.in_(bindparam("ids", expanding=True)))).execute({"ids": [1, 2]})
