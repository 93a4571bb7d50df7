"""The project's configuration, ``handoutkit.toml`` at the project root.

A missing file means defaults. Every key is checked: an unknown key, a value of the wrong type or one
below a standard's minimum is a :class:`ConfigError` naming the file and line.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from handoutkit.errors import ConfigError
from handoutkit.languages import Language, LanguageError, parse_language
from handoutkit.model import Origin

__all__ = [
    "CONFIG_FILE",
    "Config",
    "EpubOptions",
    "Organization",
    "PdfOptions",
    "Settings",
    "SmsOptions",
    "load_config",
]

CONFIG_FILE = "handoutkit.toml"

PAGE_SIZES = ("letter", "a4")
MIN_BODY_SIZE = 18.0
"""Large print starts at 18 pt (APH, ACB)."""
MIN_LINE_SPACING = 1.15
"""The lowest line spacing any large-print guideline accepts (ACB 2022)."""


@dataclass(frozen=True, slots=True)
class Organization:
    """Who hands the document out; printed in every long format when given."""

    name: str = ""
    phone: str = ""
    web: str = ""
    """The organization's web address (``https://...``)."""
    logo: str = ""
    """An image under ``source/`` (optional)."""
    logo_alt: str = ""
    """The logo's text alternative (required with a logo)."""


@dataclass(frozen=True, slots=True)
class PdfOptions:
    """Large-print PDF options; defaults follow standards.md section 1."""

    page_size: str = "letter"
    """``letter`` (US Letter) or ``a4``."""
    body_size: float = 18.0
    """Body text size in points, 18 or more."""
    line_spacing: float = 1.5
    """Line height as a multiple of the font size, 1.15 or more."""


@dataclass(frozen=True, slots=True)
class SmsOptions:
    """SMS options."""

    parts: int = 2
    """How many SMS parts one message may take (a document's ``sms_parts`` overrides it)."""
    link_template: str = ""
    """A link to the full handout appended to each message, with ``{lang}`` and ``{slug}``; empty: none."""


@dataclass(frozen=True, slots=True)
class EpubOptions:
    """EPUB options."""

    certified_by: str = ""
    """Who evaluated the books' accessibility (``a11y:certifiedBy``); the organization's name if empty."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The configuration as it applies to one language (per-language overrides applied)."""

    organization: Organization = Organization()
    publisher: str = ""
    rights: str = ""
    pdf: PdfOptions = PdfOptions()
    sms: SmsOptions = SmsOptions()
    epub: EpubOptions = EpubOptions()


@dataclass(frozen=True, slots=True)
class Config:
    """The whole configuration of a project."""

    path: Path | None
    """The file it was read from (None: defaults)."""
    source_language: Language
    languages: tuple[Language, ...]
    """The languages to build, the source language first."""
    collection_title: str
    """The collection book's title in the source language; translated through the ``ui`` domain."""
    collection_file_name: str
    """The collection's file name without suffix: ``output/<lang>/<file name>.epub``."""
    min_coverage: float
    """The share of a document's and the ``ui`` catalog's messages (0 to 100) that must be translated
    for a language to be exported."""
    base: Settings
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Raw per-language tables, by BCP 47 tag, already validated."""

    def settings_for(self, language: Language) -> Settings:
        """The settings for one language: the base settings with that language's overrides."""
        raw = self.overrides.get(language.tag)
        if not raw:
            return self.base
        return _apply(self.base, raw)


def _apply(instance: Any, raw: Mapping[str, Any]) -> Any:
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        current = getattr(instance, key)
        changes[key] = _apply(current, value) if dataclasses.is_dataclass(current) else value
    return dataclasses.replace(instance, **changes)


# ---------------------------------------------------------------- loading

