"""Braille (BRF): the exporter, its options, and the layout and liblouis translation it rests on.

The handout view as braille paragraphs after BANA's formats (:mod:`~exporters.brf.content`), text made
ready for a table (:mod:`~exporters.brf.normalize`), liblouis in a child process
(:mod:`~exporters.brf.louis`, tables in :mod:`~exporters.brf.tables`), and pages of ASCII braille
(:mod:`~exporters.brf.cells`).
"""

from exporters.brf.cells import BRF_CHARACTERS, brf, paginate, wrap
from exporters.brf.content import Para, view_paragraphs
from exporters.brf.exporter import BrfExporter, braille_paragraphs
from exporters.brf.louis import LouisError, back_translate, translate
from exporters.brf.options import BrfOptions
from exporters.brf.tables import DEFAULT_TABLES, default_table

__all__ = [
    "BRF_CHARACTERS",
    "DEFAULT_TABLES",
    "BrfExporter",
    "BrfOptions",
    "LouisError",
    "Para",
    "back_translate",
    "braille_paragraphs",
    "brf",
    "default_table",
    "paginate",
    "translate",
    "view_paragraphs",
    "wrap",
]
