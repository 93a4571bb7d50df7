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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from typing import TypeVar

import regex
from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol
from markdown_it.token import Token

from handoutkit.inline import markdown_parser

__all__ = [
    "SHORT_PHONES",
    "UNITS",
    "Facts",
    "Quantity",
    "Term",
    "Written",
    "facts",
    "markup_problems",
    "meaning_problems",
    "untranslated_problem",
    "without_link_targets",
]

# ------------------------------------------------------------------ the unit table

_TIME_UNITS = frozenset({"hour", "minute", "day", "week", "month", "year"})
"""The canonical units that may be missing on one side: time words are often left out or reworded."""


def _forms(canonical: str, *written: str) -> dict[str, str]:
    return dict.fromkeys(written, canonical)


UNITS: Mapping[str, str] = {
    **_forms("%", "%", "٪", "％", "percent", "per cent", "por ciento", "pour cent", "phần trăm"),
    **_forms("%", "في المئة", "في المائة", "بالمئة", "بالمائة"),
    **_forms("‰", "‰", "؉"),
    **_forms("mg", "mg", "milligram", "milligrams", "miligramo", "miligramos", "milligramme", "milligrammes"),
    **_forms("mg", "毫克", "ملغ", "مغ", "ملجم", "ملغم"),
    **_forms("g", "g", "gram", "grams", "gramo", "gramos", "gramme", "grammes", "克", "غ", "غرام", "جرام"),
    **_forms("kg", "kg", "kilogram", "kilograms", "kilogramo", "kilogramos", "kilogramme", "kilogrammes"),
    **_forms("kg", "kilo", "kilos", "千克", "公斤", "كغ", "كجم", "كيلوغرام", "كيلوجرام"),
    **_forms("µg", "mcg", "µg", "μg", "ug", "microgram", "micrograms", "microgramo", "microgramos"),
    **_forms("µg", "microgramme", "microgrammes", "微克", "ميكروغرام", "㎍"),
    **_forms("mg", "㎎"),
    **_forms("kg", "㎏"),
    **_forms("mL", "ml", "milliliter", "milliliters", "millilitre", "millilitres", "mililitro", "mililitros"),
    **_forms("mL", "毫升", "مل", "ملل", "㎖"),
    **_forms("mL", "cc"),
    **_forms("IU", "iu", "ui", "international units", "unidades internacionales", "unités internationales"),
    **_forms("IU", "国际单位", "وحدة دولية"),
    **_forms("L", "l", "liter", "liters", "litre", "litres", "litro", "litros", "升", "لتر", "لترات", "ℓ"),
    **_forms("°C", "°c", "ºc", "℃", "° c", "º c", "degrees celsius", "grados celsius", "grados centígrados"),
    **_forms("°C", "degrés celsius", "độ c", "摄氏度", "درجة مئوية", "درجات مئوية"),
    **_forms("°F", "°f", "ºf", "℉", "° f", "degrees fahrenheit", "grados fahrenheit", "degrés fahrenheit"),
    **_forms("°F", "độ f", "华氏度", "درجة فهرنهايت"),
    **_forms("°", "°"),
    **_forms("mmHg", "mmhg", "mm hg", "毫米汞柱", "ملم زئبق"),
    **_forms("hour", "hour", "hours", "hr", "hrs", "h", "hora", "horas", "heure", "heures", "giờ"),
    **_forms("hour", "小时", "小時", "个小时", "個小時", "ساعة", "ساعات"),
    **_forms("minute", "minute", "minutes", "min", "mins", "minuto", "minutos", "phút", "分钟", "分鐘"),
    **_forms("minute", "دقيقة", "دقائق"),
    **_forms("day", "day", "days", "día", "días", "jour", "jours", "ngày", "天", "日", "يوم", "أيام", "يوما"),
    **_forms("week", "week", "weeks", "wk", "wks", "semana", "semanas", "semaine", "semaines", "tuần"),
    **_forms("week", "周", "週", "星期", "个星期", "個星期", "أسبوع", "أسابيع", "أسبوعا"),
    **_forms("month", "month", "months", "mes", "meses", "mois", "tháng", "个月", "個月", "月"),
    **_forms("month", "شهر", "أشهر", "شهور", "شهرا"),
    **_forms("year", "year", "years", "yr", "yrs", "año", "años", "an", "ans", "année", "années", "năm", "年"),
    **_forms("year", "سنة", "سنوات", "سنين", "عام", "أعوام", "عاما"),
}
"""Every unit the checks know: its written form (compared case-insensitively) -> its canonical unit."""

