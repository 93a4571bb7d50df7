"""Language names and directions come from a table made from Babel (scripts/generate_language_table.py),
so that naming the project's languages on the home page does not load each locale (issue 13)."""

from __future__ import annotations

import babel
import pytest
from babel import Locale

from handoutkit import language_table
from handoutkit.languages import _facts, parse_language
from scripts.generate_language_table import table


def test_the_table_is_what_the_installed_babel_says_for_every_locale() -> None:
    assert babel.__version__ == language_table.BABEL_VERSION, "run scripts/generate_language_table.py"
    assert table() == language_table.NAMES


@pytest.mark.parametrize("code", ["en", "es", "vi", "zh-Hans", "ar", "fa", "he", "ur", "pt-BR", "sr-Latn"])
def test_a_language_has_babels_names_and_direction(code: str) -> None:
    language = parse_language(code)
    locale = Locale.parse(language.gettext)
    assert (language.english_name, language.native_name, language.direction) == (
        locale.english_name,
        locale.display_name,
        locale.text_direction,
    )


def test_another_babel_version_is_asked_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_table, "NAMES", {"ar": ("Wrong", "Wrong", "ltr")})
    _facts.cache_clear()
    try:
        assert _facts("ar") == ("Wrong", "Wrong", "ltr")  # the table is used while the versions agree
        monkeypatch.setattr(language_table, "BABEL_VERSION", "0.0")
        _facts.cache_clear()
        assert _facts("ar") == ("Arabic", "العربية", "rtl")
    finally:
        _facts.cache_clear()
