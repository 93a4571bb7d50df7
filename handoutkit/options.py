"""Exporter options: how an exporter declares its own table of ``handoutkit.toml``, and how it is read.

An exporter names its schema in a class attribute, ``options_class`` (as mkdocs plugins name their
``config_class``); the table ``[<exporter name>]``, and ``[language.<code>.<exporter name>]`` for one
language, are checked against it when the configuration is loaded, and the exporter reads the result,
typed, with ``ctx.options(ItsOptions)``. The core knows no exporter's options by name.

A schema is a frozen dataclass whose every field has a default and carries its documentation and
limits in its metadata::

    @dataclass(frozen=True, slots=True)
    class PdfOptions:
        body_size: float = field(default=18.0, metadata=option("Body text size in points", minimum=18.0))

Why a dataclass rather than a msgspec or pydantic model: the standard library suffices (no new
dependency for the core or for any plugin author), mypy checks every read (``ctx.options(PdfOptions)
.body_size`` is a ``float``), the instances are immutable like the document model, and the checks the
schema needs (five value types, limits, choices, one custom rule) are a page of code whose messages
name the file and line, which those libraries' errors cannot do on their own (tomllib keeps no positions).

Value types: ``str``, ``int``, ``float`` (finite: TOML's ``nan`` and ``inf`` are refused; an integer is
accepted and made a float), ``bool``, and ``tuple[str, ...]`` (a TOML array of strings, each one of
``choices`` when choices are given).

Whatever a schema declares, a number is at most :data:`CEILING` times its default when the schema gives
no maximum (``body_size = 1e308`` is finite, and no page can hold it), and a text passes the
untrusted-text boundary (no control, bidirectional or invisible characters) and names no script or local
address (``javascript:``, ``vbscript:``, ``data:``, ``file:``).
"""

from __future__ import annotations

import dataclasses
import math
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from handoutkit.untrusted import excerpt, find_unsafe

__all__ = [
    "CEILING",
    "Option",
    "OptionError",
    "OptionField",
    "SchemaError",
    "option",
    "option_fields",
    "options_markdown",
    "options_text",
    "read_options",
    "schema_problem",
]

_KEY = "handoutkit.option"
"""The key of the field metadata that :func:`option` fills."""
CEILING = 10
"""A number option without a declared maximum may be at most this many times its default (when the
default is above 0)."""
_UNSAFE_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data|file)\s*:", re.IGNORECASE)
"""Addresses that run a script or reach a local file wherever a text is used as a link."""

Kind = Literal["text", "whole number", "number", "true or false", "list of text"]
_KINDS: dict[object, Kind] = {
    str: "text",
    int: "whole number",
    float: "number",
    bool: "true or false",
    tuple[str, ...]: "list of text",
}


@dataclass(frozen=True, slots=True)
class Option:
    """One option's documentation and limits (the metadata of a schema field)."""

    doc: str
    """What the option does, one sentence; shown by ``formats --options`` and in the README."""
    minimum: float | None = None
    """The smallest value allowed (numbers only)."""
    maximum: float | None = None
    """The largest value allowed (numbers only)."""
    choices: tuple[str | int | float, ...] = ()
    """The values allowed (for a list of text: the values each item may take); empty: any."""
    check: Callable[[Any], str | None] | None = None
    """A rule of the exporter's own: given the value (already of the right type and within its limits),
    the reason it is refused, or None when it is fine."""


def option(
    doc: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    choices: tuple[str | int | float, ...] = (),
    check: Callable[[Any], str | None] | None = None,
) -> Mapping[str, Option]:
    """The metadata of a schema field: ``field(default=2, metadata=option("...", minimum=1))``."""
    return {_KEY: Option(doc, minimum, maximum, tuple(choices), check)}


class SchemaError(TypeError):
    """An options class that is not a valid schema (a mistake of the exporter's author)."""


