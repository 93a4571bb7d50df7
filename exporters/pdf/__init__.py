"""Large-print PDF (PDF/UA-1) through WeasyPrint.

Importing this package does not import WeasyPrint, pikepdf or fontTools: the functions that need
them import them when they run.
"""

from __future__ import annotations

from exporters.pdf.exporter import PdfExporter

__all__ = ["PdfExporter"]
