"""Independent validators on every real PDF of the session's full build: veraPDF's PDF/UA-1 rule set
(PyPI ``page-validation``) with no failed rule, ``outloud`` (PDF/UA-1, WCAG 2.2, reading order) with no
error and no warning but the one listed below. Never skipped: a missing validator fails. Each runs
once per PDF per session; both are shown to report the faults the post-processing fixes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.pdf_support import write
from tests.pdfchecks.validators import Finding, outloud_findings, verapdf_failures
from tests.structure_support import REAL_PDFS, STEPS, RealPdf, render_without

OUTLOUD_ACCEPTED = {"HDG-010"}
"""outloud's "heading text reads as a reference number": a heuristic that takes a Chinese heading
beginning with a digit (``4期肺癌``, "stage 4 lung cancer") for a reference number. A warning, and
the heading is right."""


@cache
def _verapdf(path: Path) -> tuple[Finding, ...]:
    return tuple(verapdf_failures(path))


@cache
def _outloud(path: Path) -> tuple[Finding, ...]:
    return tuple(outloud_findings(path))


@pytest.fixture(params=REAL_PDFS, ids=str)
def real(request: pytest.FixtureRequest, real_build: Path) -> Path:
    case: RealPdf = request.param
    path = case.path(real_build)
    assert path.is_file(), f"the full build did not make {path}"
    return path


def test_verapdf_pdf_ua_1_rules_all_pass(real: Path) -> None:
    assert [str(f) for f in _verapdf(real)] == []


def test_outloud_reports_no_error_and_no_unexpected_warning(real: Path) -> None:
    found = _outloud(real)
    assert [str(f) for f in found if f.severity == "error"] == []
    assert [str(f) for f in found if f.rule not in OUTLOUD_ACCEPTED] == []


@pytest.fixture(scope="module")
def unfixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("validators")
    return {
        lang: write(folder, render_without(lang, "stage-4-lung-cancer", STEPS), f"{lang}.pdf") for lang in ("en", "ar")
    }


def test_verapdf_reports_an_annotation_outside_its_link(unfixed: dict[str, Path]) -> None:
    assert any(f.rule.startswith("PDFUA1-LINK") for f in verapdf_failures(unfixed["ar"]))


def test_outloud_reports_labels_out_of_order_and_no_print_flag(unfixed: dict[str, Path]) -> None:
    rules = {f.rule for f in outloud_findings(unfixed["en"])}
    assert {"ORD-001", "LNK-004"} <= rules