SHORT_PHONES = frozenset({"911", "112", "999", "988"})
"""Emergency and crisis numbers, reported as phone numbers though they are written like numbers."""

# ------------------------------------------------------------------ the facts


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number, with its unit if one is attached."""

    value: Decimal
    """Its value, sign included."""
    unit: str | None
    """Its canonical unit (a value of :data:`UNITS`), or None."""
    written: str
    """As the text writes it: ``2,5 mg``, ``١٨٪``."""
    named: bool = False
    """A month written as a name next to a date's digits ("Oct. 1"): it matches the month's number on
    the other side ("1/10/2019", "10月"), but is not reported when the other side writes the month in
    words or not at all."""


@dataclass(frozen=True, slots=True)
class Written:
    """A fact compared as a string: a phone number, a code, a web or e-mail address."""

    key: str
    """What is compared: a phone number's digits (ASCII), a code with ASCII digits, an address."""
    written: str
    """As the text writes it."""


@dataclass(frozen=True, slots=True)
class Term:
    """A do-not-translate term: a name that must reach every translation as written."""

    text: str
    """The term as the source writes it: ``National Cancer Institute``."""
    renderings: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Other accepted forms per language tag (``{"zh-Hans": ["美国国家癌症研究所"]}``)."""

    def accepted(self, lang: str) -> tuple[str, ...]:
        """The forms accepted in ``lang``: the term itself, then its renderings for the language (or,
        when none is given for the full tag, for its primary language: ``zh`` for ``zh-Hans``)."""
        wanted = _tag_key(lang)
        keys = {_tag_key(key): key for key in self.renderings}
        key = keys.get(wanted) or keys.get(wanted.split("-")[0])
        return (self.text, *(self.renderings[key] if key is not None else ()))


@dataclass(frozen=True, slots=True)
class Facts:
    """What must survive translation, in the order the text gives it."""

    numbers: tuple[Quantity, ...]
    phones: tuple[Written, ...]
    codes: tuple[Written, ...]
    web: tuple[Written, ...]
    emails: tuple[Written, ...]
    terms: tuple[tuple[Term, int], ...] = ()
    """Each term of the list that appears, with how many times it appears (as written or rendered)."""


# ------------------------------------------------------------------ patterns

_IGNORED = regex.compile(r"[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u00ad\u0640\u064b-\u065f\u0670]")
"""Invisible marks removed before reading: direction marks, soft hyphens, Arabic tatweel and vowel marks."""
_MASK = "\ue000"
_SP = "[ \t\u00a0\u2009\u202f]"
_EMAIL = regex.compile(r"[\p{L}\p{Nd}._%+\-]+@[\p{L}\p{Nd}\-]+(?:\.[\p{L}\p{Nd}\-]+)+")
_URL = regex.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+"
    r"|(?<![\p{L}\p{Nd}@./\-])(?:[a-z0-9\-]+\.)+"
    r"(?:com|org|net|gov|edu|int|mil|info|health|example|us|uk|ca|au|mx|es|fr|vn|cn)"
    r"(?![\p{L}\p{Nd}\-])(?:/[^\s<>\"'()\[\]{}]*)?",
    regex.IGNORECASE,
)
_TRAILING = ".,;:!?。，、；：！？،؛»”’\"'"
# Chinese writes no space between words: a Han character next to a unit or a phone number does not
# join them into one word, as a Latin letter would ([^\P{L}\p{Han}] is a letter that is not Han).
_PHONE = regex.compile(
    rf"(?<=tel:)(?P<tel>\+?\p{{Nd}}+)"
    rf"|(?<![\p{{Nd}}.,+])(?<![^\P{{L}}\p{{Han}}])(?:\+{_SP}?)?(?:\p{{Nd}}{{1,3}}{_SP}?(?=\())?(?:\(\p{{Nd}}{{1,4}}\){_SP}?)?"
    rf"\p{{Nd}}{{1,4}}(?P<sep>{_SP}|[.\-])\p{{Nd}}{{1,5}}(?:(?P=sep)\p{{Nd}}{{1,5}}){{0,4}}"
    rf"(?![\p{{Nd}}]|[^\P{{L}}\p{{Han}}]|[.,]\p{{Nd}})"
)
"""A phone number: a ``tel:`` target, or groups of digits with one kind of separator, perhaps after a
``+`` and a bracketed area code (which of them are phone numbers is decided by :func:`_is_phone`)."""
_DATE_LIKE = regex.compile(r"\d{4}[.\-]\d{1,2}[.\-]\d{1,2}|\d{1,2}[.\-]\d{1,2}[.\-]\d{2,4}")
_CODE = regex.compile(r"(?<![\p{Latin}\p{Nd}\-_])\p{Latin}[\p{Latin}\p{Nd}]*(?:-[\p{Latin}\p{Nd}]+)*")
_DIGIT = regex.compile(r"\p{Nd}")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_RANGE = regex.compile(
    rf"{_SP}*(?:[\-–—~～〜]|(?i:to|a|à|au|đến|tới|إلى|الى)(?!\p{{L}})|到|至){_SP}*",
)


def _unit_pattern() -> str:
    def alternation(keys: list[str]) -> str:
        keys = sorted(keys, key=len, reverse=True)
        return "|".join(regex.escape(key).replace("\\ ", f"{_SP}") for key in keys)

    keys = list(UNITS)
    bounded = [key for key in keys if key[-1].isalpha() and not _CJK.match(key[-1])]
    free = [key for key in keys if key not in bounded]
    return rf"(?i:(?:{alternation(bounded)})(?![\p{{M}}\p{{Nd}}]|[^\P{{L}}\p{{Han}}])|{alternation(free)})"


_UNIT = _unit_pattern()
_ZERO_MINUTES = regex.compile(r"\p{Nd}:")
_TIME_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:ngày|tháng|năm){_SP}+$")
"""A Vietnamese date word just before a number: then the time word after the number is the next
number's ("ngày 1 tháng 10 năm 2019" is day 1, month 10, year 2019, not "1 month" and "10 years")."""
_UNIT_KEYS = {key.casefold(): canonical for key, canonical in UNITS.items()}


