"""Configuration: every setting is documented, and the visit settings read from the environment."""

from __future__ import annotations

import pytest

from config import SETTINGS, ConfigError, load_config
from tests.support import PROJECT_ROOT


def test_every_setting_is_in_the_readme_configuration_table():
    readme = (PROJECT_ROOT / "README.md").read_text()
    missing = [setting.env for setting in SETTINGS if f"| `{setting.env}` |" not in readme]
    assert missing == []


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
