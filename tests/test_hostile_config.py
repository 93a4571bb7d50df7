"""Hostile and broken handoutkit.toml (issue 12): every value crosses the untrusted-text boundary, sizes
and depths are limited, every problem names the file and line, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handoutkit.config import load_config
from handoutkit.errors import ConfigError
from handoutkit.limits import Limits
from tests import hostile_support

HOSTILE = Path(__file__).parent / "data" / "hostile" / "text"
SCHEMAS = hostile_support.SCHEMAS


def config_error(name: str, tmp_path: Path) -> str:
    return hostile_support.config_error(HOSTILE, name, tmp_path)


# ---------------------------------------------------------------- configuration


def test_a_bom_in_the_configuration_is_explained(tmp_path: Path) -> None:
    message = config_error("bom.toml", tmp_path)
    assert message.startswith("handoutkit.toml:1: error: the file starts with a byte-order mark (U+FEFF)")


def test_a_finite_but_absurd_size_is_refused(tmp_path: Path) -> None:
    message = config_error("huge-body-size.toml", tmp_path)
    assert message == "handoutkit.toml:2: error: pdf body_size 1e+308 is above the maximum of 48 [config]"


@pytest.mark.parametrize("name", ["script-link-template.toml", "data-link-template.toml"])
def test_a_script_or_data_link_template_is_refused(name: str, tmp_path: Path) -> None:
    message = config_error(name, tmp_path)
    assert message.startswith("handoutkit.toml:2: error: sms link_template: ")
    assert "is a script or local address" in message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("control-in-organization.toml", "handoutkit.toml:2: error: organization.name: U+000B (a control character)"),
        ("override-in-rights.toml", "handoutkit.toml:1: error: rights: U+202E RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_a_refused_character_in_a_configuration_value_is_an_error(name: str, expected: str, tmp_path: Path) -> None:
    assert config_error(name, tmp_path).startswith(expected)


def test_limits_are_read_from_their_table(tmp_path: Path) -> None:
    shutil.copy(HOSTILE / "config" / "limits.toml", tmp_path / "handoutkit.toml")
    limits = load_config(tmp_path, SCHEMAS).limits
    assert limits == Limits(handout_bytes=20_000, nesting=8)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("limits-unknown-key.toml", "handoutkit.toml:2: error: unknown key 'handout_size' in limits"),
        ("limits-out-of-range.toml", "handoutkit.toml:3: error: limits nesting 1000 is above the maximum of 20"),
        ("limits-not-a-table.toml", "handoutkit.toml:1: error: 'limits' must be a table"),
    ],
)
def test_limits_are_checked_like_every_other_table(name: str, expected: str, tmp_path: Path) -> None:
    assert config_error(name, tmp_path).startswith(expected)


def test_deeply_nested_toml_is_an_error_not_a_recursion_error(tmp_path: Path) -> None:
    (tmp_path / "handoutkit.toml").write_text("x = " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path, SCHEMAS)
    assert str(raised.value).startswith("handoutkit.toml")
