"""What a reader sees: where Chromium lays out the characters of a page (``tests/char_positions.cjs``).

Bidirectional text is checked here with a real browser's layout, not by looking for markup: a run
that must read left to right inside Arabic text does when each of its characters is drawn to the
right of the one before it, on one line. Chromium is started through ``tools/chromium-headless``
(the flags Debian's Chromium needs) with a fresh profile, by puppeteer-core from DAISY Ace's
``tools/node_modules``. A missing tool fails the test; it never skips it.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.epub.validate import tools_dir

SCRIPT = Path(__file__).with_name("char_positions.cjs")
CHROMIUM = Path("/usr/lib/chromium/chromium")
TIMEOUT = 120


@dataclass(frozen=True, slots=True)
class Box:
    """Where one character is drawn, in CSS pixels from the page's top left corner."""

    x: float
    y: float
    width: float
    height: float


Occurrence = tuple[Box | None, ...]
"""The boxes of a string's characters in logical order (None for a character that is not drawn)."""


def _tools() -> tuple[str, Path, Path]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("the bidi layout tests need Node.js: apt-get install nodejs (or scripts/install-validators.sh)")
    tools = tools_dir()
    wrapper = tools / "chromium-headless"
    modules = tools / "node_modules"
    if not CHROMIUM.exists():
        pytest.fail(f"the bidi layout tests need Debian's Chromium ({CHROMIUM}): apt-get install chromium")
    if not os.access(wrapper, os.X_OK):
        pytest.fail(f"{wrapper} is missing or not executable: run scripts/install-validators.sh")
    if not (modules / "puppeteer-core" / "package.json").is_file():
        pytest.fail(f"puppeteer-core is not installed in {modules}: run scripts/install-validators.sh")
    return node, wrapper, modules


def layout(request: Mapping[Path, Sequence[str]]) -> dict[Path, dict[str, list[Occurrence]]]:
    """For each page and each of its strings, the boxes of the string's characters at every place it
    occurs in the page's text, as Chromium lays the page out (2400 pixels wide, so that a short run
    stays on one line). One browser, with a fresh profile, opens every page."""
    node, wrapper, modules = _tools()
    with tempfile.TemporaryDirectory(prefix="handoutkit-chromium-") as profile:
        done = subprocess.run(
            [node, str(SCRIPT), str(wrapper), profile],
            input=json.dumps({str(page): list(needles) for page, needles in request.items()}).encode("utf-8"),
            env={**os.environ, "NODE_PATH": str(modules)},
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    if done.returncode != 0:
        pytest.fail(f"Chromium could not lay the pages out (exit {done.returncode}): {done.stderr.decode()[-2000:]}")
    found = json.loads(done.stdout.decode("utf-8"))

    def occurrences(page: Path, needle: str) -> list[Occurrence]:
        return [tuple(Box(**box) if box else None for box in place) for place in found[str(page)][needle]]

    return {page: {needle: occurrences(page, needle) for needle in needles} for page, needles in request.items()}


def only(occurrences: list[Occurrence], needle: str) -> Occurrence:
    """The one place ``needle`` occurs (it must occur exactly once)."""
    assert len(occurrences) == 1, f"{needle!r} occurs {len(occurrences)} times"
    return occurrences[0]


def reads_left_to_right(boxes: Occurrence) -> bool:
    """True when every character is drawn, all on one line, each to the right of the one before."""
    drawn = [box for box in boxes if box is not None]
    if len(drawn) != len(boxes) or not drawn:
        return False
    first = drawn[0]
    same_line = all(abs(box.y - first.y) < first.height / 2 for box in drawn)
    return same_line and all(a.x < b.x for a, b in itertools.pairwise(drawn))


def unpack(epub: bytes, folder: Path) -> Path:
    """The book's files written under ``folder`` (pages beside their style sheet); returns ``folder``."""
    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        archive.extractall(folder)
    return folder


def edited_copy(page: Path, old: str, new: str, name: str = "control") -> Path:
    """A copy of ``page`` beside it (``<stem>-<name>``) with the one occurrence of the markup ``old``
    replaced by ``new`` (a control: the same words without the markup that keeps them in order)."""
    text = page.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {page.name}"
    copy = page.with_name(f"{page.stem}-{name}{page.suffix}")
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy
