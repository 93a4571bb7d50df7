"""Independent validators: veraPDF's PDF/UA-1 rules (PyPI ``page-validation``) and ``outloud``
(PDF/UA-1, WCAG 2.2 and reading order). Both are test dependencies (requirements.lock); a missing
one raises ImportError or FileNotFoundError, which fails the test: it is never a skip.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PRINT_FLAG_RULE = "LNK-004"
"""outloud's "link annotations lack the Print flag": a PDF/A rule; the exporter sets the flag anyway."""


@dataclass(frozen=True)
class Finding:
    """One validator complaint."""

    tool: str
    rule: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.tool} {self.rule} ({self.severity}): {self.message}"


def verapdf_failures(path: str | Path) -> list[Finding]:
    """Every failed rule of veraPDF's PDF/UA-1 profile (``page.validate_pdf(path, profile="ua1")``)."""
    import page

    result = page.validate_pdf(str(path), profile="ua1")
    findings = [Finding("page-validation", f.rule_id, "error", f.message) for f in result.failures]
    if not result.is_compliant and not findings:
        findings.append(Finding("page-validation", "?", "error", "not compliant, no rule named"))
    return findings


def outloud_findings(path: str | Path) -> list[Finding]:
    """outloud's findings of level warning and error (its JSON report), run as ``python -m outloud``'s
    console script next to this interpreter."""
    executable = Path(sys.executable).with_name("outloud")
    if not executable.is_file():
        raise FileNotFoundError(f"outloud is not installed next to {sys.executable}")
    run = subprocess.run(
        [str(executable), "--json", "-", "--fail-on", "never", "-q", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report = json.loads(run.stdout[run.stdout.index("{") :])
    findings = []
    for result in report["results"]:
        if result.get("error"):
            findings.append(Finding("outloud", "run", "error", str(result["error"])))
        for finding in result["findings"]:
            if finding["severity"] in ("error", "warning"):
                findings.append(Finding("outloud", finding["rule"], finding["severity"], finding["message"]))
    return findings
