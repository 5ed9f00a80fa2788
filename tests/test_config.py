"""Configuration: every setting is documented, parsed from the environment, and safe by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import SETTINGS, ConfigError, ensure_secret_key, load_config

README = Path(__file__).resolve().parent.parent / "README.md"


def _configuration_table() -> str:
    text = README.read_text()
    start = text.index("## Configuration")
    return text[start: text.index("\n## ", start + 1)]


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.env for s in SETTINGS])
def test_every_setting_is_in_the_readme_table(setting):
    assert f"| `{setting.env}` |" in _configuration_table()


def test_environment_values_are_parsed_and_overrides_win():
    config = load_config({"TIMEZONE": "Europe/Paris"}, environ={"CMS_TIMEZONE": "Europe/London",
                                                                "CMS_COMMENT_BATCH_SIZE": "7"})
    assert (config["TIMEZONE"], config["COMMENT_BATCH_SIZE"]) == ("Europe/Paris", 7)


def test_a_malformed_value_names_its_variable():
    with pytest.raises(ConfigError, match="CMS_COMMENT_BATCH_SIZE"):
        load_config(environ={"CMS_COMMENT_BATCH_SIZE": "many"})


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    config = load_config(environ={"CMS_ENV": "production", "CMS_INSTANCE_PATH": str(tmp_path)})
    with pytest.raises(ConfigError, match="CMS_SECRET_KEY"):
        ensure_secret_key(config)


def test_development_keeps_a_generated_key_in_the_instance_folder(tmp_path):
    first = load_config(environ={"CMS_INSTANCE_PATH": str(tmp_path)})
    ensure_secret_key(first)
    second = load_config(environ={"CMS_INSTANCE_PATH": str(tmp_path)})
    ensure_secret_key(second)
    assert first["SECRET_KEY"] == second["SECRET_KEY"] and len(first["SECRET_KEY"]) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_the_embedded_default_needs_no_services(tmp_path):
    config = load_config(environ={"CMS_INSTANCE_PATH": str(tmp_path)})
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["CELERY"]["broker_url"].startswith("sqla+sqlite:///")
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_an_unknown_environment_name_is_refused():
    with pytest.raises(ConfigError):
        load_config(environ={"CMS_ENV": "staging"})


def test_visit_counting_is_on_by_default_and_flushes_every_second():
    config = load_config(environ={})
    assert config["COUNT_VISITS"] is True
    assert config["VISIT_FLUSH_SECONDS"] == 1.0


def test_visit_settings_are_read_from_the_environment():
    config = load_config(environ={"CMS_COUNT_VISITS": "off", "CMS_VISIT_FLUSH_SECONDS": "2.5"})
    assert config["COUNT_VISITS"] is False
    assert config["VISIT_FLUSH_SECONDS"] == 2.5


@pytest.mark.parametrize("variable, value", [("CMS_COUNT_VISITS", "maybe"), ("CMS_VISIT_FLUSH_SECONDS", "soon")])
def test_a_malformed_visit_setting_names_its_variable(variable, value):
    with pytest.raises(ConfigError, match=variable):
        load_config(environ={variable: value})


def test_a_sqlite_too_old_for_returning_is_refused_at_start_up_with_the_reason(tmp_path, monkeypatch):
    from cms import create_app, web
    from tests.conftest import test_settings

    monkeypatch.setattr(web.sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(web.sqlite3, "sqlite_version", "3.34.1")
    with pytest.raises(RuntimeError, match=r"SQLite is 3\.34\.1; the CMS needs 3\.35 or newer"):
        create_app(test_settings(tmp_path) | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}"})


def test_a_sqlite_built_without_json_functions_is_refused_at_start_up_with_the_reason(tmp_path, monkeypatch):
    import sqlite3

    from cms import create_app, web
    from tests.conftest import test_settings

    class WithoutJson:
        def execute(self, sql):
            raise sqlite3.OperationalError("no such table: json_each")

        def close(self):
            pass

    monkeypatch.setattr(web.sqlite3, "connect", lambda database: WithoutJson())
    with pytest.raises(RuntimeError, match=r"built without its JSON functions, which the CMS needs"):
        create_app(test_settings(tmp_path) | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'plain.sqlite3'}"})
