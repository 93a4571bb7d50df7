"""Running WeasyPrint: HTML and CSS in, PDF/UA-1 bytes out, every complaint turned into an error.

WeasyPrint reports some PDF/UA failures only as log records (an image without ``alt``, a page without
``lang``, a ``.notdef`` glyph drawn for a character no font has) and finishes anyway. While it runs,
a handler collects the records of its logger; any warning or error fails the rendering, except the
one it writes for a decorative image (``alt=""``), which post-processing turns into an artifact.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from exporters.pdf.fetcher import AssetRequests, make_fetcher
from exporters.pdf.linebreaks import hanging_trailing_spaces
from exporters.pdf.structure import source_marks
from handoutkit.errors import Problem, ProblemError
from handoutkit.model import Origin

__all__ = ["LogRecordError", "capture_weasyprint_log", "render_pdf"]

PDF_VARIANT = "pdf/ua-1"

_NOTDEF = re.compile(r"\.notdef glyph rendered .*\(U\+([0-9A-Fa-f]{4,6})\)")
_NO_ALT = re.compile(r'Image "(.*)" has no required alt description')
_FETCH = re.compile(r'Error fetching "(.*)"')


@dataclass(frozen=True, slots=True)
class LogRecordError:
    """A WeasyPrint log record worth an error."""

    level: str
    message: str


class _Collector(logging.Handler):
    """Warnings and errors; a debug record that carries an exception (WeasyPrint logs "Failed to
    render SVG image" as an error and its reason only at debug level) adds its reason to the error."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[LogRecordError] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.records.append(LogRecordError(record.levelname, record.getMessage()))
        elif record.exc_info and record.exc_info[1] is not None and self.records:
            last = self.records[-1]
            reason = " ".join(str(record.exc_info[1]).split())[:200] or type(record.exc_info[1]).__name__
            self.records[-1] = LogRecordError(last.level, f"{last.message} ({reason})")


@contextmanager
def capture_weasyprint_log() -> Iterator[list[LogRecordError]]:
    """Collect WeasyPrint's warnings and errors (and keep them from also going to the root logger)."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    propagate, level = logger.propagate, logger.level
    logger.addHandler(collector)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    try:
        yield collector.records
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
        logger.setLevel(level)


def render_pdf(
    html: str,
    css: str,
    requests: AssetRequests,
    *,
    doc_origin: Origin,
    decorative: frozenset[str] = frozenset(),
    locate: Callable[[str], Origin] | None = None,
) -> bytes:
    """The PDF WeasyPrint makes of ``html`` and ``css``, or :class:`ProblemError`.

    ``decorative`` holds the URLs of decorative images (their missing-alt record is expected);
    ``locate`` finds where a character WeasyPrint could not draw is written.
    """
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = make_fetcher(requests)
    with capture_weasyprint_log() as records:
        try:
            document = HTML(string=html, url_fetcher=fetcher)
            stylesheet = CSS(string=css, url_fetcher=fetcher)
            # which HTML element each structure element comes from (structure.py); no line cut early
            # for its trailing space (linebreaks.py)
            with source_marks(), hanging_trailing_spaces():
                data = document.write_pdf(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
        except FatalURLFetchingError:
            raise ProblemError(_refusals(requests, doc_origin)) from None
    problems = [
        p for record in records if (p := _problem(record, requests, doc_origin, decorative, locate)) is not None
    ]
    if requests.refused:
        problems.extend(_refusals(requests, doc_origin))
    if problems:
        raise ProblemError(_unique(problems))
    assert isinstance(data, bytes)
    return data


def _refusals(requests: AssetRequests, doc_origin: Origin) -> list[Problem]:
    problems = []
    for url, reason in requests.refused or [("?", "a resource could not be loaded")]:
        origin = requests.origin_of(url) or doc_origin
        problems.append(Problem("pdf-fetch", origin, f"refused to load {url!r}: {reason}"))
    return problems


def _problem(
    record: LogRecordError,
    requests: AssetRequests,
    doc_origin: Origin,
    decorative: frozenset[str],
    locate: Callable[[str], Origin] | None,
) -> Problem | None:
    message = record.message
    if (match := _NO_ALT.search(message)) is not None:
        url = match.group(1)
        if url in decorative:
            return None
        origin = requests.origin_of(url) or doc_origin
        return Problem("pdf-alt", origin, f"image {url!r} has no text alternative in the PDF")
    if (match := _NOTDEF.search(message)) is not None:
        char = chr(int(match.group(1), 16))
        origin = locate(char) if locate is not None else doc_origin
        return Problem(
            "missing-glyph",
            origin,
            f"no font of this language's font set draws {char!r} (U+{ord(char):04X}); it would print as an empty box",
        )
    if (match := _FETCH.search(message)) is not None:
        url = match.group(1)
        return Problem("pdf-fetch", requests.origin_of(url) or doc_origin, f"could not load {url!r}")
    return Problem("pdf-render", doc_origin, f"WeasyPrint {record.level.lower()}: {message}")


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
