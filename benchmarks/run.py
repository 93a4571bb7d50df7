"""Side-by-side timings: handoutkit against its peers, in the same run, printed as ratios.

- plain text and EPUB 3 against pandoc (Markdown -> plain, Markdown -> EPUB 3), per handout, both as
  whole commands (process start included) and, for handoutkit, inside a warm process;
- the PDF exporter against bare WeasyPrint rendering the same HTML (benchmarks/pdf_overhead.py).

Timings are medians of several runs on a shared, noisy machine: read the ratios, not the
milliseconds, and never turn them into test assertions. Run: ``make bench``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` runs of ``action`` (after one warm-up run)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(args: list[str], cwd: Path) -> Callable[[], object]:
    return lambda: subprocess.run(args, cwd=cwd, check=True, capture_output=True)


def compare_with_pandoc(repeat: int) -> list[tuple[str, float, float]]:
    """(label, pandoc seconds, handoutkit seconds) for text and EPUB of every English handout."""
    from handoutkit.languages import parse_language
    from handoutkit.project import Project
    from handoutkit.registry import discover

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise SystemExit("pandoc is not installed (make system installs it)")
    project = Project.load(ROOT)
    exporters, _ = discover()
    language = project.config.source_language
    ctx = project.context(parse_language(language.tag))
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for slug in project.slugs():
            source = ROOT / "source" / f"{slug}.md"
            doc = project.document(slug)
            for fmt, pandoc_to, suffix in (("text", "plain", ".txt"), ("epub", "epub3", ".epub")):
                peer = median_seconds(
                    command(
                        [pandoc, str(source), "-f", "markdown", "-t", pandoc_to, "-o", str(work / f"p{suffix}")],
                        ROOT / "source",
                    ),
                    repeat,
                )
                ours_cli = median_seconds(
                    command(
                        [
                            sys.executable,
                            str(ROOT / "export.py"),
                            "--project",
                            str(ROOT),
                            "--quiet",
                            "--doc",
                            slug,
                            "--lang",
                            language.tag,
                            "--format",
                            fmt,
                        ],
                        ROOT,
                    ),
                    repeat,
                )
                exporter = exporters[fmt]
                ours_warm = median_seconds(lambda e=exporter, d=doc: e.render(d, ctx), repeat)
                rows.append((f"{slug} {fmt} (command)", peer, ours_cli))
                rows.append((f"{slug} {fmt} (warm process)", peer, ours_warm))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (default 5)")
    args = parser.parse_args()

    print("handoutkit vs pandoc 2 (English handouts; ratio = handoutkit / pandoc)")
    print(f"{'case':<58} {'pandoc':>9} {'handoutkit':>11} {'ratio':>8}")
    for label, peer, ours in compare_with_pandoc(args.repeat):
        print(f"{label:<58} {peer * 1000:>7.1f}ms {ours * 1000:>9.2f}ms {ours / peer:>7.3f}x")
    print()
    sys.stdout.flush()
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "pdf_overhead.py"), "--repeat", str(args.repeat)], check=True
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
