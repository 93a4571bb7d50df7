"""translate-toolkit's pofilter as a second opinion: the shipped catalogs pass the checks that apply to
Markdown text (tests/pofilter_support.py says which and why), and a translator's mistake that pofilter
catches is caught by our own check too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.pofilter_support import pofilter

FIXTURE = Path(__file__).parent / "data" / "pofilter" / "changed-link-target.po"
SHIPPED = sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("catalog", SHIPPED, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_shipped_catalog_passes_pofilter(catalog):
    assert [str(f) for f in pofilter(catalog)] == []


def test_a_changed_link_target_is_caught_by_pofilter(tmp_path):
    (finding,) = pofilter(FIXTURE)
    assert finding.test == "urls"
    assert "https://example.org/informacion" in finding.msgstr


def test_the_same_mistake_is_an_error_of_check_naming_the_catalog_line(project_copy):
    project = project_copy("basic")
    shutil.copyfile(FIXTURE, project / "locales" / "es" / "LC_MESSAGES" / "basic.po")
    code, output = run_cli(project, "check", "--lang", "es")
    assert code == 1
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert any(
        line.startswith("locales/es/LC_MESSAGES/basic.po:59: error:") and line.endswith("[link-target]")
        for line in errors
    ), output
