"""The comment moderation service: ``create_app`` wires config, extensions, blueprints,
error handlers and commands, in that order, and nothing else."""
from datetime import timedelta

from flask import Flask
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from moderation.services import pool_liveness, sessions
from moderation import config
from moderation import extensions
from moderation.http import locale as i18n
from moderation import messages
from moderation.http.sessions import SessionInterface
from moderation.http import errors as http_errors
from moderation.http.converters import ArticleIdConverter, IdConverter, SiteSlugConverter
from moderation.http.counts_fast_path import CountsFastPath
from moderation.http.like_fast_path import LikeFastPath
from moderation.http.submission_fast_path import SubmissionFastPath
from moderation.http.json_provider import JSONProvider
from moderation.services import wordlists
from moderation.http import security_headers
from moderation.http import ratelimits
from moderation.http import sessionless


def create_app(test_config=None):
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    app.config.update(config.load(app.instance_path, test_config))
    app.json = JSONProvider(app)
    app.url_map.converters["article"] = ArticleIdConverter
    app.url_map.converters["int"] = IdConverter
    app.url_map.converters["site"] = SiteSlugConverter
    if app.config["LIKE_FAST_PATH"]:
        app.wsgi_app = LikeFastPath(app, app.wsgi_app)  # inside ProxyFix: it limits by the client's address
    if app.config["SUBMISSION_FAST_PATH"]:
        app.wsgi_app = SubmissionFastPath(app, app.wsgi_app)  # inside ProxyFix, for the same reason
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    register_extensions(app)
    register_blueprints(app)
    http_errors.register(app)
    register_commands(app)
    if app.config["COUNTS_FAST_PATH"]:
        app.wsgi_app = CountsFastPath(app, app.wsgi_app)
    return app


def _sqlite_pragmas(dbapi_connection, _record):
    # WAL lets readers work while a moderator writes; busy_timeout queues writers instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Pages read through the OS page cache shared by every worker, not copied into each
    # connection's 2 MB cache: the 60 primary-key lookups of a counts batch take ~40 % less CPU.
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()
    # SQLite's lower() folds ASCII only; the queue's search must match "Đặng" when asked for "đặng".
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def register_extensions(app):
    extensions.db.init_app(app)
    with app.app_context():
        engine = extensions.db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            pool_liveness.watch(engine)  # a connection the server dropped is replaced on checkout
    extensions.migrate.init_app(app, extensions.db, directory=str(app.root_path + "/../migrations"))
    extensions.csrf.init_app(app)
    extensions.mail.init_app(app)
    extensions.limiter.init_app(app)
    ratelimits.init_app(app)
    extensions.login_manager.init_app(app)
    idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])
    extensions.login_manager.user_loader(lambda session_id: sessions.load_user(session_id, idle))
    extensions.login_manager.login_view = "auth.login"
    extensions.login_manager.login_message = messages.LOGIN_REQUIRED
    extensions.login_manager.login_message_category = "warning"
    app.session_interface = SessionInterface()
    extensions.babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    wordlists.init_app(app)
    sessionless.init_app(app)
    security_headers.init_app(app)


def register_blueprints(app):
    from moderation.api import admin as admin_api
    from moderation.api import moderation
    from moderation.api import openapi
    from moderation.api import reader as public
    from moderation.web import admin
    from moderation.web import auth
    from moderation.web import log
    from moderation.web import notifications
    from moderation.web import ops
    from moderation.web import queue
    from moderation.web import reader

    for bp in (public.bp, moderation.bp, openapi.bp, admin_api.bp):
        extensions.csrf.exempt(bp)
        app.register_blueprint(bp)
    app.register_blueprint(ops.bp)
    app.register_blueprint(reader.bp)
    # The token in the URL is the only credential (web/notifications.py says why no CSRF token).
    extensions.csrf.exempt(notifications.bp)
    app.register_blueprint(notifications.bp)
    register_reader_embeds(app)
    for bp in (auth.bp, queue.bp, log.bp, admin.bp):
        app.register_blueprint(bp)


def register_reader_embeds(app):
    """Counts, held-comment status, likes, the embed scripts; the demo page only in development and tests."""
    from moderation.api import counts
    from moderation.api import featured, likes
    from moderation.api import receipts
    from moderation.web import demo
    from moderation.web import embed

    for bp in (counts.bp, featured.bp, receipts.bp, likes.bp):
        extensions.csrf.exempt(bp)
        app.register_blueprint(bp)
    app.register_blueprint(embed.bp)
    if app.config["APP_ENV"] == "development" or app.testing:
        app.register_blueprint(demo.bp)


def register_commands(app):
    from moderation import cli
    cli.init_app(app)
    if app.config["OUTBOX_IN_PROCESS"] and app.config["MAIL_BACKEND"] is not None:
        # `make run`: mail works out of the box, through a worker thread of the development server.
        from moderation.cli.outbox import start_in_process
        start_in_process(app)
