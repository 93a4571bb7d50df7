"""What GNU gettext requires of a catalog that polib does not check: a ``Plural-Forms`` header that
matches the language's plural rules, and a msgstr that begins and ends with a line break exactly when
its msgid does.

Plural rules come from Babel (``babel.messages.plurals.get_plural``), the same table ``pybabel init``
writes; two expressions agree when they give the same form for every n from 0 to 1,000 (every rule in
the table repeats by 100 or less) and for a few large numbers.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from typing import Any

from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

from handoutkit.errors import Problem
from handoutkit.i18n.po import Catalog
from handoutkit.languages import LanguageError, old_code_for, parse_language
from handoutkit.model import Origin
from handoutkit.untrusted import excerpt

__all__ = ["line_break_problems", "plural_forms_problems"]

_HEADER = re.compile(r"^\s*nplurals\s*=\s*(?P<n>\d+)\s*;\s*plural\s*=\s*(?P<expr>.+?)\s*;?\s*$")
_SAMPLES = (*range(1001), 1_000_000, 1_000_001, 1_000_002, 1_000_011, 1_000_103)


def _compile(expression: str) -> Callable[[int], int] | None:
    try:
        return gettext.c2py(expression)
    except (ValueError, RecursionError, SyntaxError):
        return None


def plural_forms_problems(catalog: Catalog, locale: str) -> list[Problem]:
    """Errors for a missing, broken or wrong ``Plural-Forms`` header (``locale``: gettext form, ``zh_Hans``)."""
    value = catalog.po.metadata.get("Plural-Forms", "")
    where = catalog.header_origin("Plural-Forms")
    try:
        rule = get_plural(locale)
    except (UnknownLocaleError, ValueError):
        rule = None
    expected = f"nplurals={rule.num_plurals}; plural={rule.plural_expr};" if rule is not None else ""
    wanted = f" (Babel's rule for {locale}: {expected!r})" if expected else ""
    if not value.strip():
        if any(entry.msgid_plural for entry in catalog.po):
            return [Problem("plural-forms", where, f"no Plural-Forms header, and the catalog has plurals{wanted}")]
        return []
    match = _HEADER.match(value)
    written = _compile(match.group("expr")) if match else None
    if match is None or written is None:
        return [Problem("plural-forms", where, f"Plural-Forms is not valid: {excerpt(value.strip(), 80)}{wanted}")]
    count = int(match.group("n"))
    try:
        forms = {n: written(n) for n in _SAMPLES}
    except (ArithmeticError, RecursionError):  # plural=n/0
        message = f"Plural-Forms cannot be computed: {excerpt(value.strip(), 80)}{wanted}"
        return [Problem("plural-forms", where, message)]
    if count < 1:
        return [Problem("plural-forms", where, f"Plural-Forms says nplurals={count}: at least 1{wanted}")]
    too_large = next((n for n in _SAMPLES if not 0 <= forms[n] < count), None)
    if too_large is not None:
        message = f"Plural-Forms gives form {written(too_large)} for n={too_large}, but nplurals={count}{wanted}"
        return [Problem("plural-forms", where, message)]
    if rule is None:
        return [Problem("plural-forms", where, f"Babel has no plural rules for {locale!r}: not compared", "warning")]
    reference = _compile(rule.plural_expr)
    assert reference is not None  # Babel's own table
    if count != rule.num_plurals:
        message = f"Plural-Forms says nplurals={count}, {locale} has {rule.num_plurals}{wanted}"
        return [Problem("plural-forms", where, message)]
    differs = next((n for n in _SAMPLES if forms[n] != reference(n)), None)
    if differs is not None:
        message = (
            f"Plural-Forms gives form {written(differs)} for n={differs} where {locale} uses form "
            f"{reference(differs)}{wanted}"
        )
        return [Problem("plural-forms", where, message)]
    return []


def line_break_problems(catalog: Catalog) -> list[Problem]:
    """An error for each translation that begins or ends with a line break when its msgid does not (or
    the reverse): msgfmt refuses such a catalog, and the build would quietly strip the break."""
    problems: list[Problem] = []
    for entry in catalog.po:
        if entry.obsolete or not entry.msgid:
            continue
        strings = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for msgstr in strings:
            if not msgstr:
                continue
            for edge, test in (("ends", str.endswith), ("begins", str.startswith)):
                if test(entry.msgid, "\n") != test(msgstr, "\n"):
                    has = "the msgstr" if test(msgstr, "\n") else "the msgid"
                    other = "the msgid" if has == "the msgstr" else "the msgstr"
                    message = f"{has} {edge} with a line break (\\n) and {other} does not; msgfmt refuses this"
                    problems.append(Problem("line-break", catalog.origin(entry), message))
    return problems


def header_problems(catalog: Catalog, locale: str) -> list[Problem]:
    """Warnings for a header that does not say what its folder says: a ``Language`` of another language
    (the catalog was copied from one), and a header marked fuzzy (tools then treat it as not reviewed)."""
    problems: list[Problem] = []
    declared = catalog.header("Language")
    if declared and not _same_language(declared, locale):
        message = f"its header says Language: {excerpt(declared)}, but it is the {locale} catalog (its folder)"
        modern = old_code_for(declared)
        if modern is not None and _same_language(modern, locale):
            message = f"its header says Language: {excerpt(declared)}, an old code for {modern}: write {modern}"
        problems.append(Problem("po-header", catalog.header_origin("Language"), message, "warning"))
    flags: Any = catalog.po.metadata_is_fuzzy  # polib: the header's flags (a list), typed as a bool
    if flags and "fuzzy" in flags:
        message = "its header is marked fuzzy: remove the flag once the header is right (msgfmt ignores a fuzzy header)"
        problems.append(Problem("po-header", Origin(catalog.display, 1), message, "warning"))
    return problems


def _same_language(declared: str, locale: str) -> bool:
    """True when a header's ``Language`` names the folder's language, in any spelling (``zh_TW`` for
    ``zh_Hant_TW``, ``pt-br`` for ``pt_BR``)."""
    if declared.replace("-", "_").lower() == locale.replace("-", "_").lower():
        return True
    try:
        return parse_language(declared) == parse_language(locale)
    except LanguageError:
        return False
