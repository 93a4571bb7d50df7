"""The SMS budget where translators work: a ``#.`` note and a ``max-length:N`` flag per language.

``update`` and ``init`` call :func:`sms_hints` for each language and domain; the hint it returns
gives every SMS entry of that document its budget in that language (UCS-2 unless the current
translation is GSM-7, the link's length taken off). ``check`` stays the authority.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polib

from handoutkit.errors import ProblemError
from handoutkit.sms.budget import message_links, sms_link, translator_budget

if TYPE_CHECKING:
    from handoutkit.i18n.merge import EntryHint
    from handoutkit.languages import Language
    from handoutkit.project import Project

__all__ = ["sms_hints"]


def sms_hints(project: Project, language: Language, domain: str) -> EntryHint | None:
    """The hint for one document's catalog in one language (None for the ui domain or a broken source)."""
    if domain not in project.slugs():
        return None
    try:
        doc = project.document(domain)
    except ProblemError:
        return None
    settings = project.config.settings_for(language)
    parts = doc.meta.sms_parts or settings.sms.parts
    template = settings.sms.link_template
    link = sms_link(template, language.tag, doc.slug) if template else ""
    links = dict(zip((unit.msgid for unit in doc.meta.sms), message_links(len(doc.meta.sms), link), strict=True))
    values = {"organization": settings.organization.name, "phone": settings.organization.phone}
    smart = bool(getattr(settings.sms, "smart_encoding", False))

    def hint(entry: polib.POEntry) -> tuple[str, tuple[str, ...]] | None:
        if entry.msgid not in links:
            return None
        current = entry.msgstr if entry.msgstr.strip() and "fuzzy" not in entry.flags else None
        budget = translator_budget(current, parts, links[entry.msgid], source=entry.msgid, values=values, smart=smart)
        return budget.note, (budget.flag,)

    return hint
