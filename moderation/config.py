"""Configuration: defaults and environment variables, read once, no logic beyond parsing.

Nothing else in the package reads ``os.environ``; everything goes through
``app.config``, which ``load()`` fills.
"""
import os
import secrets
from pathlib import Path


def _int(name, default):
    value = os.environ.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a whole number, not {value!r}.") from None


def _list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_url(url):
    """Pick psycopg 3 for every spelling of a PostgreSQL URL."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _dev_secret(instance_path):
    """A random per-checkout secret for development, kept in instance/ (never in the repo)."""
    path = Path(instance_path) / "dev-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


class ConfigError(RuntimeError):
    """Raised at start-up when the environment cannot run the service safely."""


LIMIT_SETTINGS = ("COMMENT_RATE_LIMIT", "COMMENT_RATE_LIMIT_PER_ARTICLE", "REPORT_RATE_LIMIT", "LIKE_RATE_LIMIT")


def _check_limits(settings):
    """A mistyped limit must stop start-up, not surface on the first comment someone sends."""
    from limits import parse_many

    for name in LIMIT_SETTINGS:
        try:
            parse_many(settings[name])
        except (TypeError, ValueError):
            raise ConfigError(f"{name} is not a rate limit such as '5 per minute;40 per day': "
                              f"{settings[name]!r}") from None


def _check_password_hashing(settings):
    """Only the test suite may hash passwords at a lower scrypt cost: it creates and logs in
    moderators by the hundred, where the full cost was ~40 % of the CPU of the web tests."""
    method = settings["PASSWORD_HASH_METHOD"]
    if method != "scrypt" and not (settings.get("TESTING") and method.startswith("scrypt:")):
        raise ConfigError(f"PASSWORD_HASH_METHOD {method!r} is for the test suite only; leave it unset.")


def _bool(name, default="0"):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def _mail(env):
    """Mail settings: SMTP when MAIL_SERVER is set; otherwise the console in development (and
    tests use the in-memory backend) and no notifications at all in production."""
    server = os.environ.get("MAIL_SERVER", "").strip()
    if server:
        backend = "smtp"
    elif env in ("development", "testing"):
        backend = "console"
    else:
        backend = None
    return {
        "MAIL_SERVER": server or "localhost",
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS"),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL"),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "Ý kiến bạn đọc <no-reply@localhost>"),
        # A wedged SMTP server must cost the worker seconds, never hang it.
        "MAIL_TIMEOUT": _int("MAIL_TIMEOUT", 10),
        # None: notifications off (production without MAIL_SERVER); the outbox stays empty.
        "MAIL_BACKEND": backend,
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "").strip().rstrip("/"),
        # `make run` sets it: the development server runs the outbox worker in a thread.
        "OUTBOX_IN_PROCESS": _bool("OUTBOX_IN_PROCESS"),
    }


def _check_mail(settings):
    if settings["MAIL_USE_TLS"] and settings["MAIL_USE_SSL"]:
        raise ConfigError("MAIL_USE_TLS và MAIL_USE_SSL không thể cùng bật: chọn một trong hai.")
    if settings["MAIL_BACKEND"] == "smtp" and settings["APP_ENV"] not in ("development", "testing") \
            and not settings["PUBLIC_URL"]:
        raise ConfigError("Đã đặt MAIL_SERVER nhưng chưa đặt PUBLIC_URL. Hãy đặt PUBLIC_URL là địa chỉ "
                          "công khai của dịch vụ (ví dụ https://binhluan.example.vn): mọi liên kết trong "
                          "email đều dựa vào nó.")


def load(instance_path, overrides=None):
    """Return the settings for this process as a dict for ``app.config``; ``overrides`` win."""
    overrides = overrides or {}
    env = overrides.get("APP_ENV", os.environ.get("APP_ENV", "production"))
    secret = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret:
        if env not in ("development", "testing"):
            raise ConfigError(
                "SECRET_KEY is not set. Set it to a long random string "
                "(python3 -c 'import secrets; print(secrets.token_urlsafe(48))'), "
                "or set APP_ENV=development for a local throw-away key."
            )
        secret = _dev_secret(instance_path)
    default_db = "sqlite:///" + str(Path(instance_path) / "moderation.db")
    db_url = database_url(overrides.get("SQLALCHEMY_DATABASE_URI") or os.environ.get("DATABASE_URL", default_db))
    # No pool_pre_ping: its SELECT 1 was a round trip of every request. On PostgreSQL a connection
    # the server dropped is replaced on checkout by services/pool_liveness.py; a SQLite file has
    # no server to lose.
    engine_options = {}
    if not db_url.startswith("sqlite"):
        engine_options.update(pool_size=_int("DB_POOL_SIZE", 5),
                              max_overflow=_int("DB_MAX_OVERFLOW", 10), pool_timeout=_int("DB_POOL_TIMEOUT", 5),
                              # A database that went away must cost a request seconds, not a worker timeout.
                              connect_args={"connect_timeout": _int("DB_CONNECT_TIMEOUT", 3)})
    # memory-swept://: limits' in-process storage without its thread per write (http/limit_storage.py).
    limiter_uri = os.environ.get("RATELIMIT_STORAGE_URI", "memory-swept://")
    limiter_options = {}
    if limiter_uri.startswith(("redis", "rediss")):
        # A wedged Redis must not hold a worker: fail fast, then Flask-Limiter falls back to memory.
        timeout = float(os.environ.get("RATELIMIT_STORAGE_TIMEOUT", "0.5"))
        limiter_options = {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    settings = {
        "APP_ENV": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": db_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
        "RATELIMIT_STORAGE_URI": limiter_uri,
        "RATELIMIT_STORAGE_OPTIONS": limiter_options,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        # Instances of one deployment share counters under this prefix; another deployment picks its own.
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "ykbd"),
        "ALLOWED_ORIGINS": _list("ALLOWED_ORIGINS"),
        "COMMENT_RATE_LIMIT": os.environ.get("COMMENT_RATE_LIMIT", "5 per minute;40 per day"),
        "COMMENT_RATE_LIMIT_PER_ARTICLE": os.environ.get("COMMENT_RATE_LIMIT_PER_ARTICLE", "3 per minute;10 per day"),
        "REPORT_RATE_LIMIT": os.environ.get("REPORT_RATE_LIMIT", "10 per minute;100 per day"),
        "LIKE_RATE_LIMIT": os.environ.get("LIKE_RATE_LIMIT", "30 per minute"),
        "COMMENT_MAX_LENGTH": _int("COMMENT_MAX_LENGTH", 3000),
        "COMMENT_MAX_LINKS": _int("COMMENT_MAX_LINKS", 2),
        "COMMENT_MIN_SECONDS": _int("COMMENT_MIN_SECONDS", 3),
        "DUPLICATE_WINDOW_SECONDS": _int("DUPLICATE_WINDOW_SECONDS", 600),
        # Worker processes that render an import's texts (services/textpool.py); 0: the importing process.
        "IMPORT_WORKERS": _int("IMPORT_WORKERS", os.cpu_count() or 1),
        "COUNTS_MAX_AGE": _int("COUNTS_MAX_AGE", 30),
        # Each worker serves a count answer again for this long, then with what is left of max-age; 0: off.
        "COUNTS_CACHE_SECONDS": _int("COUNTS_CACHE_SECONDS", 5),
        # Successful count answers are built before Flask dispatches (moderation/http/counts_fast_path.py).
        "COUNTS_FAST_PATH": os.environ.get("COUNTS_FAST_PATH", "1") == "1",
        # A plain successful like is answered before Flask dispatches (moderation/http/like_fast_path.py).
        "LIKE_FAST_PATH": os.environ.get("LIKE_FAST_PATH", "1") == "1",
        # A plain comment from comments.js is stored and acknowledged before Flask dispatches
        # (moderation/http/submission_fast_path.py).
        "SUBMISSION_FAST_PATH": os.environ.get("SUBMISSION_FAST_PATH", "1") == "1",
        # The thread (GET .../articles/<id>/comments): seconds a CDN or browser may keep it, and how long
        # each worker serves an answer it built again (the counts' rule, http/counts_cache.py); 0: off.
        "THREAD_MAX_AGE": _int("THREAD_MAX_AGE", 15),
        "THREAD_CACHE_SECONDS": _int("THREAD_CACHE_SECONDS", 5),
        "PROXY_COUNT": _int("PROXY_COUNT", 0),
        # Limits and IP bans key an IPv6 client on its network of this many bits (a subscriber's /64).
        "IPV6_PREFIX": _int("IPV6_PREFIX", 64),
        "MAX_CONTENT_LENGTH": _int("MAX_CONTENT_LENGTH", 64 * 1024),
        "SESSION_COOKIE_HTTPONLY": True,
        # Secure is also set per request whenever the request came over https (moderation/http/sessions.py).
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "LOGIN_RATE_LIMIT_PER_IP": os.environ.get("LOGIN_RATE_LIMIT_PER_IP", "20 per 15 minutes"),
        "LOGIN_RATE_LIMIT_PER_USER": os.environ.get("LOGIN_RATE_LIMIT_PER_USER", "5 per 15 minutes"),
        "QUEUE_PAGE_SIZE": _int("QUEUE_PAGE_SIZE", 50),
        # A moderator's session ends after this long without a request (and at logout).
        "SESSION_IDLE_MINUTES": _int("SESSION_IDLE_MINUTES", 720),
        # werkzeug's scrypt at its default cost (N=2**15, ~120 ms a hash). Not read from the
        # environment: only a test config may lower it (see _check_password_hashing).
        "PASSWORD_HASH_METHOD": "scrypt",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
    } | _mail(env) | overrides
    if not settings["PUBLIC_URL"] and env in ("development", "testing"):
        # The development server's own address, where `make run` serves.
        settings["PUBLIC_URL"] = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
    _check_limits(settings)
    _check_mail(settings)
    _check_password_hashing(settings)
    if not 1 <= settings["IPV6_PREFIX"] <= 128:
        raise ConfigError(f"IPV6_PREFIX must be between 1 and 128, not {settings['IPV6_PREFIX']!r}.")
    return settings
