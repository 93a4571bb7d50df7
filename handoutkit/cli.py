"""The command line: parse arguments, call the core, print what happened. Nothing else lives here."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from handoutkit.checks import check_project, summarize
from handoutkit.errors import HandoutError, ProblemError
from handoutkit.i18n.commands import CatalogReport, compile_catalogs, extract, init_language, update
from handoutkit.i18n.stats import stats
from handoutkit.index_page import render_index
from handoutkit.languages import LanguageError, parse_language
from handoutkit.options import options_text
from handoutkit.pipeline import Outcome, build
from handoutkit.project import Project
from handoutkit.registry import Registered, discover_exporters
from handoutkit.selection import Selection, select
from handoutkit.writer import write_atomic

__all__ = ["main"]

COMMANDS = ("build", "formats", "extract", "update", "init", "compile", "stats", "check")

DESCRIPTION = """\
Export accessible, multilingual handouts from one Markdown source: large-print PDF, EPUB 3,
plain text for screen readers and SMS summaries, in every language of the project.

With no command, builds every format of every document in every language (the 'build' command)."""

EPILOG = """\
commands:
  build      build outputs into output/<lang>/ and write output/index.html (the default)
  formats    list every exporter and the package it comes from (--options: and its options)
  extract    write locales/<doc>.pot and locales/ui.pot from the sources
  update     extract, then merge the templates into every language's .po files
  init       create the .po files of a new language (--lang xx)
  compile    write .mo files beside the .po files, for other gettext tools
  stats      translated / fuzzy / untranslated messages and review status per document and language
  check      report every problem in sources, catalogs and formats (exit 1 on errors)

