"""The large-print PDF exporter: one PDF/UA-1 handout per document and language.

This module is what discovery loads: the class and its options. Printing is
:mod:`exporters.pdf.handout`'s, imported by the first check or render.
"""

from __future__ import annotations

from collections.abc import Sequence

from exporters.pdf.options import PdfOptions
from handoutkit.context import RenderContext
from handoutkit.errors import Problem
from handoutkit.exporter import OutputFile
from handoutkit.languages import Language
from handoutkit.model import Document
from handoutkit.ui import UiMessage

__all__ = ["CALL_NUMBER", "EMAIL_ADDRESS", "PdfExporter"]

CALL_NUMBER = "Call {number}"
EMAIL_ADDRESS = "Email {address}"
RIGHT_TO_LEFT_NOTE = (
    "Screen reader users: choose the e-book or the plain text. Text taken from this PDF by assistive technology "
    "comes out partly in the wrong order."
)


class PdfExporter:
    """Large-print PDF (PDF/UA-1) through WeasyPrint, one file per document and language."""

    name = "pdf"
    description = "large-print PDF handout (PDF/UA-1, 18 pt and up), one per document and language"
    label = "Large-print PDF"
    suffixes = (".pdf",)
    ui_messages: tuple[UiMessage, ...] = (
        UiMessage(
            CALL_NUMBER,
            "What a screen reader says for a phone number link in a PDF; {number} is the number as printed.",
        ),
        UiMessage(EMAIL_ADDRESS, "What a screen reader says for an email address link in a PDF."),
        UiMessage(
            RIGHT_TO_LEFT_NOTE,
            "Home page: a note beside the PDF of a right-to-left language (Arabic, Hebrew...) for blind and "
            "low-vision readers: screen readers read these PDFs' text out of order; the e-book and the plain "
            "text read right.",
        ),
    )
    """The words that describe links (:class:`~exporters.pdf.links.LinkWords`) and the home page's note
    on right-to-left PDFs; everything else it prints is a core message (handoutkit.ui.CORE_UI_MESSAGES)."""
    options_class = PdfOptions

    def index_note(self, language: Language) -> str:
        """For right-to-left languages: text taken from these PDFs reaches screen readers out of order
        (README, "Known limitations": measured on pdfium, poppler, pypdf and MuPDF)."""
        return RIGHT_TO_LEFT_NOTE if language.rtl else ""

    def pages(self, suffix: str, data: bytes) -> int | None:
        """A PDF's number of pages, for the home page."""
        if suffix != ".pdf":
            return None
        from io import BytesIO

        import pikepdf

        try:
            with pikepdf.open(BytesIO(data)) as pdf:
                return len(pdf.pages)
        except pikepdf.PdfError:
            return None

    def key_material(self, ctx: RenderContext) -> str:
        """The font files its language is printed in (path, size and modification time of each face), for
        the build's job key: a font update makes the PDFs again."""
        from exporters.pdf.handout import key_material

        return key_material(ctx)

    def check(self, doc: Document, ctx: RenderContext) -> list[Problem]:
        """Images that cannot be loaded, fonts that are not installed, characters no font draws."""
        from exporters.pdf.handout import check_handout

        return check_handout(doc, ctx)

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The handout as PDF bytes (:class:`ProblemError` when it cannot be printed correctly)."""
        from exporters.pdf.handout import print_handout

        return [OutputFile(".pdf", print_handout(doc, ctx))]
