"""The PDF exporter's own interface words (the ``ui`` domain); the shared ones are in handoutkit.ui."""

from __future__ import annotations

from handoutkit.ui import UiMessage

__all__ = ["CONTACT_HEADING", "PDF_UI_MESSAGES"]

CONTACT_HEADING = "Contact us"

PDF_UI_MESSAGES: tuple[UiMessage, ...] = (
    UiMessage(
        CONTACT_HEADING,
        "Heading of the organization's phone number and web address at the end of a printed handout.",
    ),
)
