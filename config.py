"""Configuration: safe defaults per environment, overridden by `CMS_*` environment variables.

Every setting the application reads is declared once in `SETTINGS`, with its variable, type,
default and meaning; `load_config()` is the only place that reads the environment, and the
README's settings table is checked against `SETTINGS` by a test. Nothing here runs at import
time: `cms.create_app()` calls `load_config()`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent

ENVIRONMENTS = ("development", "testing", "production")


def _bool(value: str) -> bool:
    """Parse the usual spellings of a yes/no environment value."""
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _fraction(value: str) -> float:
    """A number strictly between 0 and 1 (a probability threshold)."""
    number = float(value)
    if not 0.0 < number < 1.0:
        raise ValueError(f"must be between 0 and 1, not {value!r}")
    return number


def _names(value: str) -> frozenset[str]:
    """A comma-separated list of names, lowercased, blanks ignored."""
    return frozenset(name.strip().lower() for name in value.split(",") if name.strip())


@dataclass(frozen=True)
class Setting:
    """One configuration value: the Flask config key, its environment variable and its meaning."""

    key: str
    env: str
    parse: Callable[[str], Any]
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("CMS_ENV", "CMS_ENV", str, "development",
            "`development`, `testing` or `production`; production refuses to start without CMS_SECRET_KEY."),
    Setting("SECRET_KEY", "CMS_SECRET_KEY", str, None,
            "Signs sessions and CSRF tokens. Required in production; in development one is generated "
            "once and kept in the instance folder."),
    Setting("INSTANCE_PATH", "CMS_INSTANCE_PATH", str, str(PROJECT_ROOT / "instance"),
            "Folder for the SQLite files, the generated secret key, the demo credentials and beat's schedule."),
    Setting("SQLALCHEMY_DATABASE_URI", "CMS_DATABASE_URL", str, None,
            "SQLAlchemy URL of the database. Default: `sqlite:///<instance>/cms.sqlite3`. Production: "
            "`postgresql+psycopg://user:password@host/dbname`."),
    Setting("BROKER_URL", "CMS_BROKER_URL", str, None,
            "Celery broker. Default: `sqla+sqlite:///<instance>/broker.sqlite3` (kombu's SQLAlchemy "
            "transport). Production: `redis://host:6379/0` or `amqp://user:password@host:5672//`."),
    Setting("REDIS_URL", "CMS_REDIS_URL", str, None,
            "Redis for state shared by several web processes: rate-limit counters, page caches and the "
            "visit buffer. Unset: each process keeps its own in memory (right for one process)."),
    Setting("TIMEZONE", "CMS_TIMEZONE", str, "UTC",
            "IANA time zone of the site (`Europe/London`): decides what \"today\" is and how times are shown."),
    Setting("SITE_NAME", "CMS_SITE_NAME", str, "Sleep Well Notes",
            "The site's name, shown in page titles and the Atom feed."),
    Setting("TRUSTED_PROXIES", "CMS_TRUSTED_PROXIES", int, 0,
            "How many reverse proxies in front of the app to trust for `X-Forwarded-For`/`-Proto`/`-Host`. "
            "0 (default) ignores those headers, so clients cannot forge their address."),
    Setting("LOGIN_RATE_LIMIT", "CMS_LOGIN_RATE_LIMIT", str, "10/minute",
            "Login attempts (page and `POST /api/v1/tokens`) allowed per client address; `0` turns it off."),
    Setting("MAX_CONTENT_LENGTH", "CMS_MAX_BODY_BYTES", int, 1_048_576,
            "Largest request body accepted, in bytes; larger ones get 413."),
    Setting("PUBLISH_CHECK_SECONDS", "CMS_PUBLISH_CHECK_SECONDS", float, 20.0,
            "How often beat looks for scheduled publications that are due (seconds)."),
    Setting("COMMENT_RATE_LIMIT", "CMS_COMMENT_RATE_LIMIT", str, "5/minute",
            "Comments one client address may post (page and API), e.g. `5/minute` or `20/hour;5/minute`; "
            "`0` turns it off. Over it: 429 with Retry-After."),
    Setting("COMMENT_MAX_CHARS", "CMS_COMMENT_MAX_CHARS", int, 5000,
            "Longest comment body accepted, in characters; longer ones get 413."),
    Setting("COMMENT_BATCH_SIZE", "CMS_COMMENT_BATCH_SIZE", int, 200,
            "How many waiting comments one worker task claims and processes together."),
    Setting("COMMENT_SWEEP_SECONDS", "CMS_COMMENT_SWEEP_SECONDS", float, 30.0,
            "How often beat looks for comments left `received` (a broker or worker was down)."),
    Setting("COMMENT_STALE_SECONDS", "CMS_COMMENT_STALE_SECONDS", float, 60.0,
            "A comment still `received` after this long is sent to the workers again."),
    Setting("COMMENT_CLAIM_SECONDS", "CMS_COMMENT_CLAIM_SECONDS", float, 180.0,
            "A worker's claim on a batch older than this is taken to be dead (the worker crashed) and "
            "released; it must exceed the task's time limit (120 s)."),
    Setting("SESSION_COOKIE_SECURE", "CMS_SECURE_COOKIES", _bool, False,
            "Send cookies only over HTTPS. On by default in production."),
    Setting("SPAM_THRESHOLD", "CMS_SPAM_THRESHOLD", _fraction, 0.78,
            "Spam score (0-1) at which a comment is quarantined as `spam` instead of queued; chosen "
            "from the benchmark (README, Spam checking)."),
    Setting("SPAM_LOG_ONLY", "CMS_SPAM_LOG_ONLY", _names, frozenset(),
            "Spam checks that run and are reported but do not count, comma-separated (`shouting,links`; "
            "names in README, Spam checking): see what a rule would do before it acts."),
    Setting("SPAM_TRUSTED_DOMAINS", "CMS_SPAM_TRUSTED_DOMAINS", _names,
            frozenset({"nhs.uk", "gov.uk", "nice.org.uk", "who.int", "nih.gov", "cdc.gov", "europa.eu"}),
            "Link domains (and their subdomains) the link checks ignore: the site's own and the health "
            "sources readers cite. Comma-separated; setting it replaces the default list."),
    Setting("COUNT_VISITS", "CMS_COUNT_VISITS", _bool, True,
            "Count readers' views of article pages. `0` turns counting off (the benchmark's floor); "
            "the counts already stored are still shown."),
    Setting("READER_FAST_PATH", "CMS_READER_FAST_PATH", _bool, True,
            "Answer anonymous readers' article pages and API reads from the page cache before Flask "
            "(`cms/fast_path.py`; the same bytes, several times cheaper). `0` sends every request through Flask."),
    Setting("INTAKE_FAST_PATH", "CMS_INTAKE_FAST_PATH", _bool, True,
            "Take anonymous readers' comment POSTs to the API in before Flask (`cms/intake_path.py`; "
            "the same checks, budget and bytes, about half the cost). `0` sends every POST through Flask."),
    Setting("READER_ROW_CACHE", "CMS_READER_ROW_CACHE", _bool, True,
            "With CMS_REDIS_URL set, each web process keeps the articles' reader rows it has read and "
            "forgets them when any process commits a change (`cms/reader_rows.py`): the fast path then "
            "costs no database round trip. `0` reads the row on every request."),
    Setting("VISIT_FLUSH_SECONDS", "CMS_VISIT_FLUSH_SECONDS", float, 1.0,
            "How often each web process hands its buffered views to a worker (seconds). `0` turns the "
            "background flush off: views are then flushed only at shutdown (the test suite uses it)."),
)

ENVIRONMENT_DEFAULTS: dict[str, dict[str, Any]] = {
    "development": {},
    "testing": {"TESTING": True, "LOGIN_RATE_LIMIT": "0", "COMMENT_RATE_LIMIT": "0",
                "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"},
    "production": {"SESSION_COOKIE_SECURE": True},
}


class ConfigError(RuntimeError):
    """Raised by the factory when the configuration cannot run safely."""


def load_config(overrides: Mapping[str, Any] | None = None,
                environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask config: defaults, then the environment, then explicit overrides (tests)."""
    environ = os.environ if environ is None else environ
    overrides = dict(overrides or {})
    env_name = overrides.get("CMS_ENV") or environ.get("CMS_ENV") or "development"
    if env_name not in ENVIRONMENTS:
        raise ConfigError(f"CMS_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env_name!r}")
    config: dict[str, Any] = {s.key: s.default for s in SETTINGS}
    config.update(ENVIRONMENT_DEFAULTS[env_name])
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is not None and raw != "":
            try:
                config[setting.key] = setting.parse(raw)
            except ValueError as exc:
                raise ConfigError(f"{setting.env}: {exc}") from exc
    config.update(overrides)
    config["CMS_ENV"] = env_name
    return _derive(config)