_SLUGLIKE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_config(project: Path) -> Config:
    """Read ``handoutkit.toml`` in ``project`` (defaults when it does not exist)."""
    path = project / CONFIG_FILE
    if not path.exists():
        return _build({}, None, _Lines(""))
    raw_bytes = path.read_bytes()
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw_bytes[: error.start].count(b"\n") + 1
        raise ConfigError(Origin(CONFIG_FILE, line), "not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", 0) or _line_from_message(str(error))
        raise ConfigError(Origin(CONFIG_FILE, line), f"not valid TOML: {error}") from None
    return _build(data, path, _Lines(text))


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 0


class _Lines:
    """Finds the line a dotted key was written on, for error messages (tomllib keeps no positions)."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
    _KEY = re.compile(
        r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
    )

    def __init__(self, text: str) -> None:
        self.positions: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            if header := self._HEADER.match(line):
                table = self._split(header.group(1))
                self.positions.setdefault(table, number)
            elif key := self._KEY.match(line):
                self.positions.setdefault(table + self._split(key.group(1)), number)

    @staticmethod
    def _split(dotted: str) -> tuple[str, ...]:
        parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", dotted)
        return tuple(next(p for p in part if p) if any(part) else "" for part in parts)

    def line(self, keys: tuple[str, ...]) -> int:
        for end in range(len(keys), 0, -1):
            prefix = keys[:end]
            if prefix in self.positions:
                return self.positions[prefix]
            below = [line for key, line in self.positions.items() if key[:end] == prefix]
            if below:
                return min(below)
        return 0


_TOP_KEYS = {
    "source_language",
    "languages",
    "min_coverage",
    "publisher",
    "rights",
    "organization",
    "collection",
    "pdf",
    "sms",
    "epub",
    "language",
}
_LANGUAGE_KEYS = {"publisher", "rights", "organization", "pdf", "sms", "epub"}
_COLLECTION_KEYS = {"title", "file_name"}


def _build(data: dict[str, Any], path: Path | None, lines: _Lines) -> Config:
    def error(keys: tuple[str, ...], message: str) -> ConfigError:
        return ConfigError(Origin(CONFIG_FILE, lines.line(keys)), message)

    _no_unknown(data, _TOP_KEYS, (), error)

    source = _language(data.get("source_language", "en"), ("source_language",), error)
    codes = data.get("languages", [source.tag])
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise error(("languages",), "'languages' must be a non-empty list of language codes")
    languages: list[Language] = [source]
    for code in codes:
        language = _language(code, ("languages",), error)
        if language not in languages:
            languages.append(language)

    collection = data.get("collection", {})
    if not isinstance(collection, dict):
        raise error(("collection",), "'collection' must be a table")
    _no_unknown(collection, _COLLECTION_KEYS, ("collection",), error)
    title = _string(collection.get("title", "Handouts"), ("collection", "title"), error)
    file_name = _string(collection.get("file_name", "handouts"), ("collection", "file_name"), error)
    if not _SLUGLIKE.match(file_name):
        raise error(
            ("collection", "file_name"),
            f"collection file_name {file_name!r} must be lowercase letters, digits and hyphens",
        )

    coverage = data.get("min_coverage", 100)
    if isinstance(coverage, bool) or not isinstance(coverage, int | float) or not 0 <= coverage <= 100:
        raise error(("min_coverage",), "'min_coverage' must be a number from 0 to 100")

    base_raw = {k: v for k, v in data.items() if k in _LANGUAGE_KEYS}
    base = _apply(Settings(), _validated(Settings(), base_raw, (), error))

    _check_logo(base.organization, ("organization",), error)

    overrides: dict[str, Mapping[str, Any]] = {}
    per_language = data.get("language", {})
    if not isinstance(per_language, dict):
        raise error(("language",), "'language' must hold one table per language, e.g. [language.es.organization]")
    for code, table in per_language.items():
        language = _language(code, ("language", code), error)
        if language not in languages:
            raise error(("language", code), f"[language.{code}] is for a language that is not in 'languages'")
        if not isinstance(table, dict):
            raise error(("language", code), f"[language.{code}] must be a table")
        _no_unknown(table, _LANGUAGE_KEYS, ("language", code), error)
        overrides[language.tag] = MappingProxyType(_validated(Settings(), table, ("language", code), error))
        _check_logo(_apply(base, overrides[language.tag]).organization, ("language", code, "organization"), error)

    return Config(
        path=path,
        source_language=source,
        languages=tuple(languages),
        collection_title=title,
        collection_file_name=file_name,
        min_coverage=float(coverage),
        base=base,
        overrides=MappingProxyType(overrides),
    )


def _check_logo(organization: Organization, keys: tuple[str, ...], error: Any) -> None:
    if organization.logo and not organization.logo_alt.strip():
        raise error((*keys, "logo"), "organization logo needs logo_alt, a text alternative saying what it shows")


def _no_unknown(table: dict[str, Any], known: set[str], keys: tuple[str, ...], error: Any) -> None:
    for key in table:
        if key not in known:
            where = ".".join(keys) or "the top level"
            raise error((*keys, key), f"unknown key {key!r} in {where} (known: {', '.join(sorted(known))})")


def _language(code: Any, keys: tuple[str, ...], error: Any) -> Language:
    if not isinstance(code, str):
        raise error(keys, f"a language code must be a string, not {code!r}")
    try:
        return parse_language(code)
    except LanguageError as problem:
        raise error(keys, str(problem)) from None


def _string(value: Any, keys: tuple[str, ...], error: Any) -> str:
    if not isinstance(value, str):
        raise error(keys, f"'{keys[-1]}' must be a string, not {value!r}")
    return value


def _validated(template: Any, raw: dict[str, Any], keys: tuple[str, ...], error: Any) -> dict[str, Any]:
    """Check ``raw`` against the dataclass ``template`` and return the values to apply."""
    fields = {f.name: f for f in dataclasses.fields(template)}
    _no_unknown(raw, set(fields), keys, error)
    result: dict[str, Any] = {}
    for key, value in raw.items():
        here = (*keys, key)
        current = getattr(template, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise error(here, f"'{key}' must be a table")
            result[key] = _validated(current, value, here, error)
        elif isinstance(current, str):
            result[key] = _string(value, here, error)
        elif isinstance(current, bool) or not isinstance(current, int | float):
            raise AssertionError(f"unhandled option type for {key}")
        else:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise error(here, f"'{key}' must be a number, not {value!r}")
            if isinstance(current, int) and not isinstance(value, int):
                raise error(here, f"'{key}' must be a whole number, not {value!r}")
            result[key] = value
        _check_limits(here, result[key], raw, error)
    return result


def _check_limits(keys: tuple[str, ...], value: Any, raw: dict[str, Any], error: Any) -> None:
    name = keys[-1]
    section = keys[-2] if len(keys) > 1 else ""
    if section == "pdf" and name == "body_size" and value < MIN_BODY_SIZE:
        raise error(keys, f"pdf body_size {value} is below the large-print minimum of {MIN_BODY_SIZE:g} pt")
    if section == "pdf" and name == "line_spacing" and value < MIN_LINE_SPACING:
        raise error(keys, f"pdf line_spacing {value} is below the minimum of {MIN_LINE_SPACING}")
    if section == "pdf" and name == "page_size" and value.lower() not in PAGE_SIZES:
        raise error(keys, f"pdf page_size {value!r} is not one of {', '.join(PAGE_SIZES)}")
    if section == "sms" and name == "parts" and not 1 <= value <= 10:
        raise error(keys, f"sms parts {value} must be from 1 to 10")
    if section == "sms" and name == "link_template" and value:
        unknown = set(re.findall(r"{([^{}]*)}", value)) - {"lang", "slug"}
        if unknown:
            raise error(keys, f"sms link_template may use only {{lang}} and {{slug}}, not {sorted(unknown)}")
    if section == "organization" and name == "web" and value and not re.match(r"^https?://", value):
        raise error(keys, f"organization web {value!r} must start with https:// or http://")
