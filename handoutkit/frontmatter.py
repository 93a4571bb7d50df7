"""YAML front matter: safe loading, every field checked, every value with its line.

Beyond PyYAML's SafeLoader: anchors and aliases are refused (an alias bomb of nine levels expands to
hundreds of millions of values and took minutes), so are merge keys (``<<``); collections nest at most
``[limits] nesting`` deep (PyYAML composes recursively: 10,000 nested flows raise ``RecursionError``);
a key written twice is an error naming both lines (PyYAML keeps the last silently); every string passes
the untrusted-text boundary; messages quote values through :func:`handoutkit.untrusted.excerpt`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from handoutkit.errors import Problem
from handoutkit.inline import target_problem
from handoutkit.limits import DEFAULT_LIMITS, Limits
from handoutkit.model import Origin
from handoutkit.review import DIGEST, is_future
from handoutkit.untrusted import excerpt, find_unsafe, line_of

__all__ = ["FIELDS", "TRANSLATED_FIELDS", "FrontMatter", "RawReference", "parse_front_matter"]

FIELDS = (
    "title",
    "summary",
    "sms",
    "sms_parts",
    "reviewed_by",
    "reviewed_on",
    "reviewed_digest",
    "updated",
    "references",
)
"""Every field a handout's front matter may have."""
TRANSLATED_FIELDS = ("title", "summary", "sms", "references")
"""The fields whose text goes to translators (each reference's ``text``)."""


@dataclass(frozen=True, slots=True)
class RawReference:
    """A reference as written: its text, optional link and line."""

    text: str
    link: str | None
    line: int


@dataclass(frozen=True, slots=True)
class _NotADate:
    """A YAML timestamp that names no real day (``2026-13-01``, ``2026-02-30``): kept as written, with why."""

    text: str
    reason: str

    def __repr__(self) -> str:
        return self.text


EARLIEST_YEAR = 1900
"""No handout is updated or reviewed before this year: ``0026-11-25`` is a typo that would otherwise reach
patients as "Updated November 25, 26."."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
"""English month names (``calendar.month_name`` follows the process's locale)."""


def _why(match: re.Match[str]) -> str:
    """Why a timestamp PyYAML recognized names no real day, in the author's terms."""
    import calendar  # only a wrong date needs it

    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if year < dt.MINYEAR:
        return f"there is no year {year}"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if day < 1:
        return f"there is no day {day}"
    if day > days:
        name = _MONTHS[month - 1]
        return f"{name} {year} has {days} days" if month == 2 else f"{name} has {days} days"
    for part, last in (("hour", 23), ("minute", 59), ("second", 59)):
        if match[part] and int(match[part]) > last:
            return f"there is no {part} {int(match[part])}"
    return "a time zone is less than 24 hours from UTC"


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> dt.date | _NotADate:
    """A YAML timestamp as a ``date`` or ``datetime``, or a :class:`_NotADate` saying why it is none.

    PyYAML's own constructor builds ``2026-13-01`` with ``datetime.date(...)`` and lets its ``ValueError``
    out (not a ``YAMLError``: no line, and the whole build stopped), and fails on ``!!timestamp 'soon'``
    with an ``AttributeError``: yaml/pyyaml#382 and yaml/pyyaml#899, both open. Here such a value is kept,
    and the check of its field reports it with the field's name and line.
    """
    text = loader.construct_scalar(node)
    match = loader.timestamp_regexp.match(text)
    if match is None:
        return _NotADate(text, "it has no year, month and day")
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return _NotADate(text, _why(match))


class _Refused(yaml.MarkedYAMLError):
    """YAML the front matter does not accept (an alias, an anchor, a merge key, too deep a nesting)."""


class _Loader(yaml.SafeLoader):
    """PyYAML's SafeLoader whose timestamps are built by :func:`_timestamp`, and whose composer refuses
    anchors, aliases and nesting deeper than ``max_depth`` (the global SafeLoader is untouched)."""

    def __init__(self, stream: str, max_depth: int) -> None:
        super().__init__(stream)
        self.max_depth = max_depth
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _refused(event, "aliases (*name) are not allowed in front matter: write the value out")
        if getattr(event, "anchor", None):
            raise _refused(event, "anchors (&name) are not allowed in front matter")
        self.depth += 1
        try:
            if self.depth > self.max_depth and isinstance(event, yaml.CollectionStartEvent):
                limit = f"values are nested more than {self.max_depth} deep ([limits] nesting in handoutkit.toml)"
                raise _refused(event, limit)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _refused(event: yaml.Event, message: str) -> _Refused:
    return _Refused(problem=message, problem_mark=event.start_mark)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass
class FrontMatter:
    """The checked front matter of one file; ``lines`` maps each field to its 1-based line."""

    title: str = ""
    summary: str | None = None
    sms: list[tuple[str, int]] = field(default_factory=list)
    sms_parts: int | None = None
    reviewed_by: str = ""
    reviewed_on: dt.date | None = None
    reviewed_digest: str = ""
    updated: dt.date | None = None
    references: list[RawReference] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)