@cache
def _number_pattern(spaced_groups: bool) -> regex.Pattern[str]:
    spaced = rf"\p{{Nd}}{{1,3}}(?:{_SP}\p{{Nd}}{{3}})+(?:[.,٫]\p{{Nd}}+)?(?![\p{{Nd}}.,٬])|" if spaced_groups else ""
    return regex.compile(
        rf"(?P<sign>(?<![^\s(\[{{\"'«“‘])[\-−])?"
        rf"(?P<body>{spaced}(?:(?<![^\s(])[.,٫](?=\p{{Nd}}))?\p{{Nd}}+(?:[.,٫٬]\p{{Nd}}+)*)"
        rf"(?:(?P<gap>{_SP}?|[\-](?=\p{{L}}))(?P<unit>{_UNIT})(?:/(?P<per>{_UNIT}))?"
        rf"|(?P<code>[A-Z]+)(?![\p{{Latin}}])"
        rf"|(?P<ordinal>\p{{Ll}}{{1,4}}(?![\p{{L}}])|\.?[ºª]))?"
    )


@cache
def _convention(lang: str) -> tuple[str, str, bool]:
    """The decimal symbol (``.`` or ``,``) of ``lang``, its group symbol, and whether it groups digits
    with spaces (French ``1 000``)."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        locale = Locale("en")
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    decimal = "," if decimal == "," else "."
    other = "." if decimal == "," else ","
    return decimal, other, group.isspace()


_FOLDED = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}, "\u2010": "-", "\u2011": "-"})
"""Full-width ASCII (``１０ｍｇ``) read as ASCII, and the Unicode hyphens as ``-``."""


def _prepare(text: str) -> str:
    return _IGNORED.sub("", unicodedata.normalize("NFC", text)).translate(_FOLDED)


_ASCII_SIGNS = str.maketrans({"٪": "%", "٫": ".", "٬": ",", "؉": "‰"})


def _ascii(text: str) -> str:
    """``text`` with ASCII digits (and the Arabic percent and separators as ASCII signs)."""
    return "".join(_ascii_digit(c) if _DIGIT.match(c) else c for c in text).translate(_ASCII_SIGNS)


@cache
def _ascii_digit(char: str) -> str:
    """The ASCII digit of a decimal digit, also of one newer than Python's own Unicode database."""
    value = unicodedata.decimal(char, None)
    if value is None:
        value = next(d for d in range(10) if regex.match(rf"\p{{Numeric_Value={d}}}", char))
    return str(value)


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + _MASK * (end - start) + text[end:]


