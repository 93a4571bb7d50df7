"""handoutkit.toml: defaults, overrides per language, and every bad value named by file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handoutkit.config import load_config
from handoutkit.errors import ConfigError
from handoutkit.languages import parse_language

CONFIGS = Path(__file__).parent / "data" / "config"


def load(tmp_path: Path, name: str):
    shutil.copy(CONFIGS / f"{name}.toml", tmp_path / "handoutkit.toml")
    return load_config(tmp_path)


def error_of(tmp_path: Path, name: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, name)
    return str(caught.value)


def test_a_missing_file_means_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config.path is None
    assert [lang.tag for lang in config.languages] == ["en"]
    assert config.min_coverage == 100
    settings = config.settings_for(parse_language("en"))
    assert (settings.pdf.body_size, settings.pdf.line_spacing, settings.pdf.page_size) == (18, 1.5, "letter")
    assert settings.sms.parts == 2


def test_per_language_values_override_the_base(tmp_path):
    config = load(tmp_path, "overrides")
    spanish = config.settings_for(parse_language("es"))
    chinese = config.settings_for(parse_language("zh-Hans"))
    assert spanish.organization.phone == "555-0101"
    assert spanish.organization.name == "Clinic"
    assert chinese.organization.phone == "555-0100"
    assert chinese.pdf.body_size == 24 and spanish.pdf.body_size == 20
    assert [lang.tag for lang in config.languages] == ["en", "es", "zh-Hans"]
    assert config.min_coverage == 90


def test_an_unknown_key_is_an_error_naming_file_and_line(tmp_path):
    assert error_of(tmp_path, "unknown-key").startswith("handoutkit.toml:5: error: unknown key 'font_colour' in pdf")


def test_an_unknown_top_level_key_names_its_line(tmp_path):
    assert error_of(tmp_path, "unknown-top-key").startswith("handoutkit.toml:2: error: unknown key 'langauges'")


def test_a_body_size_below_large_print_is_refused(tmp_path):
    assert "handoutkit.toml:3: error: pdf body_size 14 is below the large-print minimum of 18 pt" in error_of(
        tmp_path, "small-body"
    )


def test_a_line_spacing_below_the_minimum_is_refused(tmp_path):
    assert "handoutkit.toml:2: error: pdf line_spacing 1.0 is below the minimum of 1.15" in error_of(
        tmp_path, "low-spacing"
    )


def test_an_unknown_language_code_is_refused(tmp_path):
    assert "handoutkit.toml:1: error: unknown language code: 'xx'" in error_of(tmp_path, "unknown-language")


def test_invalid_toml_names_the_line(tmp_path):
    assert error_of(tmp_path, "not-toml").startswith("handoutkit.toml:2: error: not valid TOML")


def test_an_override_for_a_language_not_built_is_refused(tmp_path):
    message = error_of(tmp_path, "override-unknown-language")
    assert message.startswith("handoutkit.toml:3: error: [language.fr] is for a language that is not in 'languages'")


def test_a_collection_file_name_cannot_leave_the_output_folder(tmp_path):
    assert "handoutkit.toml:2: error: collection file_name '../escape'" in error_of(tmp_path, "bad-file-name")


def test_a_value_of_the_wrong_type_is_refused(tmp_path):
    assert "handoutkit.toml:2: error: 'parts' must be a number, not 'two'" in error_of(tmp_path, "wrong-type")


def test_the_project_configuration_is_valid():
    config = load_config(Path(__file__).resolve().parent.parent)
    assert [lang.tag for lang in config.languages] == ["en", "es", "vi", "zh-Hans", "ar"]
    assert config.settings_for(parse_language("es")).organization.phone != config.base.organization.phone


def test_a_logo_needs_its_text_alternative(tmp_path):
    assert "handoutkit.toml:3: error: organization logo needs logo_alt" in error_of(tmp_path, "logo-without-alt")
