"""The EPUB exporter's own interface words (``ui`` domain), beside the core ones it also uses."""

from __future__ import annotations

from handoutkit.ui import UiMessage

__all__ = [
    "A11Y_IMAGES",
    "A11Y_SUMMARY",
    "CONTACT",
    "CONTENTS",
    "COVER",
    "EPUB_UI_MESSAGES",
    "LANDMARKS",
    "MAIN_MESSAGE",
    "REFERENCES",
    "START",
]

COVER = "Cover"
LANDMARKS = "Landmarks"
START = "Start of content"
# Words every long format shares, declared with the core's interface words (handoutkit.ui).
CONTACT = "Contact us"
CONTENTS = "Contents"
MAIN_MESSAGE = "Main message"
REFERENCES = "References"

# The EPUB exporter's own words, declared in EPUB_UI_MESSAGES.
A11Y_SUMMARY = (
    "This book meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA. It has a table of contents, headings "
    "in order and one reading order. You can change the size, font and colours of its text."
)
A11Y_IMAGES = "Every image that gives information has a text description."

EPUB_UI_MESSAGES: tuple[UiMessage, ...] = (
    UiMessage(COVER, "Name of an e-book's cover page, in the book's list of landmarks and as the page title."),
    UiMessage(LANDMARKS, "Heading of the list of an e-book's main parts (cover, contents, start of content)."),
    UiMessage(START, "Link to where the reading starts, in an e-book's list of landmarks."),
    UiMessage(
        A11Y_SUMMARY,
        "Accessibility summary of an e-book, stored in its metadata and read out by book stores and reading "
        "apps. Keep the standard names (EPUB Accessibility 1.1, WCAG 2.1 Level AA) as they are.",
    ),
    UiMessage(
        A11Y_IMAGES,
        "Second sentence of an e-book's accessibility summary, added when the book has pictures that carry "
        "information.",
    ),
)
