"""Braille (BRF): the exporter, its options, and the layout and liblouis translation it rests on.

The handout view as braille paragraphs after BANA's formats (:mod:`~exporters.brf.content`), text made
ready for a table (:mod:`~exporters.brf.normalize`), liblouis in a child process
(:mod:`~exporters.brf.louis`, tables in :mod:`~exporters.brf.tables`), and pages of ASCII braille
(:mod:`~exporters.brf.cells`), all brought together by :mod:`~exporters.brf.braille`. Only the exporter and
its options are imported with the package (discovery loads it for every build); the rest when it runs.
"""

from exporters.brf.exporter import BrfExporter
from exporters.brf.options import BrfOptions

__all__ = ["BrfExporter", "BrfOptions"]
