"""Helpers for the structure and validator tests: the real handouts' PDFs, their printed words, and
PDFs rendered with a post-processing step left out (to show each check failing on the fault)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.pdf.page import printed_words
from handoutkit.config import load_config
from handoutkit.model import plain_text
from handoutkit.present.bidi import direction_of
from handoutkit.reader import find_sources
from tests.pdf_support import REPO, printed, render, translated


@dataclass(frozen=True)
class RealPdf:
    slug: str
    lang: str

    def __str__(self) -> str:
        return f"{self.slug}-{self.lang}"

    def path(self, output: Path) -> Path:
        return output / self.lang / f"{self.slug}.pdf"


REAL_PDFS = [RealPdf(slug, language.tag) for slug in find_sources(REPO) for language in load_config(REPO).languages]


def printed_text(lang: str, slug: str, root: Path = REPO) -> list[str]:
    """The plain text of every part the PDF prints (one string a paragraph, item, heading...)."""
    return [plain_text(words.inlines) for words in printed_words(printed(*translated(lang, slug, root)))]


def printed_blocks(lang: str, slug: str, root: Path = REPO) -> list[str]:
    """The text of each paragraph and list item (none for a right-to-left document, whose lines are
    stored in visual order)."""
    if direction_of(lang) == "rtl":
        return []
    content = printed(*translated(lang, slug, root))
    return [
        plain_text(w.inlines) for w in printed_words(content) if getattr(w, "kind", None) in ("paragraph", "list-item")
    ]


STEPS = ("order_labels", "merge_fragments", "drop_stacked_links", "describe_links", "mark_word_breaks")


def render_without(lang: str, slug: str, steps: tuple[str, ...], root: Path = REPO) -> bytes:
    """The PDF as the exporter makes it, with the post-processing ``steps`` (names in
    exporters.pdf.postprocess) replaced by no-ops."""
    noop: Callable[..., None] = lambda *args: None  # noqa: E731
    with pytest.MonkeyPatch.context() as patch:
        for step in steps:
            patch.setattr(f"exporters.pdf.postprocess.{step}", noop)
        return render(*translated(lang, slug, root))
