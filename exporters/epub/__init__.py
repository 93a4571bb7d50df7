"""EPUB 3 exporter: reflowable, accessible books (EPUB Accessibility 1.1, WCAG 2.1 AA).

A book claims conformance (``dcterms:conformsTo``, ``a11y:certifiedBy``) only when ``[epub] certified_by``
names someone who evaluated it; without, it makes no claim and still builds.

One book per handout and language (``output/<lang>/<slug>.epub``) and one collection per language.
Importing this package does not import ebooklib: only :meth:`EpubExporter.render` and
:meth:`EpubExporter.render_collection` do.
"""

from __future__ import annotations

from collections.abc import Sequence

from exporters.epub.messages import EPUB_UI_MESSAGES
from exporters.epub.options import EpubOptions
from handoutkit.context import RenderContext
from handoutkit.exporter import OutputFile
from handoutkit.model import Document

__all__ = ["EpubExporter"]


class EpubExporter:
    """EPUB 3 books with accessibility metadata, one per handout and one collection per language."""

    name = "epub"
    description = "EPUB 3 e-book (EPUB Accessibility 1.1, WCAG 2.1 AA), one per handout plus a collection"
    suffixes = (".epub",)
    label = "EPUB e-book"
    ui_messages = EPUB_UI_MESSAGES
    options_class = EpubOptions

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The book of one handout in ``ctx.language``."""
        from exporters.epub.assemble import handout_book
        from exporters.epub.package import package

        return [OutputFile(".epub", package(handout_book(doc, ctx)))]

    def render_collection(self, docs: Sequence[Document], ctx: RenderContext) -> Sequence[OutputFile]:
        """One book holding every handout of ``ctx.language``, each as a part."""
        from exporters.epub.assemble import collection_book
        from exporters.epub.package import package

        return [OutputFile(".epub", package(collection_book(docs, ctx)))]
