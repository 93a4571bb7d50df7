"""The command line: parse arguments, call the core, print what happened. Nothing else lives here."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from handoutkit.cli_catalogs import check_command, init_command, report, review_command, stats_command
from handoutkit.errors import HandoutError, Problem, ProblemError
from handoutkit.files import forget_reads
from handoutkit.index_page import render_index
from handoutkit.manifest import WITHDRAWN_DIR
from handoutkit.model import Origin
from handoutkit.pipeline import BuildOptions, Outcome, build, default_jobs, job_count
from handoutkit.project import Project
from handoutkit.registry import Registered, discover_exporters
from handoutkit.selection import Selection, select
from handoutkit.shards import ShardError, parse_shard
from handoutkit.writer import WriteError, remove_stale_temporaries, write_atomic

__all__ = ["main"]

COMMANDS = ("build", "merge", "formats", "extract", "update", "init", "compile", "stats", "check", "review")

DESCRIPTION = """\
Export accessible, multilingual handouts from one Markdown source: large-print PDF, EPUB 3,
plain text for screen readers and SMS summaries, in every language of the project.

With no command, builds every format of every document in every language (the 'build' command)."""

EPILOG = """\
commands:
  build      build outputs into output/<lang>/ and write output/index.html (the default); only what
             changed since the last build is rebuilt (--force: everything), in --jobs processes
  merge      merge SHARD_DIR...: take the outputs of 'build --shard K/N' runs (their output folders),
             then build the collections and output/index.html, as one build would have
  formats    list every exporter and the package it comes from (--options: and its options)
  extract    write locales/<doc>.pot and locales/ui.pot from the sources
  update     extract, then merge the templates into every language's .po files
  init       create the .po files of a new language (--lang xx)
  compile    write .mo files beside the .po files, for other gettext tools
  stats      translated / fuzzy / untranslated messages and review status per document and language
  review     record a review: --doc SLUG [--lang xx] --by "Name, credential" --on YYYY-MM-DD (no --lang: the
             source's medical review; --lang: that translation's review)
  check      report every problem in sources, catalogs (msgfmt --check too) and formats, and what the
             build will export, skip or fail per document and language (exit 1 on errors, skips or
             failures; --lenient: on errors only)

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
        "--output",
        type=Path,
        metavar="DIR",
        help="with 'build': write the outputs here (default: output/ in the project folder, which must not be a "
        "symbolic link leading out of the project)",
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
    parser.add_argument("--by", metavar="NAME", help="with 'review': the reviewer and their credential")
    parser.add_argument("--on", metavar="YYYY-MM-DD", help="with 'review': the date of the review")
    parser.add_argument(
        "--fail-on-skip",
        action="store_true",
        help="with 'build': exit 1 when any document is skipped in any language (for CI)",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="with 'check': exit 1 on errors only, not when the build would skip a document (work in progress)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")
    _add_scale_options(parser)
    return parser


def _add_scale_options(parser: argparse.ArgumentParser) -> None:
    """The options of building at scale (README, "Building at scale")."""
    parser.add_argument(
        "shard_dirs", nargs="*", type=Path, metavar="SHARD_DIR", help="with 'merge': the shards' output folders"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="with 'build' and 'merge': worker processes (default: the CPUs available; 1: all in this process)",
    )
    parser.add_argument("--force", action="store_true", help="with 'build': rebuild every output, even up-to-date ones")
    parser.add_argument(
        "--shard", metavar="K/N", help="with 'build': build only part K of N (merge the parts with 'merge')"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="with 'build' and 'merge': a shared cache of outputs by job key (safe for concurrent builds)",
    )


