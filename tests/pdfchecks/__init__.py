"""Assertions over a finished PDF: PDF/UA-1 (the machine-checkable Matterhorn conditions of
docs/standards.md section 2) and large print (section 1).

Every check takes a path and returns a list of failures, empty when the file passes, each naming the
page and what is wrong, so a test can ``assert checks.x(path) == []`` and show everything at once.
Nothing here knows how the PDF was made: point :func:`all_failures` at any output file, or run
``python -m tests.pdfchecks output/*/*.pdf`` (the language is the file's folder name).
Structure is read with pikepdf, text positions with pdfplumber, ink with pypdfium2; each file is read
once per version (cached by path, size and time).

Modules: :mod:`.pdfua` (Matterhorn), :mod:`.fonts`, :mod:`.largeprint`, :mod:`.navigation`,
:mod:`.languages` (the order of left-to-right runs, the language of parts), :mod:`.fragments` (one
structure element per logical element, links, word breaks, label order), :mod:`.validators`
(page-validation and outloud), :mod:`.lines` (no line broken before a word that fits), and
:mod:`.reading`, which they share.
"""

from __future__ import annotations

from pathlib import Path

from tests.pdfchecks.fonts import (
    embedded_font_failures,
    font_embedding_failures,
    font_style_failures,
    fonts,
    notdef_failures,
)
from tests.pdfchecks.fragments import (
    fragment_failures,
    glued_words,
    label_order_failures,
    link_failures,
    parent_tree_failures,
    word_break_failures,
)
from tests.pdfchecks.languages import language_failures, language_segments, ltr_order_failures, visual_lines
from tests.pdfchecks.largeprint import (
    color_failures,
    edge_failures,
    extraction_failures,
    heading_size_failures,
    justified_failures,
    line_spacing_failures,
    page_number_failures,
    size_failures,
    soft_hyphen_failures,
)
from tests.pdfchecks.lines import premature_break_failures
from tests.pdfchecks.navigation import headings, outline, outline_failures, same_text
from tests.pdfchecks.pdfua import (
    annotation_failures,
    figure_alts,
    figure_failures,
    heading_failures,
    lang_failures,
    list_failures,
    marked_content_failures,
    metadata_failures,
)
from tests.pdfchecks.reading import Element, document_text, element_text, open_pdf, page_chars, structure

__all__ = [
    "Element",
    "all_failures",
    "annotation_failures",
    "color_failures",
    "document_text",
    "edge_failures",
    "element_text",
    "embedded_font_failures",
    "extraction_failures",
    "figure_alts",
    "figure_failures",
    "font_embedding_failures",
    "font_style_failures",
    "fonts",
    "fragment_failures",
    "glued_words",
    "heading_failures",
    "heading_size_failures",
    "headings",
    "justified_failures",
    "label_order_failures",
    "lang_failures",
    "language_failures",
    "language_segments",
    "line_spacing_failures",
    "link_failures",
    "list_failures",
    "ltr_order_failures",
    "marked_content_failures",
    "metadata_failures",
    "notdef_failures",
    "open_pdf",
    "outline",
    "outline_failures",
    "page_chars",
    "page_number_failures",
    "parent_tree_failures",
    "premature_break_failures",
    "same_text",
    "size_failures",
    "soft_hyphen_failures",
    "structure",
    "visual_lines",
    "word_break_failures",
]


def all_failures(
    path: str | Path,
    lang: str,
    *,
    allowed_fonts: set[str] | None = None,
    page_number: str | None = None,
    body_size: float = 18.0,
    line_spacing: float = 1.15,
) -> list[str]:
    """Every check that needs no knowledge of the source, for one output file.

    ``allowed_fonts``: the embedded font names allowed (without subset tag), e.g. ``{"Noto-Sans",
    "Noto-Sans-Bold"}``; ``page_number``: the page number line in the document's language, with
    ``{page}`` and ``{pages}``; ``body_size`` and ``line_spacing``: the minimums to hold.
    """
    failures = (
        metadata_failures(path)
        + lang_failures(path, lang)
        + marked_content_failures(path)
        + heading_failures(path)
        + list_failures(path)
        + figure_failures(path)
        + font_embedding_failures(path)
        + annotation_failures(path)
        + font_style_failures(path)
        + notdef_failures(path)
        + size_failures(path, body_size)
        + heading_size_failures(path)
        + edge_failures(path)
        + justified_failures(path)
        + line_spacing_failures(path, line_spacing)
        + color_failures(path)
        + soft_hyphen_failures(path)
        + extraction_failures(path)
        + outline_failures(path)
    )
    if allowed_fonts is not None:
        failures += embedded_font_failures(path, allowed_fonts)
    if page_number is not None:
        failures += page_number_failures(path, page_number, body_size)
    return failures
