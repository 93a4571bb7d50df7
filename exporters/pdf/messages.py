"""The PDF exporter's interface words (the ``ui`` domain).

Every word the PDF prints is one of the core messages (handoutkit.ui.CORE_UI_MESSAGES): review status,
"Main message", "Contents", "References", "Contact us", the contact lines, "Page {page} of {pages}",
and the link messages for addresses printed after a link's words. The exporter declares none of its own.
"""

from __future__ import annotations

from handoutkit.ui import UiMessage

__all__ = ["CONTACT_HEADING", "PDF_UI_MESSAGES"]

CONTACT_HEADING = "Contact us"
"""Heading of the contact details (a core message)."""

PDF_UI_MESSAGES: tuple[UiMessage, ...] = ()
