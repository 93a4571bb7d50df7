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
        ("en-GB-oxendict", "'en-GB-oxendict': Babel has no locale for 'oxendict' in it: write 'en-GB'"),
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
