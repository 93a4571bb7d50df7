"""Which language codes a project may use: the code it writes is the code its documents carry.

Babel resolves more codes than a handout should carry: it reads ``und`` ("undetermined") as American
English, ``iw`` (the old code for Hebrew) as ``he-IL``, drops a variant it has no data for, and fills in
a region from an unknown one. A code that would change that way is refused with the code to write
instead; a code Babel only completes with the script its region implies (``zh-TW`` is ``zh-Hant-TW``,
see test_locale_folders.py) is taken.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handoutkit.config import load_config
from handoutkit.errors import ConfigError
from handoutkit.i18n.po import missing_catalog_advice
from handoutkit.languages import LanguageError, parse_language
from tests.conftest import DATA, run_cli


@pytest.mark.parametrize(
    ("code", "tag"),
    [
        ("es", "es"),
        ("zh_Hans", "zh-Hans"),
        ("zh-hans", "zh-Hans"),
        ("ar", "ar"),
        ("pt-BR", "pt-BR"),
        ("es-419", "es-419"),
        ("zh-TW", "zh-Hant-TW"),
        ("en-US-POSIX", "en-US-POSIX"),
    ],
)
def test_a_code_babel_has_a_locale_for_is_taken(code: str, tag: str) -> None:
    assert parse_language(code).tag == tag


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("iw", "'iw' is an old or alternative code for 'he': write 'he'"),
        ("iw-IL", "'iw-IL' is an old or alternative code for 'he-IL': write 'he-IL'"),
        ("in", "'in' is an old or alternative code for 'id': write 'id'"),
        ("ji", "'ji' is an old or alternative code for 'yi': write 'yi'"),
        ("mo", "'mo' is an old or alternative code for 'ro': write 'ro'"),
        ("ara", "'ara' is an old or alternative code for 'ar': write 'ar'"),
        ("und", "'und' means 'undetermined': name the language the text is written in"),
        ("und-Arab", "'und-Arab' means 'undetermined'"),
        ("zxx", "'zxx' means 'no linguistic content'"),
        ("en-ZZ", "'en-ZZ' names an unknown region (ZZ)"),
        ("prs-AF", "'prs-AF' is an old or alternative code for 'fa-AF': write 'fa-AF'"),
        ("sh-Latn", "'sh-Latn' is an old or alternative code for 'sr-Latn': write 'sr-Latn'"),
        # No advice where the modern form is not taken as written, or Babel has no locale for it:
        ("cnr-ME", "'cnr-ME' is an old or alternative code: Babel reads it as 'sr-Latn-ME'; write the code"),
        ("smo", "unknown language code: 'smo' (an old or alternative code for 'sm', which Babel has no locale"),
        # A part Babel would drop: what Babel would make of it, no advice (leaving a script or a variant
        # out can name another language).
        (
            "en-GB-oxendict",
            "'en-GB-oxendict': Babel has no locale for 'oxendict' in it (it would read the code as 'en-GB')",
        ),
        ("zh-Hant-CN", "'zh-Hant-CN': Babel has no locale for 'Hant' in it (it would read the code as 'zh-Hans-CN')"),
        ("zh-hakka", "'zh-hakka': Babel has no locale for 'hakka' in it (it would read the code as 'zh-Hans')"),
        ("es-999", "'es-999': Babel has no locale for '999' in it (it would read the code as 'es-ES')"),
    ],
)
def test_a_code_babel_would_rewrite_is_refused_with_the_code_to_write(code: str, message: str) -> None:
    with pytest.raises(LanguageError) as caught:
        parse_language(code)
    assert str(caught.value).startswith(message)


def test_the_configuration_names_the_line_of_an_old_code(tmp_path: Path) -> None:
    shutil.copy(DATA / "config/old-language-code.toml", tmp_path / "handoutkit.toml")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, {})
    assert "handoutkit.toml:1: error: 'iw' is an old or alternative code for 'he': write 'he'" in str(caught.value)


def test_lang_iw_on_the_command_line_says_to_write_he(project_copy) -> None:
    code, output = run_cli(project_copy("basic"), "--format", "text", "--lang", "iw")
    assert code == 2
    assert "--lang: 'iw' is an old or alternative code for 'he': write 'he'" in output


def test_a_vertical_script_has_a_direction_html_accepts() -> None:
    # Babel's text_direction for Mongolian script is "ttb"; HTML's dir takes ltr, rtl or auto.
    assert parse_language("mn-Mong").direction == "ltr"
    assert parse_language("ar").direction == "rtl"
    assert parse_language("he").direction == "rtl"


def test_a_catalog_folder_named_by_an_old_code_is_named_where_the_catalog_is_missing(tmp_path: Path) -> None:
    (tmp_path / "locales" / "iw" / "LC_MESSAGES").mkdir(parents=True)
    he = parse_language("he")
    assert missing_catalog_advice(tmp_path / "locales", he) == (
        "locales/iw/ is named by an old code for he: rename it locales/he/"
    )
    assert missing_catalog_advice(tmp_path / "locales", parse_language("es")) == "run: init --lang es"


def test_check_says_to_rename_a_poedit_folder_made_under_iw(project_copy) -> None:
    project = project_copy("basic")
    config = project / "handoutkit.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('"ar"', '"ar", "he"'), encoding="utf-8")
    shutil.copytree(project / "locales" / "es", project / "locales" / "iw")
    _, output = run_cli(project, "check", "--lang", "he")
    assert (
        "locales/he/LC_MESSAGES/basic.po: warning: no he catalog "
        "(locales/iw/ is named by an old code for he: rename it locales/he/)"
    ) in output


def test_a_header_language_under_an_old_code_says_which_code_to_write(project_copy) -> None:
    project = project_copy("basic")
    catalog = project / "locales" / "es" / "LC_MESSAGES" / "basic.po"
    text = catalog.read_text(encoding="utf-8")
    assert '"Language: es\\n"' in text
    catalog.write_text(text.replace('"Language: es\\n"', '"Language: spa\\n"'), encoding="utf-8")
    _, output = run_cli(project, "check", "--lang", "es")
    assert "warning: its header says Language: 'spa', an old code for es: write es" in output


def test_a_refused_code_in_a_list_over_several_lines_is_named_at_its_own_line(tmp_path: Path) -> None:
    shutil.copy(DATA / "config/old-code-in-long-list.toml", tmp_path / "handoutkit.toml")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, {})
    assert str(caught.value).startswith("handoutkit.toml:4: error: 'iw' is an old or alternative code for 'he'")
