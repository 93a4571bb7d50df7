"""The facts a translation must carry over: what :func:`facts` finds in one text, through the one unit
table :data:`UNITS` (the rules and their limits: :mod:`handoutkit.i18n.meaning`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

import regex
from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from handoutkit.i18n.terms import Term
from handoutkit.i18n.units import SHORT_PHONES, TIME_UNITS, UNITS

__all__ = [
    "CJK",
    "SHORT_PHONES",
    "TIME_UNITS",
    "UNITS",
    "Facts",
    "Quantity",
    "Term",
    "Written",
    "ascii_text",
    "facts",
]

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
_COUNTRY_DOMAINS = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bv bw by "
    "bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj "
    "fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io "
    "iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg "
    "mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph "
    "pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy "
    "sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za "
    "zm zw"
)
"""Every country's top-level domain (ISO 3166-1 codes that are delegated, and .uk, .eu, .ac): "minsal.cl",
"msal.gob.ar" and "moh.gov.sa" are addresses a translator may add for a patient to visit (Chinese
writes one between characters with no space: "请访问nhc.gov.cn了解")."""
_GENERIC_DOMAINS = (
    "com org net gov edu int mil info biz pro name mobi asia coop museum health example app help clinic care "
    "link online site web blog news ngo ong"
)
_URL = regex.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+"
    r"|(?<![^\P{L}\p{Han}\p{Hiragana}\p{Katakana}]|[\p{Nd}@./\-])(?:[a-z0-9\-]+\.)+"
    rf"(?:{'|'.join(sorted((_GENERIC_DOMAINS + ' ' + _COUNTRY_DOMAINS).split(), key=lambda d: (-len(d), d)))})"
    r"(?![^\P{L}\p{Han}\p{Hiragana}\p{Katakana}]|[\p{Nd}\-])(?:/[^\s<>\"'()\[\]{}\p{Han}，。、]*)?",
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
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_RANGE = regex.compile(
    rf"{_SP}*(?:[\-–—~～〜]|(?i:to|a|à|au|đến|tới|إلى|الى)(?!\p{{L}})|到|至){_SP}*",
)


def _unit_pattern() -> str:
    def alternation(keys: list[str]) -> str:
        keys = sorted(keys, key=len, reverse=True)
        return "|".join(regex.escape(key).replace("\\ ", f"{_SP}") for key in keys)

    keys = list(UNITS)
    bounded = [key for key in keys if key[-1].isalpha() and not CJK.match(key[-1])]
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


def ascii_text(text: str) -> str:
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
    codes, text = _take(text, _CODE, ascii_text, keep=lambda s: bool(_DIGIT.search(s)), trim=_code_trim)
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
        digits = "".join(c for c in ascii_text(match.group(0)) if c.isdigit())
        if _is_phone(match, digits, lang):
            found.append(Written(digits, match.group(0)))
            text = _mask(text, *match.span())
    return tuple(found), text


def _is_phone(match: regex.Match[str], digits: str, lang: str) -> bool:
    """Whether a match of :data:`_PHONE` is a phone number, not a date, a grouped number or a range."""
    if match.group("tel"):
        return len(digits) >= 3
    plain = ascii_text(match.group(0))
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
            codes.append(Written(ascii_text(body) + match.group("code"), match.group(0)))
            continue
        unit = _canonical(match.group("unit"), match.group("per"))
        if _ZERO_MINUTES.match(text, max(0, match.start() - 2)) and ascii_text(match.group(0)) == "00":
            continue  # "8:00" is 8 o'clock, as "8 h", "8点" and "8 giờ" are
        written = match.group(0)
        if unit in TIME_UNITS and _TIME_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            unit, written = None, (match.group("sign") or "") + body  # "tháng 10 năm 2019"
        plain = ascii_text(body)
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

    free = alternation([name for name in names if CJK.search(name)])
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
