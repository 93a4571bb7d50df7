"""The peers a build is compared with: pandoc, WeasyPrint's command and lou_translate, one call per
kind of output, and how many of each kind a build wrote."""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING

from benchmarks.measure import Sample, Summary, run_process
from benchmarks.synthetic import Synthetic

if TYPE_CHECKING:
    from benchmarks.run import Bench

__all__ = ["PEER_LANGUAGE", "SUFFIX_KINDS", "collection_calls", "outputs_by_kind", "peer_calls", "peer_total"]

PEER_LANGUAGE = "en"
"""The language of the one-output runs (the source language: pandoc reads the same text)."""
BRAILLE_DISPLAY = "en-us-brf.dis"
SUFFIX_KINDS = {".sms.txt": "sms", ".sms.json": "", ".txt": "text", ".epub": "epub", ".html": "web", ".pdf": "pdf"}
SUFFIX_KINDS |= {".brf": "brf", ".json": ""}
"""What kind of peer call makes a file of each suffix ('': part of another output, no call of its own)."""


def outputs_by_kind(project: Synthetic) -> dict[str, int]:
    """How many files of each peer kind the last build wrote (``collection-epub``: a language's book of all)."""
    slugs = set(project.slugs)
    counts: dict[str, int] = {}
    for folder in sorted(p for p in project.output.iterdir() if p.is_dir()):
        for path in folder.iterdir():
            suffix = next((s for s in SUFFIX_KINDS if path.name.endswith(s)), None)
            if suffix is None or not SUFFIX_KINDS[suffix]:
                continue
            stem = path.name[: -len(suffix)]
            kind = SUFFIX_KINDS[suffix] if stem in slugs else f"collection-{SUFFIX_KINDS[suffix]}"
            key = f"{kind}@{folder.name}" if kind in ("pdf", "brf") else kind
            counts[key] = counts.get(key, 0) + 1
    return counts


def peer_calls(bench: Bench, smallest: Synthetic) -> dict[str, Callable[[], Sample]]:
    """One case per kind of peer call a full build stands for; PDF and braille per language."""
    slug = smallest.slugs[0]
    source = str(smallest.source(slug))
    plain = bench.work / "peer-plain.txt"

    def pandoc(to: str, suffix: str, *extra: str) -> Callable[[], Sample]:
        argv = [*bench.pandoc_for(smallest), source, "-t", to, *extra, "-o", str(bench.work / f"peer{suffix}")]
        return lambda: bench.run(argv)

    cases = {
        "text": pandoc("plain", ".txt"),
        "sms": pandoc("plain", ".sms.txt"),
        "epub": pandoc("epub3", ".epub"),
        "web": pandoc("html5", ".html", "-s"),
    }
    subprocess.run([*bench.pandoc_for(smallest), source, "-t", "plain", "-o", str(plain)], check=True)
    from exporters.brf.tables import DEFAULT_TABLES
    from handoutkit.languages import parse_language

    for folder in (*smallest.catalog_dirs, PEER_LANGUAGE):
        tag = parse_language(folder).tag
        page = bench.work / f"peer-pdf-{tag}"
        page_argv = bench.python("-m", "benchmarks.pdf_page", str(smallest.root), slug, tag, str(page))
        run_process(page_argv, env=bench.env, log=bench.log(), cwd=bench.code)
        pdf_argv = bench.python(
            "-m", "weasyprint", "--pdf-variant", "pdf/ua-1", "-s", str(page / "page.css"), str(page / "page.html"),
            str(page / "out.pdf"),
        )  # fmt: skip
        cases[f"pdf@{tag}"] = functools.partial(bench.run, pdf_argv)
        table = DEFAULT_TABLES.get(tag.split("-")[0])
        if bench.louis is not None and table is not None:
            louis_argv = [bench.louis, "--forward", f"{BRAILLE_DISPLAY},{table.table}"]
            cases[f"brf@{tag}"] = functools.partial(bench.run, louis_argv, stdin=plain)
    return cases


def collection_calls(bench: Bench, project: Synthetic) -> dict[str, Callable[[], Sample]]:
    """pandoc over every source of ``project``: each language's collection book and page."""
    sources = [str(project.source(slug)) for slug in project.slugs]

    def pandoc(to: str, suffix: str, *extra: str) -> Callable[[], Sample]:
        argv = [*bench.pandoc_for(project), *sources, "-t", to, *extra, "-o", str(bench.work / f"all{suffix}")]
        return lambda: bench.run(argv)

    return {"collection-epub": pandoc("epub3", ".epub"), "collection-web": pandoc("html5", ".html", "-s")}


def peer_total(kinds: dict[str, int], calls: dict[str, Summary]) -> tuple[Summary | None, str]:
    """The cost of as many peer calls as the build made outputs; None and why when one kind has no peer."""
    missing = sorted(kind for kind in kinds if kind not in calls)
    if missing:
        return None, f"not available: no peer measured for {', '.join(missing)}"
    cpu = sum(count * calls[kind].cpu for kind, count in kinds.items())
    wall = sum(count * calls[kind].wall for kind, count in kinds.items())
    return Summary(cpu, wall, 0, min(calls[kind].runs for kind in kinds)), f"{sum(kinds.values())} peer calls"