def _code_trim(code: str) -> str:
    """A code without the hyphenated words after it that hold no digit ("HER2-positive" -> "HER2")."""
    parts = code.split("-")
    while len(parts) > 1 and not _DIGIT.search(parts[-1]):
        parts.pop()
    return "-".join(parts)


# ------------------------------------------------------------------ finding the facts


def facts(text: str, lang: str, terms: Sequence[Term] = ()) -> Facts:
    """The facts of ``text``, written in ``lang`` (a BCP 47 or gettext tag), that translation must keep."""
    original = text = _prepare(text)
    emails, text = _take(text, _EMAIL, lambda s: s)
    web, text = _take(text, _URL, lambda s: s)
    phones, text = _take_phones(text, lang)
    codes, text = _take(text, _CODE, _ascii, keep=lambda s: bool(_DIGIT.search(s)), trim=_code_trim)
    numbers, short_phones, number_codes = _numbers(text, lang)
    return Facts(
        numbers=(*numbers, *_months(text, lang)),
        phones=(*phones, *short_phones),
        codes=(*codes, *number_codes),
        web=web,
        emails=emails,
        terms=_term_counts(original, terms, lang),
    )


def _take(
    text: str,
    pattern: regex.Pattern[str],
    key: Callable[[str], str],
    keep: Callable[[str], bool] = lambda s: True,
    trim: Callable[[str], str] = lambda s: s.rstrip(_TRAILING),
) -> tuple[tuple[Written, ...], str]:
    """The matches of ``pattern`` (trimmed of closing punctuation), and ``text`` with them masked."""
    found: list[Written] = []
    for match in list(pattern.finditer(text)):
        start = match.start()
        end = start + len(trim(match.group(0)))
        written = text[start:end]
        if written and keep(written):
            found.append(Written(key(written), written))
            text = _mask(text, start, end)
    return tuple(found), text


def _take_phones(text: str, lang: str) -> tuple[tuple[Written, ...], str]:
    found: list[Written] = []
    for match in list(_PHONE.finditer(text)):
        digits = "".join(c for c in _ascii(match.group(0)) if c.isdigit())
        if _is_phone(match, digits, lang):
            found.append(Written(digits, match.group(0)))
            text = _mask(text, *match.span())
    return tuple(found), text


def _is_phone(match: regex.Match[str], digits: str, lang: str) -> bool:
    """Whether a match of :data:`_PHONE` is a phone number, not a date, a grouped number or a range."""
    if match.group("tel"):
        return len(digits) >= 3
    plain = _ascii(match.group(0))
    _, group, spaced = _convention(lang)
    grouped = rf"\d{{1,3}}(?:{_SP if spaced else regex.escape(group)}\d{{3}})+"
    shaped = (
        "(" in plain
        or plain.startswith("+")
        or len(regex.findall(r"\d+", plain)) >= 3
        or regex.fullmatch(r"\d{3}[\-. ]\d{4}", plain) is not None
    )
    return (
        7 <= len(digits) <= 15
        and shaped
        and not _DATE_LIKE.fullmatch(plain)
        and not regex.fullmatch(grouped, plain)
        and not regex.match(rf"{_SP}?(?:{_UNIT})", match.string[match.end() :])
    )


