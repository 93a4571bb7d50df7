"""The command line's catalog and review commands: ``init``, ``review``, ``stats``, ``check``, and the
report the catalog commands (``extract``, ``update``, ``compile``) print. Each imports what it needs
when it runs: a build loads none of it."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from handoutkit.errors import Problem, ProblemError
from handoutkit.languages import LanguageError, parse_language
from handoutkit.model import Origin
from handoutkit.project import Project
from handoutkit.registry import Registered
from handoutkit.selection import Selection
from handoutkit.writer import WriteError

if TYPE_CHECKING:
    from handoutkit.i18n.commands import CatalogReport
    from handoutkit.i18n.stats import StatRow

__all__ = ["check_command", "init_command", "report", "review_command", "stats_command"]


def _names(values: Sequence[str] | None) -> list[str]:
    """The names given to an option, repeated or comma-separated, blanks left out."""
    return [name.strip() for value in values or () for name in value.split(",") if name.strip()]


def init_command(project: Project, exporters: dict[str, Registered], args: argparse.Namespace, out: TextIO) -> int:
    codes = _names(args.lang)
    if len(codes) != 1:
        print("export.py: error: init needs exactly one --lang (e.g. init --lang fr)", file=out)
        return 2
    try:
        language = parse_language(codes[0])
    except LanguageError as error:
        print(f"export.py: error: --lang: {error}", file=out)
        return 2
    from handoutkit.i18n.commands import init_language

    return report(project, init_language(project, list(exporters.values()), language), out)


def review_command(project: Project, args: argparse.Namespace, out: TextIO) -> int:
    docs, codes = _names(args.doc), _names(args.lang)
    if args.lang and not codes:  # --lang "$UNSET" must not record the source's medical review instead
        print("export.py: error: --lang: no language code given (leave it out for the source's review)", file=out)
        return 2
    if len(docs) != 1 or len(codes) > 1 or not args.by or not args.on:
        print('export.py: error: review needs --doc SLUG, --by "Name, credential", --on YYYY-MM-DD', file=out)
        print("           and at most one --lang (none: the source's medical review)", file=out)
        return 2
    try:
        on = dt.date.fromisoformat(args.on)
    except ValueError:
        print(f"export.py: error: --on: not a date written YYYY-MM-DD: {args.on!r}", file=out)
        return 2
    try:
        language = parse_language(codes[0]) if codes else project.config.source_language
    except LanguageError as error:
        print(f"export.py: error: --lang: {error}", file=out)
        return 2
    if language not in project.config.languages:
        known = ", ".join(lang.tag for lang in project.config.languages)
        message = f"--lang: {codes[0]!r} is not one of the project's languages ({known})"
        print(f"export.py: error: {message}; add it to 'languages' in handoutkit.toml", file=out)
        return 2
    if docs[0] not in project.slugs():
        print(f"export.py: error: --doc: no handout source/{docs[0]}.md", file=out)
        return 2
    from handoutkit.review_record import record_review

    try:
        record = record_review(project, docs[0], language, args.by, on)
    except ProblemError as error:
        for problem in error.problems:
            print(problem, file=out)
        print("review: not recorded", file=out)
        return 1
    except WriteError as error:
        print(Problem("write", Origin(error.shown, 0), error.reason), file=out)
        print("review: not recorded", file=out)
        return 1
    for note in record.notes:
        print(note, file=out)
    what = "source" if language == project.config.source_language else f"{language.tag} translation"
    where = project.display(record.written) if record.written else "nothing changed"
    print(f"review: recorded the {what} review of {docs[0]} ({where})", file=out)
    return 0


def report(project: Project, report: CatalogReport, out: TextIO) -> int:
    for problem in report.problems:
        print(problem, file=out)
    for path in report.written:
        print(f"wrote {project.display(path)}", file=out)
    for note in report.notes:
        print(note, file=out)
    print(f"{len(report.written)} written, {len(report.unchanged)} unchanged", file=out)
    return 0 if report.ok else 1


def stats_command(project: Project, selection: Selection, out: TextIO) -> int:
    from handoutkit.i18n.stats import stats

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
            f"{row.review} ({c.percent:.0f}%){_review_states(row)}"
            + (f"; reading level: {row.reading_level}" if row.reading_level != "-" else ""),
            file=out,
        )
    return 1 if any(row.error for row in rows) else 0


def _review_states(row: StatRow) -> str:
    """Each review's state after the review column (none for the ui domain)."""
    states = (("source", row.source_review), ("translation", row.translation_review))
    return "".join(f"; {what} review: {state}" for what, state in states if state != "-")


def check_command(project: Project, selection: Selection, out: TextIO, *, lenient: bool) -> int:
    from handoutkit.checks import check_report, summarize

    report = check_report(project, selection)
    for problem in report.problems:
        print(problem, file=out)
    for verdict in report.verdicts:
        print(f"build will {verdict}", file=out)
    for line in report.reading_levels:
        print(f"reading level: {line}", file=out)
    errors, warnings = summarize(report.problems)
    counts = {status: sum(1 for v in report.verdicts if v.status == status) for status in ("export", "skip", "fail")}
    print(
        f"check: {errors} errors, {warnings} warnings; "
        f"export {counts['export']}, skip {counts['skip']}, fail {counts['fail']}",
        file=out,
    )
    if errors:
        return 1
    return 0 if lenient or not (counts["skip"] or counts["fail"]) else 1
