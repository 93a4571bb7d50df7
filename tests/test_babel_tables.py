"""What handoutkit reads from tables made from Babel (scripts/generate_babel_tables.py) instead of asking
Babel, so that a build does not import Babel nor load a locale for it (issue 13): each language's names
and direction, the parsing of its code, and the long date a handout is updated on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import babel
import pytest
from babel import Locale, localedata
from babel.dates import format_date

from handoutkit import date_table, language_table
from handoutkit.languages import _facts, babel_tables_current, parse_language
from handoutkit.long_dates import long_date
from scripts.generate_babel_tables import fresh_locale, style

DATES = (dt.date(2026, 11, 25), dt.date(2027, 1, 3), dt.date(1999, 7, 9), dt.date(2008, 12, 31), dt.date(5, 2, 1))
"""Single and double-digit days and months, every length of year, the first and last month."""


@dataclass
class Differences:
    """Where the tables and handoutkit's readings of them differ from Babel, locale by locale."""

    locales: list[str] = field(default_factory=list)
    names: list[object] = field(default_factory=list)
    styles: list[object] = field(default_factory=list)
    dates: list[object] = field(default_factory=list)
    codes: list[object] = field(default_factory=list)


@pytest.fixture(scope="module")
def differences() -> Iterator[Differences]:
    """One reading of every locale Babel has, each fresh, as a build process reads it (14 s in all)."""
    found = Differences()
    for identifier in sorted(localedata.locale_identifiers()):
        locale = fresh_locale(identifier)
        key = str(locale)
        found.locales.append(key)
        names = (locale.english_name or "", locale.display_name or "", locale.text_direction)
        if language_table.NAMES.get(key) != names:
            found.names.append((key, language_table.NAMES.get(key), names))
        if key not in date_table.LONG_DATE or date_table.STYLES[date_table.LONG_DATE[key]] != style(locale):
            found.styles.append(key)
        babels = [format_date(day, format="long", locale=locale) for day in DATES]
        ours = [long_date(day, key) for day in DATES]
        if ours != babels:
            found.dates.append((key, ours, babels))
        parts = [part for part in (locale.language, locale.script, locale.territory, locale.variant) if part]
        for code in (key, key.replace("_", "-")):
            parsed = parse_language(code)
            if (parsed.gettext, parsed.tag) != ("_".join(parts), "-".join(parts)):
                found.codes.append((code, parsed))
    yield found
    localedata._cache.clear()


def test_the_tables_were_made_from_the_installed_babel() -> None:
    assert babel.__version__ == language_table.BABEL_VERSION == date_table.BABEL_VERSION, (
        "run scripts/generate_babel_tables.py"
    )


def test_the_tables_hold_every_locale_babel_has_and_no_other(differences: Differences) -> None:
    assert sorted(language_table.NAMES) == sorted(date_table.LONG_DATE) == differences.locales


def test_every_locale_has_babels_names_and_direction(differences: Differences) -> None:
    assert differences.names == []


def test_every_locale_has_babels_long_date_format(differences: Differences) -> None:
    assert differences.styles == []


def test_every_locale_writes_every_date_as_babel_does(differences: Differences) -> None:
    assert differences.dates == []


def test_every_locale_babel_names_is_parsed_as_babel_parses_it(differences: Differences) -> None:
    assert differences.codes == []


@pytest.mark.parametrize("code", ["en", "es", "vi", "zh-Hans", "ar", "fa", "he", "ur", "pt-BR", "sr-Latn"])
def test_a_language_has_babels_names_and_direction(code: str) -> None:
    language = parse_language(code)
    locale = Locale.parse(language.gettext)
    assert (language.english_name, language.native_name, language.direction) == (
        locale.english_name,
        locale.display_name,
        locale.text_direction,
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "November 25, 2026"),
        ("es", "25 de noviembre de 2026"),
        ("zh_Hans", "2026年11月25日"),
        ("vi", "25 tháng 11, 2026"),
        ("ar", "25 نوفمبر 2026"),
    ],
)
def test_the_projects_languages_write_their_dates_as_their_readers_expect(locale: str, expected: str) -> None:
    assert long_date(dt.date(2026, 11, 25), locale) == expected


def test_names_come_from_babel_when_another_version_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_table, "NAMES", {"ar": ("Wrong", "Wrong", "ltr")})
    _facts.cache_clear()
    try:
        assert _facts("ar") == ("Wrong", "Wrong", "ltr")  # the table is used while the versions agree
        monkeypatch.setattr(language_table, "BABEL_VERSION", "0.0")
        _facts.cache_clear()
        babel_tables_current.cache_clear()
        assert _facts("ar") == ("Arabic", "العربية", "rtl")
        assert parse_language("ar").gettext == "ar"  # asked of Babel
    finally:
        _facts.cache_clear()
        babel_tables_current.cache_clear()
        parse_language.cache_clear()


def test_dates_come_from_babel_when_another_version_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = ((("y", 1), " is wrong"), (), ("", ""))
    monkeypatch.setattr(date_table, "STYLES", (wrong,))
    monkeypatch.setattr(date_table, "LONG_DATE", {"en": 0})
    babel_tables_current.cache_clear()
    try:
        assert long_date(dt.date(2026, 11, 25), "en") == "2026 is wrong"  # the table, while the versions agree
        monkeypatch.setattr(date_table, "BABEL_VERSION", "0.0")
        babel_tables_current.cache_clear()
        assert long_date(dt.date(2026, 11, 25), "en") == "November 25, 2026"
    finally:
        babel_tables_current.cache_clear()


def test_a_locale_the_date_table_lacks_is_asked_of_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(date_table, "LONG_DATE", {})
    assert long_date(dt.date(2026, 11, 25), "es") == "25 de noviembre de 2026"