def _numbers(text: str, lang: str) -> tuple[tuple[Quantity, ...], tuple[Written, ...], tuple[Written, ...]]:
    """The numbers of ``text``; the short phone numbers and the digit-first codes (``4A``) among them."""
    decimal, group, spaced = _convention(lang)
    numbers: list[tuple[Quantity, int, int]] = []
    phones: list[Written] = []
    codes: list[Written] = []
    for match in _number_pattern(spaced).finditer(text):
        body = match.group("body")
        if match.group("code") and match.group("code") not in ("AM", "PM"):
            codes.append(Written(_ascii(body) + match.group("code"), match.group(0)))
            continue
        unit = _canonical(match.group("unit"), match.group("per"))
        if _ZERO_MINUTES.match(text, max(0, match.start() - 2)) and _ascii(match.group(0)) == "00":
            continue  # "8:00" is 8 o'clock, as "8 h", "8点" and "8 giờ" are
        written = match.group(0)
        if unit in _TIME_UNITS and _TIME_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            unit, written = None, (match.group("sign") or "") + body  # "tháng 10 năm 2019"
        plain = _ascii(body)
        if unit is None and not match.group("sign") and plain in SHORT_PHONES:
            phones.append(Written(plain, body))
            continue
        values = _values(plain, decimal, group)
        sign = -1 if match.group("sign") else 1
        if len(values) == 1:
            numbers.append((Quantity(sign * values[0], unit, written), match.start(), match.end()))
            continue
        # "1.2.3", "14.3.2022": each part is a number of its own; a unit belongs to the last one
        parts = regex.split(r"[^\p{Nd}]", body)
        suffix = match.group(0)[match.end("body") - match.start() :]
        for index, (value, part) in enumerate(zip(values, parts, strict=True)):
            last = index == len(values) - 1
            quantity = Quantity(value * (sign if index == 0 else 1), unit if last else None, part + suffix * last)
            numbers.append((quantity, match.start(), match.end()))
    return _ranges(text, numbers), tuple(phones), tuple(codes)


@cache
def _month_names(lang: str) -> tuple[regex.Pattern[str], dict[str, int]]:
    """The month names of ``lang`` and of English (Babel's, wide and abbreviated, without those written
    with digits such as "10月"), as one pattern, and each name's month. A capitalized name is matched
    only capitalized, so the English verb "may" is not May."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        locale = Locale("en")
    months: dict[str, int] = {"Sept": 9}
    for where in (Locale("en"), locale):
        for width in ("wide", "abbreviated"):
            for month, name in get_month_names(width, "format", where).items():
                if not _DIGIT.search(name):
                    months.setdefault(_prepare(name).rstrip("."), month)
    names = sorted(months, key=len, reverse=True)

    def alternation(names: list[str]) -> str:
        return "|".join(regex.escape(name) for name in names) or "(?!)"

    free = alternation([name for name in names if _CJK.search(name)])
    capitalized = alternation([name for name in names if name[0].isupper()])
    lower = alternation([name for name in names if name[0].islower()])
    words = rf"(?<![\p{{L}}\p{{M}}])(?:{capitalized}|(?i:{lower}))(?![\p{{L}}\p{{M}}])\.?"
    return regex.compile(f"{words}|{free}"), {name.casefold(): month for name, month in months.items()}


_DATE_BEFORE = regex.compile(r"(?:\p{Nd}\p{Ll}{0,3}\.?,?\s*(?:de\s+|del\s+)?|\p{Nd}年)$")
_DATE_AFTER = regex.compile(r"\.?,?\s*(?:de\s+)?\p{Nd}")


def _months(text: str, lang: str) -> tuple[Quantity, ...]:
    """The month names that stand next to a date's digits ("Oct. 1", "21 de mayo", "2020年五月")."""
    pattern, months = _month_names(lang)
    found: list[Quantity] = []
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if _DATE_BEFORE.search(before) or _DATE_AFTER.match(text, match.end()):
            month = months.get(match.group(0).rstrip(".").casefold())
            if month is not None:
                found.append(Quantity(Decimal(month), "month", match.group(0), named=True))
    return tuple(found)


def _canonical(unit: str | None, per: str | None) -> str | None:
    if unit is None:
        return None

    def name(written: str) -> str:
        key = regex.sub(_SP, " ", written).casefold()
        return _UNIT_KEYS.get(key, key)

    return f"{name(unit)}/{name(per)}" if per else name(unit)


def _values(plain: str, decimal: str, group: str) -> tuple[Decimal, ...]:
    """The value(s) of a run of ASCII digits and separators, read by the language's convention first."""
    if plain[0] in ".,":  # a bare decimal: ".5 mg", ",5 mg"
        plain = "0" + plain
    parts = regex.split(r"([^0-9])", plain)
    digits, separators = parts[0::2], parts[1::2]
    if not separators:
        return (Decimal(plain),)
    for point, comma in ((decimal, group), (group, decimal)):
        value = _grouped(digits, separators, point, comma)
        if value is not None:
            return (value,)
    return tuple(Decimal(part) for part in digits)


def _grouped(digits: list[str], separators: list[str], point: str, comma: str) -> Decimal | None:
    """The value if ``point`` is the decimal symbol and ``comma`` the group symbol, else None."""
    kinds = ["point" if s in (point, "٫") else "group" if s in (comma, "٬") or s.isspace() else "?" for s in separators]
    integer = digits
    fraction = ""
    if kinds[-1] == "point":
        integer, fraction = digits[:-1], digits[-1]
        kinds = kinds[:-1]
    if any(kind != "group" for kind in kinds):
        return None
    if len(integer) > 1 and (len(integer[0]) > 3 or any(len(part) != 3 for part in integer[1:])):
        return None
    return Decimal("".join(integer) + ("." + fraction if fraction else ""))


def _ranges(text: str, found: list[tuple[Quantity, int, int]]) -> tuple[Quantity, ...]:
    """The numbers, the first of each range given the unit written only after the second ("2-3 mg")."""
    numbers = [quantity for quantity, _, _ in found]
    for index in range(len(found) - 1, 0, -1):
        (first, _, end), (second, start, _) = found[index - 1], found[index]
        if first.unit is None and second.unit is not None and end < start and _RANGE.fullmatch(text, end, start):
            numbers[index - 1] = replace(numbers[index - 1], unit=numbers[index].unit)
    return tuple(numbers)


def _term_counts(text: str, terms: Sequence[Term], lang: str) -> tuple[tuple[Term, int], ...]:
    """How many times each term appears in ``text``, as written or rendered. All forms of all terms are
    read in one pass, longest first, so "小细胞肺癌" (SCLC) is not counted inside "非小细胞肺癌" (NSCLC)."""
    owners: dict[str, int] = {}
    pieces: list[tuple[str, str]] = []
    for index, term in enumerate(terms):
        for form in term.accepted(lang):
            key = " ".join(_prepare(form).split())
            if key and key not in owners:
                owners[key] = index
                pieces.append((key, _form_pattern(key)))
    if not pieces:
        return ()
    pattern = regex.compile("|".join(p for _, p in sorted(pieces, key=lambda piece: len(piece[0]), reverse=True)))
    counts = [0] * len(terms)
    for match in pattern.finditer(text):
        counts[owners[" ".join(match.group(0).split())]] += 1
    return tuple((term, count) for term, count in zip(terms, counts, strict=True) if count)


def _form_pattern(form: str) -> str:
    """A term's form, any run of spaces for a space, whole words where it starts or ends with a Latin letter."""
    body = r"\s+".join(regex.escape(word) for word in form.split())
    before = r"(?<![\p{Latin}\p{Nd}])" if regex.match(r"[\p{Latin}\p{Nd}]", form[0]) else ""
    after = r"(?![\p{Latin}\p{Nd}])" if regex.match(r"[\p{Latin}\p{Nd}]", form[-1]) else ""
    return before + body + after


# ------------------------------------------------------------------ comparing the facts


