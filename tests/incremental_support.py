"""Helpers for the tests of incremental, parallel and sharded builds: a two-handout fixture project
(one with an image, English only) and the progress lines of a build read back."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from PIL import Image

from tests.conftest import PROJECTS

FORMATS = "text,sms,json"
_LINE = re.compile(r"^\[\d+/\d+\] (\S+)\s+(\S+)\s+(\S+)\s+([a-z ]+): ")

OTHER = """---
title: Another handout
summary: A second handout, with a picture.
---

A paragraph of the second handout.

![A blue square](square.png)
"""


def two_handouts(destination: Path) -> Path:
    """The basic fixture project plus ``source/other.md`` (with ``source/square.png``, no catalog)."""
    shutil.copytree(PROJECTS / "basic", destination, ignore=shutil.ignore_patterns("output", "expected", "*.mo"))
    (destination / "source/other.md").write_text(OTHER, encoding="utf-8")
    Image.new("RGB", (8, 8), (0, 0, 200)).save(destination / "source/square.png")
    return destination


def statuses(output: str) -> dict[tuple[str, str, str], str]:
    """(name, lang, format) -> the status word of its progress line (``built``, ``up to date``...)."""
    found = {}
    for line in output.splitlines():
        match = _LINE.match(line)
        if match:
            lang, name, fmt, status = match.groups()
            found[(name, lang, fmt)] = status.strip()
    return found


def rendered(output: str) -> set[tuple[str, str, str]]:
    """The outputs a build rendered and wrote (not up to date, not taken from elsewhere, not skipped)."""
    return {job for job, status in statuses(output).items() if status == "built"}


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
