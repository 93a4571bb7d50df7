"""Braille: ``output/<lang>/<slug>.brf``, a braille ready file for an embosser or a braille display.

This module is what discovery loads: the class and its options. The translation and the pages are
:mod:`exporters.brf.braille`'s, imported by the first check or render.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from exporters.brf.options import BrfOptions
from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.exporter import OutputFile
from handoutkit.model import Document
from handoutkit.ui import UiMessage

if TYPE_CHECKING:
    from exporters.brf.braille import Translated

__all__ = ["BrfExporter"]


class BrfExporter:
    """Braille ready files: ``output/<lang>/<slug>.brf``, translated by liblouis."""

    name = "brf"
    description = "Braille (BRF) for embossers and braille displays, translated by liblouis, in pages of 40 × 25"
    suffixes = (".brf",)
    label = "Braille (BRF) for embossers and braille displays"
    ui_messages: tuple[UiMessage, ...] = ()
    options_class = BrfOptions

    def __init__(self) -> None:
        self._last: tuple[Document, RenderContext, Translated] | None = None
        """The last translation, which ``render`` reuses when it follows ``check`` on the same objects."""

    def _translated(self, doc: Document, ctx: RenderContext) -> Translated:
        from exporters.brf.braille import translated

        last = self._last
        if last is not None and last[0] is doc and last[1] is ctx:
            return last[2]
        found = translated(doc, ctx)
        self._last = (doc, ctx, found)
        return found

    def check(self, doc: Document, ctx: RenderContext) -> Sequence[Problem]:
        """Text the language's table cannot write after normalization, naming its line; a missing table."""
        return self._translated(doc, ctx).problems

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The handout in braille pages. Raises ProblemError on any problem."""
        found = self._translated(doc, ctx)
        if found.problems:
            raise ProblemError(list(found.problems))
        from exporters.brf.braille import braille_file

        return [OutputFile(".brf", braille_file(found, ctx.options(BrfOptions)))]
