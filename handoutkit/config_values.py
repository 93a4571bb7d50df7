"""Checking single values of ``handoutkit.toml``: each function takes the raw TOML value, the keys
it stands at and the caller's ``error(keys, message)`` (which names the file and line), and returns the
value checked or raises that error. :mod:`handoutkit.config` assembles them."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any

from handoutkit.i18n.terms import Term
from handoutkit.languages import Language, LanguageError, parse_language
from handoutkit.limits import DEFAULT_LIMITS, Limits
from handoutkit.options import OptionError, read_options
from handoutkit.untrusted import excerpt

__all__ = [
    "READING_LEVEL_LIMITS",
    "language_value",
    "limits_table",
    "no_unknown",
    "reading_level_table",
    "string_value",
    "terms_list",
]


def limits_table(raw: Any, error: Any) -> Limits:
    """``[limits]``, checked against :class:`Limits` like an exporter's table."""
    if not isinstance(raw, dict):
        raise error(("limits",), "'limits' must be a table")
    try:
        return dataclasses.replace(DEFAULT_LIMITS, **read_options(Limits, raw, "limits"))
    except OptionError as problem:
        raise error(("limits", *problem.keys), problem.message) from None


READING_LEVEL_LIMITS = {"max_grade": (8.0, 0.0, 20.0), "min_inflesz": (55.0, 0.0, 100.0)}
"""``[reading_level]`` keys: (default, lowest, highest)."""


def reading_level_table(raw: Any, error: Any) -> tuple[float, float]:
    """``[reading_level] max_grade`` (English) and ``min_inflesz`` (Spanish): the limits ``check`` warns at."""
    if not isinstance(raw, dict):
        raise error(("reading_level",), "'reading_level' must be a table")
    no_unknown(raw, frozenset(READING_LEVEL_LIMITS), ("reading_level",), error)
    values = []
    for key, (default, low, high) in READING_LEVEL_LIMITS.items():
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise error(("reading_level", key), f"reading_level {key} must be a number from {low:g} to {high:g}")
        values.append(float(value))
    return values[0], values[1]


def terms_list(raw: Any, error: Any) -> tuple[Term, ...]:
    """``do_not_translate``: a list of names, each a string or ``{text = "...", renderings = {lang = [...]}}``."""
    keys = ("do_not_translate",)
    if not isinstance(raw, list):
        raise error(keys, "'do_not_translate' must be a list of names or of tables with 'text' and 'renderings'")
    terms: list[Term] = []
    for item in raw:
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or set(item) - {"text", "renderings"}:
            raise error(keys, f"a do_not_translate entry takes 'text' and optional 'renderings', not {excerpt(item)}")
        text, renderings = item.get("text"), item.get("renderings", {})
        if not isinstance(text, str) or not text.strip():
            raise error(keys, "a do_not_translate entry needs a non-empty 'text'")
        if not isinstance(renderings, dict) or not all(
            isinstance(forms, list) and all(isinstance(f, str) and f.strip() for f in forms)
            for forms in renderings.values()
        ):
            raise error(keys, f"do_not_translate {excerpt(text)}: 'renderings' maps a language to a list of names")
        accepted = {language_value(code, keys, error).tag: tuple(forms) for code, forms in renderings.items()}
        terms.append(Term(text.strip(), MappingProxyType(accepted)))
    return tuple(terms)


def no_unknown(table: dict[str, Any], known: frozenset[str] | set[str], keys: tuple[str, ...], error: Any) -> None:
    for key in table:
        if key not in known:
            where = ".".join(keys) or "the top level"
            raise error((*keys, key), f"unknown key {excerpt(key)} in {where} (known: {', '.join(sorted(known))})")


def language_value(code: Any, keys: tuple[str, ...], error: Any) -> Language:
    if not isinstance(code, str):
        raise error(keys, f"a language code must be a string, not {excerpt(code)}")
    try:
        return parse_language(code)
    except LanguageError as problem:
        raise error(keys, str(problem)) from None


def string_value(value: Any, keys: tuple[str, ...], error: Any) -> str:
    if not isinstance(value, str):
        raise error(keys, f"'{'.'.join(keys)}' must be a string, not {excerpt(value)}")
    return value