def _build_options(args: argparse.Namespace, out: TextIO) -> BuildOptions | None:
    """The build's options from the command line (None, with the error printed, when they are wrong)."""
    if args.shard_dirs and args.command != "merge":
        print(f"export.py: error: unexpected arguments: {' '.join(map(str, args.shard_dirs))}", file=out)
        return None
    if args.command == "merge" and not args.shard_dirs:
        print("export.py: error: merge needs the shards' output folders (merge DIR...)", file=out)
        return None
    if args.command == "merge" and args.shard:
        print("export.py: error: --shard is for 'build'; merge takes every shard", file=out)
        return None
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        print(f"export.py: error: --jobs: {jobs} is not a positive number", file=out)
        return None
    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ShardError as error:
        print(f"export.py: error: {error}", file=out)
        return None
    if args.cache is not None and args.cache.exists() and not args.cache.is_dir():
        print(f"export.py: error: --cache: {args.cache} is not a folder", file=out)
        return None
    return BuildOptions(
        jobs=jobs,
        force=args.force,
        shard=shard,
        cache=args.cache.absolute() if args.cache else None,
        shards=tuple(d.absolute() for d in args.shard_dirs) if args.command == "merge" else (),
    )


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    forget_reads()  # what this run reads is compared with its job keys (handoutkit.files)
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
        project = Project.load(args.project.resolve(), found.schemas, args.output.absolute() if args.output else None)
        if args.command == "init":
            return init_command(project, exporters, args, out)
        if args.command == "review":
            return review_command(project, args, out)
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
        case "build" | "merge":
            unusable = project.output_problem()
            if unusable is not None:
                print(unusable, file=out)
                return 2
            options = _build_options(args, out)
            if options is None:
                return 2
            if options.cache is not None and project.holds(options.cache):
                print(
                    f"export.py: error: --cache: {options.cache} is inside the output, source or locales folder; "
                    "a cache is the build's own store: put it elsewhere",
                    file=out,
                )
                return 2
            return _build(
                project, selection, exporters, args.quiet, out, fail_on_skip=args.fail_on_skip, options=options
            )
        case "extract":
            from handoutkit.i18n.commands import extract

            return report(project, extract(project, list(exporters.values())), out)
        case "update":
            from handoutkit.i18n.commands import update

            return report(project, update(project, list(exporters.values()), selection.languages), out)
        case "compile":
            from handoutkit.i18n.commands import compile_catalogs

            return report(project, compile_catalogs(project, selection.languages), out)
        case "stats":
            return stats_command(project, selection, out)
        case "check":
            return check_command(project, selection, out, lenient=args.lenient)
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
            from handoutkit.options import options_text

            lines = options_text(name, schema) if schema is not None else ["no options"]
            for line in lines:
                print(f"{'':<{width}}  {line}", file=out)
    return 0


def _build(
    project: Project,
    selection: Selection,
    exporters: dict[str, Registered],
    quiet: bool,
    out: TextIO,
    *,
    fail_on_skip: bool = False,
    options: BuildOptions | None = None,
) -> int:
    started = time.monotonic()
    options = options or BuildOptions()
    formats = len(selection.exporters)
    total = job_count(project, selection, options)
    done = 0

    def progress(outcome: Outcome) -> None:
        nonlocal done
        done += formats if outcome.format == "*" else 1
        if outcome.status == "failed" or not quiet:  # the summary lists each failure's problems
            where = ", ".join(project.display(p) for p in outcome.files) or outcome.reason
            print(
                f"[{min(done, total)}/{total}] {outcome.lang:<8} {outcome.name:<32} {outcome.format:<6} "
                f"{outcome.reused or outcome.status}: {where}",
                file=out,
            )

    for removed in remove_stale_temporaries(project.output_dir):
        print(f"removed {project.display(removed)}, left by an interrupted build", file=out)
    try:
        report = build(project, selection, progress, options)
    except ValueError as error:  # a shard folder without a readable manifest
        print(f"export.py: error: merge: {error}", file=out)
        return 2
    except OSError as error:  # the manifest or a withdrawal could not be written: stop, say which
        print(Problem("write", Origin(project.display(project.output_dir), 0), str(error)), file=out)
        return 1
    for warning in report.warnings:
        print(warning, file=out)
    index = render_index(project, list(exporters.values()), selection.exporters)
    index_failed = False
    try:
        write_atomic(project.output_dir / "index.html", index, inside=project.output_dir)
    except WriteError as error:
        index_failed = True
        print(Problem("write", Origin(project.display(project.output_dir / "index.html"), 0), error.reason), file=out)

    built = [o for o in report.outcomes if o.status == "built"]
    skipped = [o for o in report.outcomes if o.status == "skipped"]
    failed = report.failed
    files = sum(len(o.files) for o in built)
    reused = sum(1 for o in built if o.reused)
    unchanged = f"; {reused} not rebuilt" if reused else ""
    print(
        f"\nbuilt {len(built)} ({files} files{unchanged}), skipped {len(skipped)}, failed {len(failed)}, "
        f"withdrawn {sum(1 for w in report.withdrawn if w.lang)} in {time.monotonic() - started:.1f} s; "
        f"index: {project.display(project.output_dir / 'index.html')}",
        file=out,
    )
    for outcome in skipped:
        print(f"  skipped {outcome.lang} {outcome.name} {outcome.format}: {outcome.reason}", file=out)
    for outcome in failed:
        print(f"  FAILED  {outcome.lang} {outcome.name} {outcome.format}: {outcome.reason}", file=out)
        for problem in outcome.problems:
            print(f"          {problem}", file=out)
    for withdrawal in report.withdrawn:
        moved = ", ".join(project.display(project.output_dir / old) for old, _ in withdrawal.moved)
        kept = all(aside for _, aside in withdrawal.moved)
        where = f"moved to {project.display(project.output_dir / WITHDRAWN_DIR)}/" if kept else "removed"
        label = f"{withdrawal.lang} {withdrawal.name} {withdrawal.format}" if withdrawal.lang else "site files"
        print(f"  withdrawn {label}: {moved} ({withdrawal.note}); {where}", file=out)
    if not report.ok or index_failed or any(w.severity == "error" for w in report.warnings):
        return 1
    return 1 if fail_on_skip and skipped else 0
