"""What an SMS summary sends: each message filled in, checked and counted, and the reports of both files.

:mod:`exporters.sms.exporter` describes the format (this is what discovery loads); this module does the
work, imported by the first check or render.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from exporters.sms.budget import link_id, message_links, sent_message, sms_link
from exporters.sms.options import SmsOptions
from exporters.sms.segments import SmsCount, count_sms
from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.languages import LanguageError, text_direction
from handoutkit.model import Document, Origin, TextUnit
from handoutkit.notices import review_notices
from handoutkit.present.phrases import origin_of
from handoutkit.ui import fill

__all__ = ["Message", "collection_links", "json_report", "measure"]

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_PRINTF = re.compile(r"%\([^()]{1,40}\)[sd]|\$\{[^{}]{1,40}\}")
"""A placeholder in another convention (Python's ``%(name)s``, a shell's ``${name}``), which an SMS would
send as typed."""
_FIELD = re.compile(r"{{|}}|{([^{}]*)}")
"""A placeholder as a translator may type it, ``{teléfono}`` too (``{{`` and ``}}`` are braces)."""


@dataclass(frozen=True, slots=True)
class Message:
    """One message as sent: where it came from, how it is encoded and split, and its part budget."""

    unit: TextUnit
    count: SmsCount
    budget: int


def measure(doc: Document, ctx: RenderContext) -> tuple[list[Message], list[Problem]]:
    """Every SMS message of ``doc`` in ``ctx.language`` as sent, and what is wrong with any of them."""
    options = ctx.options(SmsOptions)
    budget = doc.meta.sms_parts or options.parts
    template = options.link_template
    link = sms_link(template, ctx.language.tag, doc.slug) if template else ""
    org = ctx.settings.organization
    values = {"organization": org.name, "phone": org.phone}
    messages: list[Message] = []
    problems: list[Problem] = []
    links = message_links(len(doc.meta.sms), link)
    for unit, unit_link in zip(doc.meta.sms, links, strict=True):
        origin = origin_of(unit)
        trouble = _text_problems(unit.text, values, ctx.language.tag)
        if trouble:
            problems.extend(Problem("sms-text", origin, message) for message in trouble)
            continue
        sent = sent_message(fill(unit.text, values), unit_link, _direction(unit.lang, ctx))
        count = count_sms(sent, smart=options.smart_encoding)
        messages.append(Message(unit, count, budget))
        if count.part_count > budget:
            problems.append(Problem("sms-over-budget", origin, _over_budget(count, budget, ctx.language.tag)))
    return messages, problems


def _direction(lang: str, ctx: RenderContext) -> str:
    """The direction of a message's own language (an untranslated message keeps the source's)."""
    try:
        return text_direction(lang)
    except LanguageError:
        return ctx.direction


def _text_problems(text: str, values: dict[str, str], lang: str) -> list[str]:
    found = []
    names = dict.fromkeys(m.group(1) for m in _FIELD.finditer(text) if m.group(1) is not None)
    for name in names:
        if name not in values:
            found.append(f"unknown placeholder {{{name}}} in an SMS message (use {{organization}} or {{phone}})")
        elif not values[name]:
            found.append(f"SMS message uses {{{name}}} but the configuration gives no organization {name} for {lang}")
    if printf := _PRINTF.search(text):
        found.append(
            f"SMS message in {lang} holds {printf.group(0)!r}, which would be sent as typed: "
            "write a placeholder as {organization} or {phone}"
        )
    rest = _FIELD.sub(lambda m: "" if m.group(1) is not None else m.group(0), text)
    if "{" in rest or "}" in rest:
        found.append(
            f"SMS message in {lang} would send a brace ('{{{{', '}}}}' or an unclosed '{{'): "
            "write a placeholder as {organization} or {phone}"
        )
    if not text.strip():
        found.append(f"SMS message in {lang} is empty")
    if _BLANK_LINE.search(text):
        found.append(f"SMS message in {lang} holds a blank line (the .sms.txt file separates messages by one)")
    return found


def _over_budget(count: SmsCount, budget: int, lang: str) -> str:
    text = (
        f"SMS message in {lang} takes {count.part_count} parts, over its budget of {budget}: "
        f"{count.units} {count.unit_name} in {count.encoding}, {count.part_capacity} per part"
    )
    if count.forced_ucs2:
        text += "; characters that forced UCS-2: " + ", ".join(f"{ch} ({_code(ch)})" for ch in count.forced_ucs2)
    return text + ". Shorten the text: medical text is never cut to fit."


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def json_report(doc: Document, ctx: RenderContext, messages: list[Message]) -> str:
    """The text of ``<slug>.sms.json``."""
    template = ctx.options(SmsOptions).link_template
    report: dict[str, Any] = {
        "document": doc.slug,
        "language": ctx.language.tag,
        "link_id": link_id(ctx.language.tag, doc.slug),
        "link": sms_link(template, ctx.language.tag, doc.slug) if template else None,
        "reviewed": doc.review.reviewed,
    }
    if not doc.review.reviewed:
        report["review_note"] = review_notices(doc, ctx.ui)[0].text
    report["messages"] = [_message_report(m) for m in messages]
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _message_report(message: Message) -> dict[str, Any]:
    count, unit = message.count, message.unit
    return {
        "text": count.text,
        "lang": unit.lang,
        "source": str(unit.origin),
        "translated_at": str(unit.translated_at) if unit.translated_at else None,
        "encoding": count.encoding,
        "units": count.units,
        "unit": count.unit_name,
        "parts": list(count.parts),
        "part_capacity": count.part_capacity,
        "budget": message.budget,
        "forced_ucs2": [{"character": ch, "code_point": _code(ch)} for ch in count.forced_ucs2],
        "smart_encoded": count.smart_encoded,
    }


def collection_links(docs: Sequence[Document], ctx: RenderContext) -> str | None:
    """The text of ``<collection>.sms-links.json``: each link identifier of ``ctx.language`` and its
    handout (the documents with SMS messages); None when none has one; an error if two handouts share one."""
    lang = ctx.language.tag
    template = ctx.options(SmsOptions).link_template
    links: dict[str, dict[str, str]] = {}
    for doc in docs:
        if not doc.meta.sms:
            continue
        key = link_id(lang, doc.slug)
        if key in links:
            other = links[key]["document"]
            message = f"handouts {other!r} and {doc.slug!r} have the same SMS link identifier {key!r} in {lang}"
            raise ProblemError.single("sms-link-id", Origin(doc.path, 0), message + ": rename one of them")
        links[key] = {"document": doc.slug, "link": sms_link(template, lang, doc.slug) if template else ""}
    if not links:
        return None
    data = {"language": lang, "link_template": template, "links": dict(sorted(links.items()))}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