def parse_front_matter(
    text: str, path: str, first_line: int, today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[FrontMatter, list[Problem]]:
    """Check the YAML between the ``---`` lines. ``first_line`` is the file line of the YAML's first line;
    a review dated after ``today`` (default: :func:`handoutkit.review.today`) is an error, and so are
    YAML and text that ``limits`` or the untrusted-text boundary refuse."""
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem("front-matter", Origin(path, line), message))

    result = FrontMatter()
    try:
        loader = _Loader(text, limits.nesting)
        try:
            node = loader.get_single_node()
            if node is not None:
                problems.extend(_node_problems(node, path, first_line, limits))
                if problems:
                    return result, problems
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        reason = getattr(error, "problem", None) or excerpt(str(error), 200)
        problem(line, str(reason) if isinstance(error, _Refused) else f"front matter is not valid YAML: {reason}")
        return result, problems
    except (ValueError, TypeError, OverflowError) as error:  # a constructor's own failure (an int of 5,000 digits)
        problem(first_line, f"front matter holds a value that cannot be read: {excerpt(str(error), 120)}")
        return result, problems
    if not isinstance(data, dict) or node is None:
        problem(first_line, "front matter must be a mapping of fields (title: ..., summary: ...)")
        return result, problems

    rejected: set[str] = set()  # fields already reported: the checks below would only repeat them
    for key_node, value_node in node.value:
        key = key_node.value
        line = first_line + key_node.start_mark.line
        if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str" or key not in FIELDS:
            problem(line, f"unknown front matter field {excerpt(key)} (known: {', '.join(FIELDS)})")
            continue
        result.lines[key] = line
        reported = len(problems)
        _field(result, key, data[key], value_node, first_line, problem)
        if len(problems) > reported:
            rejected.add(key)

    if not result.title.strip() and "title" not in rejected:
        problem(result.lines.get("title", first_line), "front matter needs a non-empty 'title'")
    if result.reviewed_by.strip() and result.reviewed_on is None and "reviewed_on" not in rejected:
        problem(result.lines.get("reviewed_by", first_line), "'reviewed_by' is set but 'reviewed_on' is not")
    if result.reviewed_on is not None and not result.reviewed_by.strip() and "reviewed_by" not in rejected:
        problem(result.lines.get("reviewed_on", first_line), "'reviewed_on' is set but 'reviewed_by' is not")
    if result.reviewed_on is not None and is_future(result.reviewed_on, today):
        day = result.reviewed_on.isoformat()
        problem(result.lines["reviewed_on"], f"'reviewed_on' is in the future ({day}): date a review when it is done")
    return result, problems


def _node_problems(root: yaml.Node, path: str, first_line: int, limits: Limits) -> list[Problem]:
    """What the composed YAML holds that is refused: a key written twice in one mapping (naming both
    lines), a merge key, a string the untrusted-text boundary refuses or longer than a message may be.
    The composer already bounded the depth, so this walk recurses at most ``limits.nesting`` times."""
    problems: list[Problem] = []

    def at(node: yaml.Node) -> int:
        return first_line + node.start_mark.line

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value)
            if len(value.encode("utf-8", "surrogatepass")) > limits.message_bytes:
                message = (
                    f"a value longer than {limits.message_bytes:,} bytes ([limits] message_bytes in handoutkit.toml)"
                )
                problems.append(Problem("size", Origin(path, at(node)), message))
            elif (unsafe := find_unsafe(value)) is not None:
                # A plain or quoted scalar starts where its mark is; a block scalar (| or >) a line below.
                start = at(node) + (1 if node.style in ("|", ">") else 0)
                line = line_of(value, unsafe.index, start) if node.style in ("|", ">") else at(node)
                problems.append(Problem("character", Origin(path, line), unsafe.describe()))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    problems.append(Problem("front-matter", Origin(path, at(key)), "merge keys (<<) are not allowed"))
                if isinstance(key, yaml.ScalarNode):
                    name = (key.tag, key.value)
                    if name in seen:
                        message = (
                            f"the field {excerpt(key.value)} is written twice, here and at line {seen[name]}: "
                            "keep one (YAML would silently keep the last)"
                        )
                        problems.append(Problem("front-matter", Origin(path, at(key)), message))
                    else:
                        seen[name] = at(key)
                walk(key)
                walk(value)

    walk(root)
    return problems


