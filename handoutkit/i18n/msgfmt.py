"""GNU ``msgfmt --check`` run on a catalog, its findings as problems with the .po file and line.

polib reads catalogs that GNU gettext refuses (a msgstr ending in ``\\n`` where the msgid does not, a
broken ``Plural-Forms``, a ``{phone}`` dropped from a ``python-brace-format`` entry); a translator's tools
(Poedit, Weblate, ``compile`` for other gettext users) run msgfmt, so ``check`` runs it too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from handoutkit.errors import Problem, Severity
from handoutkit.model import Origin

__all__ = ["msgfmt_problems", "parse_msgfmt"]

_FINDING = re.compile(r"^(?P<line>\d+)(?::\d+)?: (?P<warning>warning: )?(?P<message>.*)$")
_PROGRAM = re.compile(r"^(?:\S*/)?msgfmt: ")
_SUMMARY = re.compile(r"^found \d+ fatal errors?$")


def msgfmt_problems(data: bytes, display: str) -> list[Problem]:
    """``msgfmt --check`` of a catalog's bytes (as :func:`handoutkit.files.read_input` read them, so that
    msgfmt never opens a path itself: a catalog refused as a link out of the project is never given to it,
    and its messages cannot quote such a file); a warning (not a crash) when GNU gettext is not installed."""
    program = shutil.which("msgfmt")
    if program is None:
        message = "msgfmt not found: its checks were not run (install gettext: scripts/install-system-packages.sh)"
        return [Problem("msgfmt-missing", Origin(display, 0), message, "warning")]
    with tempfile.TemporaryDirectory(prefix="handoutkit-msgfmt-") as folder:
        path = Path(folder) / "catalog.po"
        path.write_bytes(data)
        try:
            result = subprocess.run(
                [program, "--check", "--output-file=/dev/null", str(path)],
                capture_output=True,
                text=True,
                errors="replace",
                timeout=60,
                check=False,
                env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return [Problem("msgfmt", Origin(display, 0), f"msgfmt could not run: {error}", "warning")]
    problems = parse_msgfmt(result.stderr, str(path), display)
    if data.startswith(b"\xef\xbb\xbf") and problems and problems[0].origin.line == 1:
        first = problems[0]  # editors do not show a byte-order mark: say what msgfmt trips on
        hint = "; the file starts with a byte-order mark (U+FEFF), which msgfmt refuses: save it as UTF-8 without BOM"
        problems[0] = Problem(first.kind, first.origin, first.message + hint, first.severity)
    if result.returncode != 0 and not any(p.severity == "error" for p in problems):
        stderr = result.stderr.strip().replace(str(path), display)
        problems.append(Problem("msgfmt", Origin(display, 0), f"msgfmt --check failed: {stderr}"))
    return problems


def parse_msgfmt(output: str, path: str, display: str) -> list[Problem]:
    """Problems from msgfmt's ``file:line[:column]: [warning: ]message`` lines; other lines continue the
    message before them; the closing ``found N fatal errors`` is dropped."""
    problems: list[Problem] = []
    for raw in output.splitlines():
        text = _PROGRAM.sub("", raw).rstrip()
        if not text or _SUMMARY.match(text.strip()):
            continue
        if text.startswith(path + ":"):
            rest = text[len(path) + 1 :]
            match = _FINDING.match(rest)
            if match and match.group("message").startswith("...") and problems:
                last = problems[-1]  # "...this is the location of the first definition"
                where = f" (line {match.group('line')}: {match.group('message')})"
                problems[-1] = Problem(last.kind, last.origin, last.message + where, last.severity)
                continue
            if match:
                severity: Severity = "warning" if match.group("warning") else "error"
                message = f"msgfmt --check: {match.group('message')}"
                problems.append(Problem("msgfmt", Origin(display, int(match.group("line"))), message, severity))
                continue
            warning = rest.strip().removeprefix("warning: ")
            level: Severity = "warning" if warning != rest.strip() else "error"
            problems.append(Problem("msgfmt", Origin(display, 0), f"msgfmt --check: {warning}", level))
        elif problems:
            last = problems[-1]
            problems[-1] = Problem(last.kind, last.origin, f"{last.message} {text.strip()}", last.severity)
    return problems
