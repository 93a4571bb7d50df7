"""The SMS budget where translators work: a ``#.`` note and a ``max-length:N`` flag per language.

The SMS exporter's ``catalog_hints`` hook: ``update`` and ``init`` call it for each document and
language, and the hint it returns gives every SMS entry of that document its budget in that language
(UCS-2 unless the current translation is GSM-7; the link, the filled-in placeholders and, in a
right-to-left language, the direction isolates taken off). ``check`` stays the authority.
"""

from __future__ import annotations

from exporters.sms.budget import message_links, sms_link, translator_budget
from exporters.sms.options import SmsOptions
from handoutkit.context import RenderContext
from handoutkit.exporter import CatalogHints, EntryNote
from handoutkit.model import Document

__all__ = ["translator_hints"]


def translator_hints(doc: Document, ctx: RenderContext) -> CatalogHints | None:
    """The hint for ``doc``'s catalog in ``ctx.language`` (None when it has no SMS message)."""
    if not doc.meta.sms:
        return None
    options = ctx.options(SmsOptions)
    parts = doc.meta.sms_parts or options.parts
    template = options.link_template
    link = sms_link(template, ctx.language.tag, doc.slug) if template else ""
    links = dict(zip((unit.msgid for unit in doc.meta.sms), message_links(len(doc.meta.sms), link), strict=True))
    organization = ctx.settings.organization
    values = {"organization": organization.name, "phone": organization.phone}

    def hint(msgid: str, translation: str | None) -> EntryNote | None:
        if msgid not in links:
            return None
        budget = translator_budget(
            translation,
            parts,
            links[msgid],
            source=msgid,
            values=values,
            smart=options.smart_encoding,
            direction=ctx.direction,
        )
        return EntryNote(budget.note, (budget.flag,))

    return hint