def meaning_problems(
    source: str, translation: str, source_lang: str, lang: str, terms: Sequence[Term] = ()
) -> list[str]:
    """The differences between the facts of ``source`` (in ``source_lang``) and of ``translation`` (in
    ``lang``) that could change the medicine, one short message each: numbers first, then phone numbers,
    codes, web and e-mail addresses, and do-not-translate terms."""
    want, have = facts(source, source_lang, terms), facts(translation, lang, terms)
    problems = _number_problems(list(want.numbers), list(have.numbers))
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
        same = _ascii(a.written) == _ascii(b.written)
        why = f" ({_plain_value(a)} became {_plain_value(b)}: the languages write decimals differently)" if same else ""
        problems.append(f"the number {_shown(a)} became {_shown(b)}{why}")
    problems += [f"the number {_shown(a)} is missing (write numbers in digits, as the source does)" for a in wanted]
    problems += [f"the translation adds the number {_shown(b)}" for b in found]
    return problems


def _plain_value(quantity: Quantity) -> str:
    return f"{quantity.value.normalize():f}"


def _time_or_none(unit: str | None, other: str | None) -> bool:
    """Whether one side has no unit and the other none or a time word (a time word may be left out)."""
    return (unit is None and (other is None or other in _TIME_UNITS)) or (other is None and unit in _TIME_UNITS)


def _shown(fact: Quantity | Written) -> str:
    """A fact as written, with ASCII digits after it when the text uses another digit script."""
    plain = _ascii(fact.written)
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


def _tag_key(tag: str) -> str:
    return tag.replace("_", "-").casefold()


# ------------------------------------------------------------------ markup and untranslated text

_LINK_TARGET = regex.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")


def without_link_targets(markdown: str) -> str:
    """``markdown`` with each link's address removed (``[words](address)`` -> ``[words]``)."""
    return _LINK_TARGET.sub("]", markdown)


def markup_problems(source_md: str, translation_md: str) -> list[str]:
    """Markup of ``translation_md`` that would print as typed where the source's does not: an unmatched
    ``**``, ``*`` or ``_``, or the brackets of a link that do not match."""
    want, have = _literal_marks(source_md), _literal_marks(translation_md)
    problems: list[str] = []
    if have.count("*") > want.count("*"):
        pair = "**" in have
        what = "** would print as literal asterisks" if pair else "* would print as a literal asterisk"
        problems.append(f"an unmatched {what}{_near(have, '**' if pair else '*')}")
    if have.count("_") > want.count("_"):
        problems.append(f"an unmatched _ would print as a literal underscore{_near(have, '_')}")
    for bracket in "[]":
        if have.count(bracket) > want.count(bracket):
            problems.append(
                f"the brackets of a link do not match: {bracket} would print as typed{_near(have, bracket)}"
            )
            break
    return problems


def _literal_marks(markdown: str) -> str:
    """The text a reader would see of ``markdown`` (tokens joined by a line break)."""
    tokens: list[Token] = markdown_parser().parseInline(unicodedata.normalize("NFC", markdown))
    children = (tokens[0].children or []) if tokens else []
    return "\n".join(token.content for token in children if token.type == "text")


def _near(text: str, mark: str) -> str:
    index = text.find(mark)
    start, end = max(0, index - 20), min(len(text), index + len(mark) + 20)
    snippet = text[start:end].replace("\n", " ")
    return f' (near "{"…" if start else ""}{snippet}{"…" if end < len(text) else ""}")'


def untranslated_problem(source: str, translation: str, min_words: int = 4) -> str | None:
    """A message when ``translation`` is ``source`` left as it is (ignoring case, spacing, emphasis
    markers and link addresses) and the source has at least ``min_words`` words; else None.

    A translation that marks the text as the source language with a span (``[...]{lang=en}``) is not
    the same text: readers and screen readers are told it is English.
    """
    plain = _plain(source)
    if plain != _plain(translation) or _words(plain) < min_words:
        return None
    shown = source if len(source) <= 60 else source[:57].rsplit(maxsplit=1)[0] + "…"
    return f'the translation is the source text, not translated: "{shown}"'


def _plain(markdown: str) -> str:
    text = regex.sub(r"[*_]+", "", without_link_targets(unicodedata.normalize("NFC", markdown)))
    return " ".join(text.split()).casefold()


def _words(text: str) -> int:
    cjk = len(_CJK.findall(text))
    return cjk + sum(1 for word in _CJK.sub(" ", text).split() if any(c.isalpha() for c in word))