def _field(result: FrontMatter, key: str, value: Any, node: yaml.Node, first_line: int, problem: Any) -> None:
    line = first_line + node.start_mark.line
    match key:
        case "title" | "summary" | "reviewed_by":
            if value is None:
                value = ""
            if not isinstance(value, str):
                problem(line, f"{key!r} must be text, not {excerpt(value)}")
                return
            setattr(result, key, value.strip() if key != "summary" else (value.strip() or None))
        case "sms":
            if not isinstance(value, str | list | type(None)):
                problem(line, "'sms' must be a message or a list of messages")
                return
            items = [(value, node)] if isinstance(value, str) else list(zip(value or [], node.value, strict=False))
            for item, item_node in items:
                item_line = first_line + item_node.start_mark.line
                if not isinstance(item, str) or not item.strip():
                    problem(item_line, f"an SMS message must be non-empty text, not {excerpt(item)}")
                else:
                    result.sms.append((item.strip(), item_line))
        case "sms_parts":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
                problem(line, f"'sms_parts' must be a whole number from 1 to 10, not {excerpt(value)}")
            else:
                result.sms_parts = value
        case "reviewed_on" | "updated":
            if value in (None, ""):
                return
            if isinstance(value, _NotADate):
                written = value.text if len(value.text) <= 40 else excerpt(value.text)
                reason = f"{written} ({value.reason})"
                problem(line, f"{key!r} is not a real date: {reason}; write a day that exists, as YYYY-MM-DD")
                return
            if isinstance(value, dt.datetime):
                value = value.date()
            if not isinstance(value, dt.date):
                problem(line, f"{key!r} must be a date written YYYY-MM-DD, not {excerpt(value)}")
            elif value.year < EARLIEST_YEAR:
                written = value.isoformat()
                problem(
                    line, f"{key!r} is {written}, before {EARLIEST_YEAR}: a mistyped year? (write it as YYYY-MM-DD)"
                )
            else:
                setattr(result, key, value)
        case "reviewed_digest":
            if value in (None, ""):
                return
            if not isinstance(value, str) or not DIGEST.match(value.strip()):
                problem(line, f"'reviewed_digest' is not a digest the 'review' command wrote: {excerpt(value)}")
            else:
                result.reviewed_digest = value.strip()
        case "references":
            if not isinstance(value, list):
                problem(line, "'references' must be a list")
                return
            for item, item_node in zip(value, node.value, strict=True):
                reference = _reference(item, first_line + item_node.start_mark.line, problem)
                if reference is not None:
                    result.references.append(reference)


def _reference(item: Any, line: int, problem: Any) -> RawReference | None:
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict):
        problem(line, f"a reference must be text or a mapping with 'text' and 'link', not {excerpt(item)}")
        return None
    unknown = set(item) - {"text", "link"}
    if unknown:
        names = ", ".join(sorted(excerpt(name) for name in unknown))
        problem(line, f"unknown reference field(s) {names} (known: text, link)")
        return None
    text, link = item.get("text"), item.get("link")
    if not isinstance(text, str) or not text.strip():
        problem(line, "a reference needs non-empty 'text'")
        return None
    if link is not None and (not isinstance(link, str) or not link.startswith(("https://", "http://"))):
        problem(line, f"a reference link must be an http(s) address, not {excerpt(link)}")
        return None
    if link is not None and (bad := re.search(r"[\s\"'<>\[\]\\`]", link)) is not None:
        problem(line, f"reference link {excerpt(link)} holds {bad.group(0)!r}: a web address has none")
        return None
    if link is not None and (why := target_problem(link)) is not None:
        problem(line, f"reference link {excerpt(link)} {why}")
        return None
    return RawReference(text.strip(), link, line)
