"""Parallel builds: ``--jobs 2`` writes the bytes ``--jobs 1`` writes and prints the same progress lines
and summary in the same order; a job whose worker process is killed fails alone."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from handoutkit.i18n.translate import Translation
from handoutkit.languages import Language
from handoutkit.pipeline import default_jobs
from handoutkit.project import Project
from tests.conftest import run_cli
from tests.incremental_support import FORMATS, statuses, tree, two_handouts

KILLER = """
import os
import signal

from handoutkit.exporter import OutputFile


class KillerExporter:
    name = "killer"
    description = "Kills its worker process on the handout 'other' (a crash the build must survive)."
    suffixes = (".kill",)

    def render(self, doc, ctx):
        if doc.slug == "other":
            os.kill(os.getpid(), signal.SIGKILL)
        return [OutputFile(".kill", doc.slug.encode())]
"""


def _without_timing(output: str) -> str:
    return re.sub(r" in \d+\.\d s;", " in _ s;", output)


def test_two_workers_write_the_bytes_and_lines_one_writes(tmp_path: Path) -> None:
    serial = two_handouts(tmp_path / "serial")
    parallel = two_handouts(tmp_path / "parallel")
    code_1, output_1 = run_cli(serial, "--format", FORMATS, "--jobs", "1")
    code_2, output_2 = run_cli(parallel, "--format", FORMATS, "--jobs", "2", "--force")
    assert (code_1, code_2) == (0, 0), output_2
    assert _without_timing(output_1) == _without_timing(output_2)
    assert tree(serial / "output") == tree(parallel / "output")


def test_a_killed_worker_fails_its_job_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    (site / "killer_exporter-1.0.dist-info").mkdir(parents=True)
    (site / "killer_exporter.py").write_text(KILLER)
    (site / "killer_exporter-1.0.dist-info/METADATA").write_text(
        "Metadata-Version: 2.1\nName: killer-exporter\nVersion: 1.0\n"
    )
    (site / "killer_exporter-1.0.dist-info/entry_points.txt").write_text(
        "[handoutkit.exporters]\nkiller = killer_exporter:KillerExporter\n"
    )
    monkeypatch.syspath_prepend(str(site))
    project = two_handouts(tmp_path / "project")

    code, output = run_cli(project, "--format", "text,killer", "--jobs", "2")

    assert code == 1
    found = statuses(output)
    assert found[("other", "en", "killer")] == "failed"
    assert "FAILED  en other killer: worker process died" in output
    assert {status for job, status in found.items() if job != ("other", "en", "killer") and job[2] != "*"} == {"built"}
    assert (project / "output/en/basic.kill").read_bytes() == b"basic"
    assert (project / "output/en/other.txt").is_file()


def test_one_process_is_the_default() -> None:
    """``make export`` and CI give no ``--jobs``: they build in one process, with no worker pool to hang."""
    assert default_jobs() == 1


def test_each_handout_is_translated_once_per_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's translation is handed to the render jobs and the collections: no job translates again."""
    counted: Counter[tuple[str, str]] = Counter()
    translate = Project.translate

    def counting(self: Project, slug: str, language: Language) -> Translation:
        if (slug, language.tag) not in self._translations:
            counted[(slug, language.tag)] += 1
        return translate(self, slug, language)

    monkeypatch.setattr(Project, "translate", counting)
    project = two_handouts(tmp_path / "project")
    code, output = run_cli(project, "--format", f"{FORMATS},epub", "--jobs", "1")

    assert code == 0, output
    assert counted and set(counted.values()) == {1}