def _derive(config: dict[str, Any]) -> dict[str, Any]:
    """Fill the values that follow from others (paths in the instance folder, Celery's dict)."""
    instance = Path(config["INSTANCE_PATH"]).resolve()
    config["INSTANCE_PATH"] = str(instance)
    if not config["SQLALCHEMY_DATABASE_URI"]:
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'cms.sqlite3'}"
    if not config["BROKER_URL"]:
        config["BROKER_URL"] = f"sqla+sqlite:///{instance / 'broker.sqlite3'}"
    config["SQLALCHEMY_ENGINE_OPTIONS"] = _engine_options(config["SQLALCHEMY_DATABASE_URI"])
    config["RATELIMIT_STORAGE_URI"] = config["REDIS_URL"] or "memory://"
    config["WTF_CSRF_TIME_LIMIT"] = None  # tokens live as long as the session
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["REMEMBER_COOKIE_HTTPONLY"] = True
    config["CELERY"] = _celery_config(config)
    return config


def _engine_options(url: str) -> dict[str, Any]:
    """SQLite waits for a busy writer instead of failing; other databases keep pool defaults (and
    ping a connection only after it sat idle: `cms/pool_ping.py`, installed by the factory)."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    return {}


def _celery_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """Celery settings: tasks are idempotent, so they ack late; the web side never waits on a broker."""
    return {
        "broker_url": config["BROKER_URL"],
        "task_ignore_result": True,
        "result_backend": None,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_publish_retry": False,
        "broker_connection_timeout": 2.0,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": _transport_options(config["BROKER_URL"]),
        "timezone": "UTC",
        "beat_schedule_filename": str(Path(config["INSTANCE_PATH"]) / "celerybeat-schedule"),
    }


def _transport_options(broker_url: str) -> dict[str, Any]:
    """Publishing never retries a refused connection (the sweeper catches up, the request must not wait).

    Redis redelivers a task unacknowledged after an hour; kombu's SQL transport takes engine options.
    """
    options: dict[str, Any] = {"max_retries": 0}
    if broker_url.startswith(("redis", "rediss")):
        options["visibility_timeout"] = 3600
    if broker_url.startswith(("sqla+", "sqlalchemy+")):
        options["connect_args"] = {"timeout": 30}
    return options


def ensure_secret_key(config: dict[str, Any]) -> None:
    """Production must be given a key; development and tests get one kept in the instance folder."""
    if config.get("SECRET_KEY"):
        return
    if config["CMS_ENV"] == "production":
        raise ConfigError("CMS_SECRET_KEY must be set in production")
    key_file = Path(config["INSTANCE_PATH"]) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    config["SECRET_KEY"] = key_file.read_text().strip()
