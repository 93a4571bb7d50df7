"""Meaning checks: the facts a translation must carry over unchanged from its source.

A translation may reword everything except what a patient acts on. :func:`facts` finds those facts in
one text; :func:`meaning_problems` compares the facts of a source and of its translation as multisets
(order is free, so a date may be reordered) and says, for each difference, what the source has and what
the translation has. :func:`markup_problems` and :func:`untranslated_problem` cover the two other ways a
translation prints something the source did not say. Every function is pure; the caller adds the file
and line.

The facts, and the rules they are compared by:

- **Numbers**, in any decimal digit script (ASCII, Arabic-Indic ``٠-٩``, Eastern Arabic-Indic ``۰-۹``,
  full-width ``０-９``...), compared by value. Each text is read with its own language's decimal and group
  symbols (Babel), plus ``٫`` (always decimal) and ``٬`` (always a group): "1,000" in English, "1.000" in
  Spanish, "1 000" in French and "1000" are one value. A separator that cannot be a group there (a group
  has 3 digits) is read the other way ("2.5" in Spanish is 2.5); "1.2.3" or "14.3.2022" is several numbers.
  A minus sign (``-`` or ``−``) counts when it stands before the digits at the start of a word. A range
  ("2-3", "2–3", "2 to 3", "2 a 3", "2到3"...) is two numbers; a unit written only after the second
  applies to both. "4th", "1er", "1.º" are the number 1 or 4 (ordinal endings are not compared); "8:00"
  is 8. A month name next to a date's digits ("Oct. 1", "21 de mayo", "2020年十二月", Babel's names of the
  language and English) stands for its month's number when the other side writes it in digits
  ("1/10/2019", "10月"), and is not reported when the other side names the month or leaves it out.
- **Units** right after a number (a space or, before a word, a hyphen between), through the one table
  :data:`UNITS` (written form -> canonical unit, case-insensitive). A different unit is a difference
  ("2.5 mg" -> "2,5 g"). A unit on one side only is a difference for every unit but a time word: "5 years"
  may be "5年", "5 سنوات" or, if a time word is not in the table, a bare "5"; "8%" may not be "8".
- **Phone numbers** ((503) 555-0147, 503-555-0147, +1 503 555 0147, 01 23 45 67 89, ``tel:`` targets)
  and the emergency and crisis numbers in :data:`SHORT_PHONES` (911, 112, 999, 988), compared as digit
  strings: "(503) 555-0147" is "503-555-0147", but "+1 503 555 0147" adds a digit.
- **Codes**: a Latin word holding a digit (HER2, PD-L1, COVID-19, B12) or digits with capital letters
  (4A, 4B), compared exactly (digits of any script).
- **Web and e-mail addresses** in the text (``https://``, ``www.``, a bare ``cancer.gov``; ``a@b.org``),
  compared exactly.
- **Do-not-translate terms** (:class:`Term`): each occurrence in the source must be matched in the
  translation by the term as written or by one of the renderings accepted for that language (case and
  spelling exact; Latin-letter edges must stand as whole words).

Limits, documented so translators and reviewers know what to keep:

- Numbers written as words ("stage four", "المرحلة الرابعة", "三个月") or as Roman numerals ("stage IV")
  are not numbers here. A number in digits on one side only is a difference (patient-safety bias): write
  numbers in digits, as the source does. The same holds the other way ("two" -> "2" is reported).
- Percent written as a word is known in en, es, fr, vi and ar ("8 por ciento"), but not as Chinese
  "百分之8": write "8%".
- A month name changed into another month's name ("octubre" for "Nov.") is not reported; a month
  number that differs is. Vietnamese "ngày 1 tháng 10 năm 2019" is 1, 10 and 2019 (a number right after
  "ngày", "tháng" or "năm" takes no time word after it as its unit).
- Only a language that groups digits with spaces (French) reads "1 000 000" as one number; elsewhere it
  is a phone number. The Arabic comma "،" is not a decimal separator (write "٫" or ".").
- Fractions are their digits ("1/2" is 1 and 2; "½" is not a number); a time of day is its numbers
  ("10:30" is 10 and 30, "8:00" is 8), so "5:00 pm" written "17 h" is reported: a reviewer confirms it.
  A conversion ("100.4 °F" -> "38 °C", "1 tsp" -> "5 mL") is reported the same way.
- A phone number written with no separators at all ("5035550147") is a number, not a phone number; a
  date with dots or hyphens ("2022-03-14", "14.3.2022") is numbers, not a phone number.
- Markup: the text a reader would see (the translation parsed as inline Markdown by the project's own
  parser) may not show more literal ``*``, ``_``, ``[`` or ``]`` than the source's does.
- A text's link addresses are facts like any other address; pass Markdown through
  :func:`without_link_targets` when the link targets are compared apart (as translation does).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from handoutkit.i18n.digits import foreign_digit_problems
from handoutkit.i18n.facts import SHORT_PHONES, TIME_UNITS, UNITS, Facts, Quantity, Term, Written, ascii_text, facts
from handoutkit.i18n.markup_checks import (
    block_markup_problems,
    markup_problems,
    untranslated_problem,
    without_link_targets,
)

__all__ = [
    "SHORT_PHONES",
    "UNITS",
    "Facts",
    "Quantity",
    "Term",
    "Written",
    "block_markup_problems",
    "facts",
    "markup_problems",
    "meaning_problems",
    "untranslated_problem",
    "without_link_targets",
]

# ------------------------------------------------------------------ comparing the facts


def meaning_problems(
    source: str, translation: str, source_lang: str, lang: str, terms: Sequence[Term] = ()
) -> list[str]:
    """The differences between the facts of ``source`` (in ``source_lang``) and of ``translation`` (in
    ``lang``) that could change the medicine, one short message each: numbers first, then phone numbers,
    codes, web and e-mail addresses, and do-not-translate terms."""
    want, have = facts(source, source_lang, terms), facts(translation, lang, terms)
    problems = _number_problems(list(want.numbers), list(have.numbers))
    problems += _special_digit_problems(source, translation)
    problems += foreign_digit_problems(translation, lang, kept=source)
    for noun, wanted, found in (
        ("phone number", want.phones, have.phones),
        ("code", want.codes, have.codes),
        ("web address", want.web, have.web),
        ("e-mail address", want.emails, have.emails),
    ):
        problems += _written_problems(noun, list(wanted), list(found))
    counts = {id(term): count for term, count in have.terms}
    for term, count in want.terms:
        problems += _term_problem(term, count, counts.get(id(term), 0), lang)
    return problems


def _special_digit_problems(source: str, translation: str) -> list[str]:
    """Number characters that are not digits (superscripts ``⁰``, subscripts, fractions ``½``, circled
    numbers) in the translation and not in the source: "4⁰" reads as 4 to the facts and as 40 or 4° to a
    person, so each is a problem."""
    kept = Counter(c for c in source if unicodedata.category(c) == "No")
    added = [c for c in translation if unicodedata.category(c) == "No" and not _take_one(kept, c)]
    if not added:
        return []
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in dict.fromkeys(added))
    return [f"the number characters {shown} are not in the source: write numbers with the digits the source uses"]


def _take_one(counts: Counter[str], char: str) -> bool:
    if counts[char] > 0:
        counts[char] -= 1
        return True
    return False


_T = TypeVar("_T")


def _pair_off(wanted: list[_T], found: list[_T], same: Callable[[_T, _T], bool]) -> Iterator[tuple[_T, _T]]:
    """Remove and yield pairs ``same`` accepts, each source item with the first unused translated one."""
    for item in list(wanted):
        for other in found:
            if same(item, other):
                wanted.remove(item)
                found.remove(other)
                yield item, other
                break


def _number_problems(wanted: list[Quantity], found: list[Quantity]) -> list[str]:
    problems: list[str] = []
    list(_pair_off(wanted, found, lambda a, b: (a.value, a.unit) == (b.value, b.unit)))
    list(_pair_off(wanted, found, lambda a, b: a.value == b.value and _time_or_none(a.unit, b.unit)))
    wanted[:] = [a for a in wanted if not a.named]
    found[:] = [b for b in found if not b.named]
    for a, b in _pair_off(wanted, found, lambda a, b: a.value == b.value):
        if b.unit is None:
            problems.append(f"{_shown(a)} became {_shown(b)} (the unit {a.unit} is missing)")
        elif a.unit is None:
            problems.append(f"{_shown(a)} became {_shown(b)} (the unit {b.unit} was added)")
        else:
            problems.append(f"{_shown(a)} became {_shown(b)} (the unit changed)")
    for a, b in [
        *_pair_off(wanted, found, lambda a, b: a.unit == b.unit),
        *_pair_off(wanted, found, lambda a, b: True),
    ]:
        same = ascii_text(a.written) == ascii_text(b.written)
        why = f" ({_plain_value(a)} became {_plain_value(b)}: the languages write decimals differently)" if same else ""
        problems.append(f"the number {_shown(a)} became {_shown(b)}{why}")
    problems += [f"the number {_shown(a)} is missing (write numbers in digits, as the source does)" for a in wanted]
    problems += [f"the translation adds the number {_shown(b)}" for b in found]
    return problems


def _plain_value(quantity: Quantity) -> str:
    return f"{quantity.value.normalize():f}"


def _time_or_none(unit: str | None, other: str | None) -> bool:
    """Whether one side has no unit and the other none or a time word (a time word may be left out)."""
    return (unit is None and (other is None or other in TIME_UNITS)) or (other is None and unit in TIME_UNITS)


def _shown(fact: Quantity | Written) -> str:
    """A fact as written, with ASCII digits after it when the text uses another digit script."""
    plain = ascii_text(fact.written)
    return fact.written if plain == fact.written else f"{fact.written} ({plain})"


def _written_problems(noun: str, wanted: list[Written], found: list[Written]) -> list[str]:
    list(_pair_off(wanted, found, lambda a, b: a.key == b.key))
    problems = [
        f"the {noun} {_shown(a)} is missing; {_shown(b)} appears instead"
        for a, b in _pair_off(wanted, found, lambda a, b: True)
    ]
    problems += [f"the {noun} {_shown(a)} is missing" for a in wanted]
    problems += [f"the translation adds the {noun} {_shown(b)}" for b in found]
    return problems


def _term_problem(term: Term, wanted: int, found: int, lang: str) -> list[str]:
    if found >= wanted:
        return []
    others = term.accepted(lang)[1:]
    rule = f'"{term.text}" must stay as written'
    if others:
        rule += " (or be written " + " or ".join(f'"{other}"' for other in others) + ")"
    if wanted > 1:
        rule += f": the source has it {wanted} times, the translation {found}"
    return [rule]
