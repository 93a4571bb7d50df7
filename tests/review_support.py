"""Helpers for the review tests: record reviews with the command line, edit one line of a file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

SOURCE = "source/care.md"
CATALOG = "locales/es/LC_MESSAGES/care.po"
SOURCE_REVIEWER = "Dr. Ada Example, MD"
TRANSLATION_REVIEWER = "Lic. Eva Ejemplo, CMI"


def record(project: Path, *lang: str, by: str = SOURCE_REVIEWER, on: str = "2026-11-25") -> str:
    """Run ``review --doc care [--lang ...] --by ... --on ...``; returns its output (it must succeed)."""
    options = ["--lang", lang[0]] if lang else []
    code, output = run_cli(project, "review", "--doc", "care", *options, "--by", by, "--on", on)
    assert code == 0, output
    return output


def reviewed_project(project: Path) -> Path:
    """``project`` with its source and its Spanish translation reviewed through the command line."""
    record(project)
    record(project, "es", by=TRANSLATION_REVIEWER)
    return project


def replace_line(project: Path, name: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``project/name``."""
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def sms_reviewed(project: Path, lang: str) -> bool:
    """The ``reviewed`` value of ``output/<lang>/care.sms.json``."""
    report = json.loads((project / "output" / lang / "care.sms.json").read_text(encoding="utf-8"))
    value = report["reviewed"]
    assert isinstance(value, bool)
    return value
