"""The project's configuration, ``handoutkit.toml`` at the project root.

A missing file means defaults. Every key is checked: an unknown key, a value of the wrong type or one
outside its limits is a :class:`ConfigError` naming the file and line. The core keys (organization,
publisher, rights, collection, languages, min_coverage) are defined here; each exporter's table
(``[pdf]``, ``[language.es.pdf]``...) is checked against the options schema that exporter declares
(:mod:`handoutkit.options`), so a table that no installed exporter claims is an error too. ``[limits]``
(:class:`handoutkit.limits.Limits`) is read with the same schema machinery. Every string, key or value,
passes the untrusted-text boundary (:mod:`handoutkit.untrusted`): no control, bidirectional or invisible
characters, not even a newline.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from handoutkit.config_values import (
    language_value,
    limits_table,
    no_unknown,
    reading_level_table,
    string_value,
    terms_list,
)
from handoutkit.errors import ConfigError
from handoutkit.files import read_input
from handoutkit.i18n.terms import Term
from handoutkit.languages import Language
from handoutkit.limits import DEFAULT_LIMITS, Limits
from handoutkit.model import Origin
from handoutkit.options import OptionError, read_options
from handoutkit.toml_lines import TomlLines, line_from_message
from handoutkit.untrusted import excerpt, find_unsafe

__all__ = [
    "CONFIG_FILE",
    "CORE_KEYS",
    "Config",
    "Organization",
    "Settings",
    "load_config",
]

CONFIG_FILE = "handoutkit.toml"
CONFIG_BYTES = 1_000_000
"""The largest configuration file read (the shipped one is 3 kB)."""

T = TypeVar("T")


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
class Settings:
    """The configuration as it applies to one language (per-language overrides applied)."""

    organization: Organization = Organization()
    publisher: str = ""
    rights: str = ""
    exporter_options: tuple[object, ...] = ()
    """Each exporter's validated options, one instance of its ``options_class`` each (read them with
    :meth:`options`)."""

    def options(self, schema: type[T]) -> T:
        """The options of the exporter whose ``options_class`` is ``schema``; its defaults when the
        configuration holds none (a context made without loading a configuration)."""
        for instance in self.exporter_options:
            if type(instance) is schema:
                return instance
        return schema()

    def with_options(self, *options: object) -> Settings:
        """These settings with ``options`` (instances of options classes) replacing those of their class."""
        kinds = {type(instance) for instance in options}
        kept = tuple(instance for instance in self.exporter_options if type(instance) not in kinds)
        return dataclasses.replace(self, exporter_options=kept + options)


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
    """Per-language tables, by BCP 47 tag, already validated: core keys, and exporter names with the
    values of their options."""
    schemas: Mapping[str, type] = field(default_factory=dict)
    """The options class of each exporter that has one, by exporter name (its table's name)."""
    do_not_translate: tuple[Term, ...] = ()
    """Names every translation must keep as written (or as one of the renderings accepted for its
    language): organizations, agencies, drugs."""
    max_grade: float = 8.0
    """``[reading_level] max_grade``: the Flesch-Kincaid grade above which ``check`` warns (English)."""
    min_inflesz: float = 55.0
    """``[reading_level] min_inflesz``: the Szigriszt-Pazos perspicuity below which ``check`` warns
    (Spanish; 55 is where INFLESZ's "normal" begins)."""
    lines: Mapping[tuple[str, ...], int] = field(default_factory=dict)
    """The line each table and dotted key was written on (``("organization", "name")`` -> 18)."""
    limits: Limits = DEFAULT_LIMITS
    """``[limits]``: how large and deep handouts and catalogs may be."""

    def origin(self, *keys: str, language: str | None = None) -> Origin:
        """Where a value was set: the line of ``[language.<language>]``'s key when that language overrides
        it, else the top-level key's line, else the file alone (a default has no line)."""
        candidates = [("language", language, *keys)] if language else []
        candidates.append(keys)
        for candidate in candidates:
            line = self.lines.get(tuple(k for k in candidate if k is not None))
            if line:
                return Origin(CONFIG_FILE, line)
        return Origin(CONFIG_FILE, 0)

    def settings_for(self, language: Language) -> Settings:
        """The settings for one language: the base settings with that language's overrides."""
        raw = self.overrides.get(language.tag)
        if not raw:
            return self.base
        return _apply(self.base, raw, self.schemas)


def _apply(settings: Settings, raw: Mapping[str, Any], schemas: Mapping[str, type]) -> Settings:
    """``settings`` with the validated values of ``raw`` (core keys and exporter tables) applied."""
    changes: dict[str, Any] = {}
    options: list[object] = []
    for key, value in raw.items():
        if key in schemas:
            options.append(dataclasses.replace(settings.options(schemas[key]), **value))
        elif key == "organization":
            changes[key] = dataclasses.replace(settings.organization, **value)
        else:
            changes[key] = value
    return dataclasses.replace(settings, **changes).with_options(*options)


# ---------------------------------------------------------------- loading

_SLUGLIKE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_config(project: Path, schemas: Mapping[str, type | None] | None = None) -> Config:
    """Read ``handoutkit.toml`` in ``project`` (defaults when it does not exist).

    ``schemas``: the options class of each exporter by exporter name, None for an exporter that could
    not be loaded (its table is left unchecked) (:attr:`handoutkit.registry.Discovery.schemas`);
    None: those of the exporters that discovery finds.
    """
    if schemas is None:
        # Imported here: the registry imports the exporter interface, which imports this module.
        from handoutkit.registry import discover_exporters

        schemas = discover_exporters().schemas
    path = project / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return _build({}, None, TomlLines(""), schemas)
    raw_bytes = read_input(path, CONFIG_FILE, root=project, limit=CONFIG_BYTES)
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw_bytes[: error.start].count(b"\n") + 1
        raise ConfigError(Origin(CONFIG_FILE, line), "not UTF-8 text") from None
    if text.startswith("\ufeff"):
        raise ConfigError(
            Origin(CONFIG_FILE, 1),
            "the file starts with a byte-order mark (U+FEFF), which TOML does not allow: save it as UTF-8 "
            "without a BOM (the editor's 'UTF-8' rather than 'UTF-8 with BOM')",
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", 0) or line_from_message(str(error))
        raise ConfigError(Origin(CONFIG_FILE, line), f"not valid TOML: {excerpt(str(error), 120)}") from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise ConfigError(Origin(CONFIG_FILE, 0), "not valid TOML: arrays or tables nested too deeply") from None
    lines = TomlLines(text)
    _check_strings(data, (), lines)
    return _build(data, path, lines, schemas)


def _check_strings(value: object, keys: tuple[str, ...], lines: TomlLines) -> None:
    """Every key and string of the file through the untrusted-text boundary, with no control character
    allowed (a TOML ``"\\u000b"`` in the organization's name reached the EPUB's metadata)."""
    if isinstance(value, str):
        if (unsafe := find_unsafe(value, allow="")) is not None:
            where = ".".join(keys) or "a value"
            raise ConfigError(Origin(CONFIG_FILE, lines.line(keys)), f"{where}: {unsafe.describe()}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, keys, lines)
            _check_strings(item, (*keys, key), lines)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item, keys, lines)


_LANGUAGE_KEYS = frozenset({"publisher", "rights", "organization"})
"""The core keys a ``[language.<code>]`` table may override (besides exporter tables)."""
CORE_KEYS = _LANGUAGE_KEYS | {
    "limits",
    "source_language",
    "languages",
    "min_coverage",
    "collection",
    "language",
    "do_not_translate",
    "reading_level",
}
"""Every core top-level key: no exporter's table may take one of these names."""
_COLLECTION_KEYS = frozenset({"title", "file_name"})
_ORGANIZATION_KEYS = frozenset(item.name for item in dataclasses.fields(Organization))


def _build(data: dict[str, Any], path: Path | None, lines: TomlLines, claimed: Mapping[str, type | None]) -> Config:
    def error(keys: tuple[str, ...], message: str) -> ConfigError:
        return ConfigError(Origin(CONFIG_FILE, lines.line(keys)), message)

    _no_unknown_top(data, claimed, error)
    schemas = {name: schema for name, schema in claimed.items() if schema is not None}

    source = language_value(data.get("source_language", "en"), ("source_language",), error)
    codes = data.get("languages", [source.tag])
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise error(("languages",), "'languages' must be a non-empty list of language codes")
    languages: list[Language] = [source]
    listed: dict[Language, str] = {}
    for index, code in enumerate(codes):
        try:
            language = language_value(code, ("languages",), error)
        except ConfigError as refused:  # at the entry's own line, in a list written over several
            line = lines.item_line(("languages",), code, codes[: index + 1].count(code))
            raise ConfigError(Origin(CONFIG_FILE, line), refused.problems[0].message) from None
        if language in listed:  # a slip (a pasted line, two spellings): say so, at the second one
            line = lines.item_line(("languages",), code, codes[: index + 1].count(code))
            raise ConfigError(
                Origin(CONFIG_FILE, line),
                f"'languages' lists {language.tag} twice ({excerpt(listed[language])} and {excerpt(code)})",
            )
        listed[language] = code
        if language not in languages:
            languages.append(language)

    collection = data.get("collection", {})
    if not isinstance(collection, dict):
        raise error(("collection",), "'collection' must be a table")
    no_unknown(collection, _COLLECTION_KEYS, ("collection",), error)
    title = string_value(collection.get("title", "Handouts"), ("collection", "title"), error)
    file_name = string_value(collection.get("file_name", "handouts"), ("collection", "file_name"), error)
    if not _SLUGLIKE.match(file_name):
        raise error(
            ("collection", "file_name"),
            f"collection file_name {excerpt(file_name)} must be lowercase letters, digits and hyphens",
        )

    coverage = data.get("min_coverage", 100)
    if isinstance(coverage, bool) or not isinstance(coverage, int | float) or not 0 <= coverage <= 100:
        raise error(("min_coverage",), "'min_coverage' must be a number from 0 to 100")

    terms = terms_list(data.get("do_not_translate", []), error)
    limits = limits_table(data.get("limits", {}), error)
    max_grade, min_inflesz = reading_level_table(data.get("reading_level", {}), error)

    defaults = Settings().with_options(*(schema() for schema in schemas.values()))
    base = _apply(defaults, _validated(data, (), schemas, defaults, error), schemas)
    source_dir = path.parent / "source" if path is not None else None
    _check_logo(base.organization, ("organization",), error, source_dir)

    overrides: dict[str, Mapping[str, Any]] = {}
    per_language = data.get("language", {})
    if not isinstance(per_language, dict):
        raise error(("language",), "'language' must hold one table per language, e.g. [language.es.organization]")
    for code, table in per_language.items():
        language = language_value(code, ("language", code), error)
        if language not in languages:
            raise error(("language", code), f"[language.{code}] is for a language that is not in 'languages'")
        if not isinstance(table, dict):
            raise error(("language", code), f"[language.{code}] must be a table")
        no_unknown(table, _LANGUAGE_KEYS | set(claimed), ("language", code), error)
        overrides[language.tag] = MappingProxyType(_validated(table, ("language", code), schemas, base, error))
        _check_logo(
            _apply(base, overrides[language.tag], schemas).organization,
            ("language", code, "organization"),
            error,
            source_dir,
        )

    return Config(
        path=path,
        source_language=source,
        languages=tuple(languages),
        collection_title=title,
        collection_file_name=file_name,
        min_coverage=float(coverage),
        base=base,
        overrides=MappingProxyType(overrides),
        schemas=MappingProxyType(dict(schemas)),
        lines=MappingProxyType(dict(lines.positions)),
        do_not_translate=terms,
        max_grade=max_grade,
        min_inflesz=min_inflesz,
        limits=limits,
    )


def _no_unknown_top(data: dict[str, Any], schemas: Mapping[str, type | None], error: Any) -> None:
    """An unknown top-level key is an error; an unknown table too, naming the exporters that have options."""
    for key, value in data.items():
        if key in CORE_KEYS or key in schemas:
            continue
        if isinstance(value, dict):
            claimed = ", ".join(sorted(name for name, schema in schemas.items() if schema is not None)) or "none"
            raise error(
                (key,),
                f"unknown table [{excerpt(key)[1:-1]}]: no installed exporter has options named {excerpt(key)} "
                f"(exporters with options: {claimed}; core tables: collection, language, organization)",
            )
        raise error((key,), f"unknown key {excerpt(key)} in the top level (known: {', '.join(sorted(CORE_KEYS))})")


def _check_logo(organization: Organization, keys: tuple[str, ...], error: Any, source: Path | None) -> None:
    """A logo needs its text alternative, and is decoded and checked like every image (once, here, as a
    configuration error at its key's line, rather than by every format of every document)."""
    from handoutkit.assets import AssetError, Assets
    from handoutkit.inline import target_problem

    if organization.logo and not organization.logo_alt.strip():
        raise error((*keys, "logo"), "organization logo needs logo_alt, a text alternative saying what it shows")
    for name in ("name", "phone", "web"):
        if "{" in str(getattr(organization, name, "")) or "}" in str(getattr(organization, name, "")):
            raise error(
                (*keys, name),
                f"organization {name} holds a brace: it fills the {{organization}} and {{phone}} placeholders "
                "of every SMS and contact line, where a brace would be sent as written",
            )
    if organization.phone and (problem := target_problem(f"tel:{organization.phone}")):
        raise error((*keys, "phone"), f"organization phone {problem}")
    if organization.web and (problem := target_problem(organization.web)):
        raise error((*keys, "web"), f"organization web address {problem}")
    if organization.logo and source is not None:
        try:
            Assets(source).resolve(organization.logo)
        except AssetError as problem:
            raise error((*keys, "logo"), f"organization logo {problem}") from None


def _validated(
    table: dict[str, Any], keys: tuple[str, ...], schemas: Mapping[str, type], base: Settings, error: Any
) -> dict[str, Any]:
    """The values of the core keys and exporter tables of ``table`` (the top level or one language's
    table), checked; exporter tables against their schema, each applied to ``base`` once so that an
    options class's own ``__post_init__`` checks run with the file's line."""
    result: dict[str, Any] = {}
    for key, value in table.items():
        here = (*keys, key)
        if key in ("publisher", "rights"):
            result[key] = string_value(value, here, error)
        elif key == "organization":
            if not isinstance(value, dict):
                raise error(here, "'organization' must be a table")
            no_unknown(value, _ORGANIZATION_KEYS, here, error)
            result[key] = {name: string_value(item, (*here, name), error) for name, item in value.items()}
            web = result[key].get("web", "")
            if web and not re.match(r"^https?://", web):
                raise error((*here, "web"), f"organization web {excerpt(web)} must start with https:// or http://")
        elif key in schemas:
            result[key] = _exporter_table(schemas[key], value, here, base, error)
    return result


def _exporter_table(schema: type, value: Any, keys: tuple[str, ...], base: Settings, error: Any) -> dict[str, Any]:
    where = ".".join(keys)
    if not isinstance(value, dict):
        raise error(keys, f"'{keys[-1]}' must be a table ([{where}])")
    try:
        values = read_options(schema, value, where)
    except OptionError as problem:
        raise error((*keys, *problem.keys), problem.message) from None
    try:
        dataclasses.replace(base.options(schema), **values)
    except (TypeError, ValueError) as problem:  # a rule across options, in the class's __post_init__
        raise error(keys, f"[{where}]: {problem}") from None
    return values
