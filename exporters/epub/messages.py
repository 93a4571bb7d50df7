"""The EPUB exporter's own interface words (``ui`` domain), beside the core ones it also uses."""

from __future__ import annotations

from handoutkit.ui import UiMessage

__all__ = [
    "A11Y_CLAIM",
    "A11Y_IMAGES",
    "A11Y_LIMITS",
    "A11Y_RTL",
    "A11Y_SUMMARY",
    "CONTENTS",
    "COVER",
    "EPUB_UI_MESSAGES",
    "LANDMARKS",
    "REFERENCES",
    "START",
]

COVER = "Cover"
LANDMARKS = "Landmarks"
START = "Start of content"
# Words every long format shares, declared with the core's interface words (handoutkit.ui).
CONTENTS = "Contents"
REFERENCES = "References"

# The EPUB exporter's own words, declared in EPUB_UI_MESSAGES. The accessibility summary says what a
# reader can rely on and what is known not to work, in that order; the metadata says the rest.
A11Y_CLAIM = (
    "An evaluation found that this book meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA, the standards for "
    "accessible e-books and web content."
)
A11Y_SUMMARY = (
    "You can change the size, font and colours of the text, and a screen reader or reading app can read it aloud."
)
A11Y_IMAGES = "Every image that gives information has a text description."
A11Y_LIMITS = "The book has no audio or video, and it does not show the page numbers of the PDF version."
A11Y_RTL = (
    "The text reads from right to left; phone numbers, web addresses and names in Latin letters read from left "
    "to right, and some older reading apps may show them in the wrong order."
)

EPUB_UI_MESSAGES: tuple[UiMessage, ...] = (
    UiMessage(COVER, "Name of an e-book's cover page, in the book's list of landmarks and as the page title."),
    UiMessage(LANDMARKS, "Heading of the list of an e-book's main parts (cover, contents, start of content)."),
    UiMessage(START, "Link to where the reading starts, in an e-book's list of landmarks."),
    UiMessage(
        A11Y_CLAIM,
        "First sentence of an e-book's accessibility summary (stored in its metadata and read out by book "
        "stores and reading apps), only when someone who evaluated the book's accessibility is named. Keep the "
        "standard names (EPUB Accessibility 1.1, WCAG 2.1 Level AA) as they are.",
    ),
    UiMessage(
        A11Y_SUMMARY,
        "Accessibility summary of an e-book, stored in its metadata and read out by book stores and reading "
        "apps: what every book offers a reader.",
    ),
    UiMessage(
        A11Y_IMAGES,
        "Sentence of an e-book's accessibility summary, added when the book has pictures that carry information.",
    ),
    UiMessage(
        A11Y_LIMITS,
        "Sentence of an e-book's accessibility summary: what the book does not have.",
    ),
    UiMessage(
        A11Y_RTL,
        "Last sentence of an e-book's accessibility summary, added when the book's language is written from "
        "right to left (Arabic).",
    ),
)
