"""handoutkit.toml: defaults, overrides per language, and every bad value named by file and line.

The exporters' tables are checked against the schemas the built-in exporters declare (their own
options are specified beside them; the mechanism itself in test_exporter_options.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exporters.pdf.options import PdfOptions
from exporters.sms import SmsOptions
from handoutkit.config import load_config
from handoutkit.errors import ConfigError
from handoutkit.languages import parse_language

CONFIGS = Path(__file__).parent / "data" / "config"
SCHEMAS = {"pdf": PdfOptions, "sms": SmsOptions}


def load(tmp_path: Path, name: str):
    shutil.copy(CONFIGS / f"{name}.toml", tmp_path / "handoutkit.toml")
    return load_config(tmp_path, SCHEMAS)


def error_of(tmp_path: Path, name: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, name)
    return str(caught.value)


def test_a_missing_file_means_defaults(tmp_path):
    config = load_config(tmp_path, SCHEMAS)
    assert config.path is None
    assert [lang.tag for lang in config.languages] == ["en"]
    assert config.min_coverage == 100
    settings = config.settings_for(parse_language("en"))
    assert settings.options(PdfOptions) == PdfOptions()
    assert (settings.options(PdfOptions).body_size, settings.options(SmsOptions).parts) == (18, 2)


def test_per_language_values_override_the_base(tmp_path):
    config = load(tmp_path, "overrides")
    spanish = config.settings_for(parse_language("es"))
    chinese = config.settings_for(parse_language("zh-Hans"))
    assert spanish.organization.phone == "555-0101"
    assert spanish.organization.name == "Clinic"
    assert chinese.organization.phone == "555-0100"
    assert chinese.options(PdfOptions).body_size == 24 and spanish.options(PdfOptions).body_size == 20
    assert [lang.tag for lang in config.languages] == ["en", "es", "zh-Hans"]
    assert config.min_coverage == 90


def test_an_unknown_key_is_an_error_naming_file_and_line(tmp_path):
    assert error_of(tmp_path, "unknown-key").startswith("handoutkit.toml:5: error: unknown key 'font_colour' in pdf")


def test_an_unknown_top_level_key_names_its_line(tmp_path):
    assert error_of(tmp_path, "unknown-top-key").startswith("handoutkit.toml:2: error: unknown key 'langauges'")


def test_a_body_size_below_large_print_is_refused(tmp_path):
    assert "handoutkit.toml:3: error: pdf body_size 14 is below the minimum of 18" in error_of(tmp_path, "small-body")


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


def test_an_sms_link_template_may_use_only_id_lang_and_slug(tmp_path):
    message = error_of(tmp_path, "bad-link-template")
    expected = "handoutkit.toml:3: error: sms link_template: may use only {id}, {lang} and {slug}, not ['language']"
    assert expected in message


def test_an_unknown_table_names_its_line_and_the_exporters_that_have_options(tmp_path):
    message = error_of(tmp_path, "unknown-table")
    assert message.startswith("handoutkit.toml:4: error: unknown table [docx]: no installed exporter has options")
    assert "(exporters with options: pdf, sms;" in message


def test_a_table_of_an_exporter_that_could_not_be_loaded_is_left_unchecked(tmp_path):
    shutil.copy(CONFIGS / "small-body.toml", tmp_path / "handoutkit.toml")
    config = load_config(tmp_path, {"pdf": None, "sms": SmsOptions})
    assert config.settings_for(parse_language("en")).options(SmsOptions) == SmsOptions()


def test_the_project_configuration_is_valid():
    config = load_config(Path(__file__).resolve().parent.parent)  # with the exporters discovery finds
    assert [lang.tag for lang in config.languages] == ["en", "es", "vi", "zh-Hans", "ar"]
    assert config.settings_for(parse_language("es")).organization.phone != config.base.organization.phone


def test_a_logo_needs_its_text_alternative(tmp_path):
    assert "handoutkit.toml:3: error: organization logo needs logo_alt" in error_of(tmp_path, "logo-without-alt")


def test_an_sms_link_must_be_an_https_address(tmp_path):
    message = error_of(tmp_path, "plain-http-link-template")
    expected = "handoutkit.toml:3: error: sms link_template: must be an https:// web address (with no spaces)"
    assert expected in message


def test_a_language_listed_twice_is_refused_in_either_spelling(tmp_path):
    message = error_of(tmp_path, "duplicate-language")
    assert message.startswith("handoutkit.toml:3: error: 'languages' lists zh-Hans twice ('zh-Hans' and 'zh_Hans')")


def test_a_repeated_language_is_named_at_the_line_of_its_second_mention(tmp_path):
    message = error_of(tmp_path, "duplicate-language-lines")
    assert message.startswith("handoutkit.toml:5: error: 'languages' lists es twice ('es' and 'es')")