exit status: 0 success, 1 something failed (details above the summary), 2 bad command line or configuration.
See README.md for the configuration file, the front matter and the translators' workflow."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="export.py", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=COMMANDS,
        metavar="command",
        help="what to do (default: build); see the list below",
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=Path.cwd(),
        metavar="DIR",
        help="the project folder (default: the current directory)",
    )
    parser.add_argument(
        "--lang",
        action="append",
        metavar="CODE",
        help="only these languages; BCP 47 or gettext form (es, zh-Hans, zh_Hans); repeat or separate with commas",
    )
    parser.add_argument("--format", action="append", metavar="NAME", help="only these formats (see 'formats')")
    parser.add_argument(
        "--doc",
        action="append",
        metavar="SLUG",
        help="only these handouts (source/<slug>.md); collections are not built then",
    )
    parser.add_argument(
        "--min-coverage",
        type=float,
        metavar="PERCENT",
        help="export a language when at least this share of its messages is translated (default: "
        "min_coverage in handoutkit.toml, else 100); untranslated blocks keep the source text",
    )
    parser.add_argument(
        "--options",
        action="store_true",
        help="with 'formats': also list each exporter's options in handoutkit.toml (type, default, limits)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    if not args.project.is_dir():
        print(f"export.py: error: --project: {args.project} is not a folder", file=out)
        return 2
    try:
        found = discover_exporters()
        exporters = found.exporters
        for problem in found.problems:
            print(problem, file=out)
        if args.command == "formats":
            return _formats(exporters, args.options, out)
        project = Project.load(args.project.resolve(), found.schemas)
        if args.command == "init":
            return _init(project, exporters, args, out)
        selection = select(
            project, exporters, langs=args.lang, formats=args.format, docs=args.doc, min_coverage=args.min_coverage
        )
    except ProblemError as error:
        for problem in error.problems:
            print(problem, file=out)
        return 2
    except HandoutError as error:
        print(f"export.py: error: {error}", file=out)
        return 2

    match args.command:
        case "build":
            return _build(project, selection, exporters, args.quiet, out)
        case "extract":
            return _report(project, extract(project, list(exporters.values())), out)
        case "update":
            return _report(project, update(project, list(exporters.values()), selection.languages), out)
        case "compile":
            return _report(project, compile_catalogs(project, selection.languages), out)
        case "stats":
            return _stats(project, selection, out)
        case "check":
            return _check(project, selection, out)
    raise AssertionError(args.command)


def _formats(exporters: dict[str, Registered], options: bool, out: TextIO) -> int:
    width = max((len(name) for name in exporters), default=4)
    for name, exporter in exporters.items():
        extras = []
        if exporter.collection:
            extras.append("collections")
        if not exporter.default:
            extras.append("only with --format")
        suffixes = " ".join(exporter.suffixes)
        note = f" [{', '.join(extras)}]" if extras else ""
        print(f"{name:<{width}}  {exporter.description}{note}", file=out)
        print(f"{'':<{width}}  files: {suffixes or '-'}; from: {exporter.origin} ({exporter.target})", file=out)
        if options:
            schema = exporter.options_class
            lines = options_text(name, schema) if schema is not None else ["no options"]
            for line in lines:
                print(f"{'':<{width}}  {line}", file=out)
    return 0


def _init(project: Project, exporters: dict[str, Registered], args: argparse.Namespace, out: TextIO) -> int:
    codes = [c for value in args.lang or () for c in value.split(",") if c.strip()]
    if len(codes) != 1:
        print("export.py: error: init needs exactly one --lang (e.g. init --lang fr)", file=out)
        return 2
    try:
        language = parse_language(codes[0].strip())
    except LanguageError as error:
        print(f"export.py: error: --lang: {error}", file=out)
        return 2
    return _report(project, init_language(project, list(exporters.values()), language), out)


def _report(project: Project, report: CatalogReport, out: TextIO) -> int:
    for problem in report.problems:
        print(problem, file=out)
    for path in report.written:
        print(f"wrote {project.display(path)}", file=out)
    for note in report.notes:
        print(note, file=out)
    print(f"{len(report.written)} written, {len(report.unchanged)} unchanged", file=out)
    return 0 if report.ok else 1


def _stats(project: Project, selection: Selection, out: TextIO) -> int:
    rows = stats(project, selection.slugs, selection.languages, selection.exporters)
    print(
        f"{'domain':<32} {'lang':<8} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'rejected':>8}  review", file=out
    )
    for row in rows:
        if row.error:
            print(f"{row.domain:<32} {row.lang:<8} error: {row.error}", file=out)
            continue
        c = row.coverage
        done = f"{c.translated}/{c.total}"
        print(
            f"{row.domain:<32} {row.lang:<8} {done:>10} {c.fuzzy:>6} {c.untranslated:>9} {c.rejected:>8}  "
            f"{row.review} ({c.percent:.0f}%)",
            file=out,
        )
    return 1 if any(row.error for row in rows) else 0


def _check(project: Project, selection: Selection, out: TextIO) -> int:
    problems = check_project(project, selection)
    for problem in problems:
        print(problem, file=out)
    errors, warnings = summarize(problems)
    print(f"check: {errors} errors, {warnings} warnings", file=out)
    return 1 if errors else 0


def _build(project: Project, selection: Selection, exporters: dict[str, Registered], quiet: bool, out: TextIO) -> int:
    started = time.monotonic()
    formats = len(selection.exporters)
    collections = sum(1 for e in selection.exporters if e.collection) if selection.collections else 0
    total = len(selection.languages) * (len(selection.slugs) * formats + collections)
    done = 0

    def progress(outcome: Outcome) -> None:
        nonlocal done
        done += formats if outcome.format == "*" else 1
        if outcome.status == "failed" or not quiet:  # the summary lists each failure's problems
            where = ", ".join(project.display(p) for p in outcome.files) or outcome.reason
            print(
                f"[{min(done, total)}/{total}] {outcome.lang:<8} {outcome.name:<32} {outcome.format:<6} "
                f"{outcome.status}: {where}",
                file=out,
            )

    report = build(project, selection, progress)
    for warning in report.warnings:
        print(warning, file=out)
    index = render_index(project, list(exporters.values()))
    write_atomic(project.output_dir / "index.html", index, inside=project.output_dir)

    built = [o for o in report.outcomes if o.status == "built"]
    skipped = [o for o in report.outcomes if o.status == "skipped"]
    failed = report.failed
    files = sum(len(o.files) for o in built)
    print(
        f"\nbuilt {len(built)} ({files} files), skipped {len(skipped)}, failed {len(failed)} "
        f"in {time.monotonic() - started:.1f} s; index: {project.display(project.output_dir / 'index.html')}",
        file=out,
    )
    for outcome in skipped:
        print(f"  skipped {outcome.lang} {outcome.name} {outcome.format}: {outcome.reason}", file=out)
    for outcome in failed:
        print(f"  FAILED  {outcome.lang} {outcome.name} {outcome.format}: {outcome.reason}", file=out)
        for problem in outcome.problems:
            print(f"          {problem}", file=out)
    return 0 if report.ok else 1