class OptionError(ValueError):
    """A value of ``handoutkit.toml`` that an options schema refuses."""

    def __init__(self, keys: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.keys = keys
        """The key it is about, below the table that was read (empty: the table itself)."""
        self.message = message


@dataclass(frozen=True, slots=True)
class OptionField:
    """One option of a schema, as documentation shows it."""

    name: str
    kind: Kind
    default: Any
    spec: Option

    @property
    def default_toml(self) -> str:
        """The default as it would be written in ``handoutkit.toml``."""
        return _toml(self.default)

    @property
    def maximum(self) -> float | None:
        """The largest value allowed: the declared maximum, else :data:`CEILING` times a positive default."""
        if self.spec.maximum is not None or self.kind not in ("number", "whole number"):
            return self.spec.maximum
        default = float(self.default)
        return CEILING * default if default > 0 else None

    @property
    def limits(self) -> str:
        """The limits in words: ``18 or more``, ``1 to 10``, ``one of "letter", "a4"``; '' for none. The
        implicit ceiling (:attr:`maximum`) is a safety net, not a documented limit: a schema whose numbers
        have a real upper bound declares it."""
        spec = self.spec
        words = []
        if spec.minimum is not None and spec.maximum is not None:
            words.append(f"{spec.minimum:g} to {spec.maximum:g}")
        elif spec.minimum is not None:
            words.append(f"{spec.minimum:g} or more")
        elif spec.maximum is not None:
            words.append(f"{spec.maximum:g} or less")
        if spec.choices:
            each = "each one of" if self.kind == "list of text" else "one of"
            words.append(f"{each} {', '.join(_toml(choice) for choice in spec.choices)}")
        return "; ".join(words)


def _toml(value: object) -> str:
    match value:
        case bool():
            return "true" if value else "false"
        case str():
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        case tuple():
            return "[" + ", ".join(_toml(item) for item in value) + "]"
        case _:
            return str(value)


@cache
def option_fields(schema: type) -> tuple[OptionField, ...]:
    """The options of ``schema``, in declaration order (:class:`SchemaError` if it is not a valid schema)."""
    if not isinstance(schema, type) or not dataclasses.is_dataclass(schema):
        raise SchemaError(f"{schema!r} is not a dataclass")
    if not schema.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        raise SchemaError(f"{schema.__name__} must be a frozen dataclass (@dataclass(frozen=True))")
    try:
        hints = typing.get_type_hints(schema)
    except Exception as error:  # an annotation that does not resolve: the author's mistake, said plainly
        raise SchemaError(f"{schema.__name__}: its annotations cannot be read: {error}") from None
    found = []
    for item in dataclasses.fields(schema):
        where = f"{schema.__name__}.{item.name}"
        spec = item.metadata.get(_KEY)
        if not isinstance(spec, Option):
            raise SchemaError(f"{where} has no option() metadata (its documentation and limits)")
        kind = _KINDS.get(hints[item.name])
        if kind is None:
            raise SchemaError(
                f"{where}: type {hints[item.name]!r} is not one of str, int, float, bool, tuple[str, ...]"
            )
        if item.default is dataclasses.MISSING:
            raise SchemaError(f"{where} has no default (every option must have one)")
        if (spec.minimum is not None or spec.maximum is not None) and kind not in ("number", "whole number"):
            raise SchemaError(f"{where}: minimum and maximum apply to numbers only")
        found.append(OptionField(item.name, kind, item.default, spec))
        try:
            _checked(found[-1], item.default, schema.__name__)
        except OptionError as error:
            raise SchemaError(f"{where}: its default is refused: {error.message}") from None
    return tuple(found)


def schema_problem(schema: object) -> str | None:
    """Why ``schema`` cannot be an exporter's ``options_class``, or None when it can."""
    try:
        option_fields(schema)
    except SchemaError as error:
        return str(error)
    except TypeError as error:  # an unhashable object given as a class
        return f"{schema!r} is not a class: {error}"
    return None


def read_options(schema: type, table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The values of ``table`` (one TOML table) checked against ``schema``, ready for ``replace()``.

    ``where`` names the table in messages (``pdf``, ``language.es.pdf``). Raises :class:`OptionError`
    for an unknown key, a value of the wrong type, one outside its limits, or one its check refuses.
    """
    fields = {item.name: item for item in option_fields(schema)}
    for key in table:
        if key not in fields:
            raise OptionError((key,), f"unknown key {key!r} in {where} (known: {', '.join(sorted(fields))})")
    return {key: _checked(fields[key], value, where) for key, value in table.items()}


def _checked(item: OptionField, value: object, where: str) -> Any:
    """``value`` converted to the option's type, or :class:`OptionError` saying why it cannot be."""
    name, spec = item.name, item.spec

    def refuse(message: str) -> OptionError:
        return OptionError((name,), message)

    result: Any
    match item.kind:
        case "true or false":
            if not isinstance(value, bool):
                raise refuse(f"'{name}' must be true or false, not {value!r}")
            result = value
        case "text":
            if not isinstance(value, str):
                raise refuse(f"'{name}' must be a string, not {excerpt(value)}")
            _check_text(value, f"{where} {name}", refuse)
            result = value
        case "list of text":
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise refuse(f"'{name}' must be a list of strings, not {excerpt(value)}")
            for each in value:
                _check_text(each, f"{where} {name}", refuse)
            result = tuple(value)
        case "whole number" | "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise refuse(f"'{name}' must be a number, not {excerpt(value)}")
            if not math.isfinite(value):
                raise refuse(f"'{name}' must be a finite number, not {value!r}")
            if item.kind == "whole number" and not isinstance(value, int):
                raise refuse(f"'{name}' must be a whole number, not {excerpt(value)}")
            result = float(value) if item.kind == "number" else value
            maximum = item.maximum
            if spec.minimum is not None and result < spec.minimum:
                raise refuse(f"{where} {name} {excerpt(value)} is below the minimum of {spec.minimum:g}")
            if maximum is not None and result > maximum:
                raise refuse(f"{where} {name} {excerpt(value)} is above the maximum of {maximum:g}")
        case _:
            typing.assert_never(item.kind)
    if spec.choices:
        for each in result if item.kind == "list of text" else (result,):
            if each not in spec.choices:
                allowed = ", ".join(_toml(choice) for choice in spec.choices)
                raise refuse(f"{where} {name} {_toml(each)} is not one of {allowed}")
    if spec.check is not None and (reason := spec.check(result)) is not None:
        raise refuse(f"{where} {name}: {reason}")
    return result


def _check_text(value: str, where: str, refuse: Callable[[str], OptionError]) -> None:
    """Refuse a text the untrusted-text boundary refuses, or one that is a script or local address."""
    if (unsafe := find_unsafe(value, allow="")) is not None:
        raise refuse(f"{where}: {unsafe.describe()}")
    if _UNSAFE_SCHEME.match(value):
        raise refuse(f"{where}: {excerpt(value)} is a script or local address, never a link a reader can follow")


# ---------------------------------------------------------------- documentation


def options_text(section: str, schema: type) -> list[str]:
    """One line per option, for ``export.py formats --options``:
    ``[pdf] body_size = 18.0  (number, 18 or more): Body text size in points``."""
    lines = []
    for item in option_fields(schema):
        about = ", ".join(part for part in (item.kind, item.limits) if part)
        lines.append(f"[{section}] {item.name} = {item.default_toml}  ({about}): {item.spec.doc}")
    return lines


def options_markdown(schemas: Mapping[str, type]) -> str:
    """Every exporter's options as one Markdown table (README.md, between its ``options`` markers)."""
    rows = ["| key | type | default | limits | meaning |", "| --- | --- | --- | --- | --- |"]
    for section, schema in sorted(schemas.items()):
        for item in option_fields(schema):
            cells = (f"`[{section}] {item.name}`", item.kind, f"`{item.default_toml}`", item.limits, item.spec.doc)
            rows.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
