"""The PDF exporter against bare WeasyPrint rendering the same HTML and CSS, in the same process.

For every handout and language of the project, times (median of ``--repeat`` runs, alternated, after a warm-up)
``PdfExporter().render(doc, ctx)`` and ``HTML(string=html).write_pdf(stylesheets=[css],
pdf_variant="pdf/ua-1")`` on the HTML and CSS the exporter builds for that handout. The difference is
the exporter's own work: the checks (font coverage, images), building the page, capturing WeasyPrint's
log, and post-processing with pikepdf (artifacts, parent tree, bracket glyphs, font list, saving).
Both timings are noisy on a shared machine, so the exporter's own work is also timed apart (building
the page with its checks, and post-processing) and shown as a share of WeasyPrint's time. Read the
ratios, not the milliseconds. Run: ``python benchmarks/pdf_overhead.py`` (``make bench`` runs
benchmarks/run.py, whose PDF rows compare whole processes and the warm floor).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def paired_medians(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall times of ``first`` and ``second``, run alternately ``repeat`` times after a warm-up of
    each, so that neither gains from running after the other (warm caches, a quieter moment)."""
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, bucket in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            action()
            bucket.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement (default: 5)")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)

    from weasyprint import CSS, HTML

    from exporters.pdf import PdfExporter
    from exporters.pdf.fetcher import make_fetcher
    from exporters.pdf.fonts import pdf_font_faces
    from exporters.pdf.handout import prepare
    from exporters.pdf.postprocess import finish_pdf
    from exporters.pdf.render import capture_weasyprint_log
    from handoutkit.project import Project

    project = Project.load(args.project)
    exporter = PdfExporter()
    rows: list[tuple[str, float, float, float]] = []
    for language in project.config.languages:
        ctx = project.context(language)
        for slug in project.slugs():
            doc = project.translate(slug, language).document
            page = prepare(doc, ctx)

            def bare(page=page) -> bytes:
                fetcher = make_fetcher(page.requests)
                with capture_weasyprint_log():
                    html = HTML(string=page.html, url_fetcher=fetcher)
                    return html.write_pdf(stylesheets=[CSS(string=page.css)], pdf_variant="pdf/ua-1")

            weasyprint, handoutkit = paired_medians(
                bare, lambda doc=doc, ctx=ctx: exporter.render(doc, ctx), args.repeat
            )
            raw = bare()
            faces = pdf_font_faces(family for _, fs in page.fonts for family in fs.families)
            own = paired_medians(
                lambda doc=doc, ctx=ctx: prepare(doc, ctx),
                lambda raw=raw, faces=faces: finish_pdf(raw, faces),
                args.repeat,
            )
            rows.append((f"{language.tag}/{slug}", weasyprint, handoutkit, sum(own)))

    print(f"PDF exporter vs bare WeasyPrint, same HTML and CSS, same process (median of {args.repeat})")
    print(f"{'handout':40} {'WeasyPrint':>11} {'exporter':>9} {'ratio':>6} {'own work':>9}")
    for label, weasyprint, handoutkit, own in rows:
        ratio = handoutkit / weasyprint
        print(f"{label:40} {weasyprint * 1000:9.0f}ms {handoutkit * 1000:7.0f}ms {ratio:6.2f} {own * 1000:7.0f}ms")
    total_weasyprint, total_handoutkit, total_own = (sum(r[i] for r in rows) for i in (1, 2, 3))
    ratio = total_handoutkit / total_weasyprint
    totals = f"{total_weasyprint * 1000:9.0f}ms {total_handoutkit * 1000:7.0f}ms {ratio:6.2f} {total_own * 1000:7.0f}ms"
    print(f"{'all':40} {totals}")
    print(f"exporter / bare WeasyPrint: {ratio:.2f} ({100 * (ratio - 1):+.1f}%; aim: under +15%)")
    print(
        f"the exporter's own work (checks and page building, then post-processing), timed apart: "
        f"{100 * total_own / total_weasyprint:.1f}% of WeasyPrint's time"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
