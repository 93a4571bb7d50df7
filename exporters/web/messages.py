"""The web exporter's own interface words (``ui`` domain), beside the core ones it also uses."""

from __future__ import annotations

from handoutkit.ui import UiMessage

__all__ = [
    "ALL_HANDOUTS",
    "ALL_LANGUAGES",
    "BRAILLE",
    "EBOOK",
    "LANGUAGES",
    "PDF",
    "PDF_PAGES",
    "SKIP",
    "SMS",
    "TEXT",
    "WEB_PAGE",
    "WEB_UI_MESSAGES",
]

SKIP = "Skip to main content"
LANGUAGES = "Languages"
ALL_HANDOUTS = "All handouts"
ALL_LANGUAGES = "All languages"
WEB_PAGE = "Web page"
PDF = "Large-print PDF"
PDF_PAGES = "Large-print PDF, pages: {pages}"
EBOOK = "E-book (EPUB)"
TEXT = "Text for screen readers"
SMS = "Text messages (SMS)"
BRAILLE = "Braille (BRF) for embossers and braille displays"

WEB_UI_MESSAGES: tuple[UiMessage, ...] = (
    UiMessage(SKIP, "Web page: the first link, for keyboard users, that jumps past the header to the handout itself."),
    UiMessage(LANGUAGES, "Web page: label of the list of links to the same handout in other languages."),
    UiMessage(ALL_HANDOUTS, "Web page: link from one handout to the list of every handout in the same language."),
    UiMessage(ALL_LANGUAGES, "Web page: link to the site's home page, which lists the handouts in every language."),
    UiMessage(WEB_PAGE, "Home page: what a file is, the handout as a web page to read in a browser."),
    UiMessage(PDF, "Home page: what a file is, the handout as a PDF in large print, to print or read on screen."),
    UiMessage(PDF_PAGES, "Home page: the same, with its number of pages. {pages}: a number."),
    UiMessage(EBOOK, "Home page: what a file is, the handout as an e-book for reading apps. Keep EPUB as it is."),
    UiMessage(TEXT, "Home page: what a file is, the handout as plain text, made to be read aloud by a screen reader."),
    UiMessage(SMS, "Home page: what a file is, the handout's short version as text messages to send to a phone."),
    UiMessage(
        BRAILLE,
        "Home page: what a file is, the handout in braille (a BRF file), for a braille embosser (printer) or a "
        "refreshable braille display. Keep BRF as it is.",
    ),
)
