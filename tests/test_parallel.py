"""Parallel builds: ``--jobs 2`` writes the bytes ``--jobs 1`` writes and prints the same progress lines
and summary in the same order; a job whose worker process is killed, or hangs, fails alone."""

from __future__ import annotations

import os
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

SLEEPER = """
import time

from handoutkit.exporter import OutputFile


class SleeperExporter:
    name = "sleeper"
    description = "Never finishes the handout 'other' (a hang the build must survive)."
    suffixes = (".sleep",)

    def render(self, doc, ctx):
        if doc.slug == "other":
            time.sleep(3600)
        return [OutputFile(".sleep", doc.slug.encode())]
"""


def _plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: str) -> None:
    """Install ``code`` as the distribution of exporter ``name`` (module ``<name>_exporter``)."""
    site = tmp_path / "site"
    info = site / f"{name}_exporter-1.0.dist-info"
    info.mkdir(parents=True)
    (site / f"{name}_exporter.py").write_text(code)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}-exporter\nVersion: 1.0\n")
    cls = f"{name.capitalize()}Exporter"
    (info / "entry_points.txt").write_text(f"[handoutkit.exporters]\n{name} = {name}_exporter:{cls}\n")
    monkeypatch.syspath_prepend(str(site))


def count_translations(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """How many times each handout is translated in each language from now on (in this process)."""
    counted: Counter[tuple[str, str]] = Counter()
    translate = Project.translate

    def counting(self: Project, slug: str, language: Language) -> Translation:
        if (slug, language.tag) not in self._translations:
            counted[(slug, language.tag)] += 1
        return translate(self, slug, language)

    monkeypatch.setattr(Project, "translate", counting)
    return counted


@pytest.fixture
def workers_for_any_round(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small test builds use the worker processes too (a real build keeps rounds under two PDFs' worth of
    work in its own process)."""
    monkeypatch.setattr("handoutkit.runner.MIN_PARALLEL_COST", 0.0)


def _without_timing(output: str) -> str:
    return re.sub(r" in \d+\.\d s;", " in _ s;", output)


@pytest.mark.usefixtures("workers_for_any_round")
def test_two_workers_write_the_bytes_and_lines_one_writes(tmp_path: Path) -> None:
    serial = two_handouts(tmp_path / "serial")
    parallel = two_handouts(tmp_path / "parallel")
    code_1, output_1 = run_cli(serial, "--format", FORMATS, "--jobs", "1")
    code_2, output_2 = run_cli(parallel, "--format", FORMATS, "--jobs", "2", "--force")
    assert (code_1, code_2) == (0, 0), output_2
    assert _without_timing(output_1) == _without_timing(output_2)
    assert tree(serial / "output") == tree(parallel / "output")


@pytest.mark.usefixtures("workers_for_any_round")
def test_a_killed_worker_fails_its_job_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plugin(tmp_path, monkeypatch, "killer", KILLER)
    project = two_handouts(tmp_path / "project")

    code, output = run_cli(project, "--format", "text,killer", "--jobs", "2")

    assert code == 1
    found = statuses(output)
    assert found[("other", "en", "killer")] == "failed"
    assert "FAILED  en other killer: worker process died" in output
    assert {status for job, status in found.items() if job != ("other", "en", "killer") and job[2] != "*"} == {"built"}
    assert (project / "output/en/basic.kill").read_bytes() == b"basic"
    assert (project / "output/en/other.txt").is_file()


@pytest.mark.usefixtures("workers_for_any_round")
def test_a_hung_worker_is_stopped_and_its_job_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plugin(tmp_path, monkeypatch, "sleeper", SLEEPER)
    monkeypatch.setattr("handoutkit.runner.STALL_SECONDS", 4.0)
    project = two_handouts(tmp_path / "project")

    code, output = run_cli(project, "--format", "text,sleeper", "--jobs", "2")

    assert code == 1, output
    found = statuses(output)
    assert found[("other", "en", "sleeper")] == "failed"
    assert "FAILED  en other sleeper: worker process hung" in output
    assert {status for job, status in found.items() if job != ("other", "en", "sleeper") and job[2] != "*"} == {"built"}
    assert (project / "output/en/basic.sleep").read_bytes() == b"basic"


def test_the_default_is_the_cpus_this_process_may_use() -> None:
    assert default_jobs() == len(os.sched_getaffinity(0))


def test_a_small_build_starts_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A round worth less than two PDFs runs in the build's own process, whatever ``--jobs`` says."""

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr("handoutkit.worker_pool.ProcessPoolExecutor", refused)
    project = two_handouts(tmp_path / "project")
    code, output = run_cli(project, "--format", "text", "--jobs", "2")
    assert code == 0, output


def test_each_handout_is_translated_once_per_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's translation is handed to the render jobs and the collections: no job translates again."""
    counted = count_translations(monkeypatch)
    project = two_handouts(tmp_path / "project")
    code, output = run_cli(project, "--format", f"{FORMATS},epub", "--jobs", "1")

    assert code == 0, output
    assert counted and set(counted.values()) == {1}


@pytest.mark.usefixtures("workers_for_any_round")
def test_a_build_in_chunks_with_recycled_workers_writes_the_bytes_of_one_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One handout per chunk: the workers are replaced between chunks, and the collections read the
    translations the chunks shelved; the files are those of a build in one chunk and one process."""
    whole = two_handouts(tmp_path / "whole")
    chunked = two_handouts(tmp_path / "chunked")
    code_1, output_1 = run_cli(whole, "--format", f"{FORMATS},epub", "--jobs", "1")
    monkeypatch.setattr("handoutkit.pipeline.CHUNK", 1)
    code_2, output_2 = run_cli(chunked, "--format", f"{FORMATS},epub", "--jobs", "2")
    assert (code_1, code_2) == (0, 0), output_1 + output_2
    assert tree(whole / "output") == tree(chunked / "output")


def test_collections_read_the_translations_the_chunks_shelved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counted = count_translations(monkeypatch)
    monkeypatch.setattr("handoutkit.pipeline.CHUNK", 1)
    project = two_handouts(tmp_path / "project")
    code, output = run_cli(project, "--format", f"{FORMATS},epub", "--jobs", "1")

    assert code == 0, output
    books = {path.name for path in (project / "output/en").glob("*.epub")} - {"basic.epub", "other.epub"}
    assert books, "the collection book was built"
    assert counted and set(counted.values()) == {1}


def test_a_configuration_saved_while_the_workers_load_it_fails_rather_than_publishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers_for_any_round: None
) -> None:
    # Each worker loads handoutkit.toml itself: a save while they start (put back when the round ends)
    # published another phone number under the key of the file as it is (an outsider's repro).
    from handoutkit import worker_pool

    project = two_handouts(tmp_path / "project")
    config = project / "handoutkit.toml"
    before = config.read_text(encoding="utf-8")
    assert '"+1 555 0100"' in before
    real_run = worker_pool.WorkerPool.run
    rounds = {"n": 0}

    def first_round_with_another_phone(self, tasks, pending, done):  # type: ignore[no-untyped-def]
        rounds["n"] += 1
        if rounds["n"] > 1:
            return real_run(self, tasks, pending, done)
        config.write_text(before.replace('"+1 555 0100"', '"+1 555 0199"'), encoding="utf-8")
        try:
            return real_run(self, tasks, pending, done)
        finally:
            config.write_text(before, encoding="utf-8")

    monkeypatch.setattr(worker_pool.WorkerPool, "run", first_round_with_another_phone)
    code, output = run_cli(project, "--format", FORMATS, "--jobs", "2")
    monkeypatch.undo()
    assert code == 1, output
    assert "handoutkit.toml: error: changed while this build was reading it" in output

    code, output = run_cli(project, "--format", FORMATS, "--jobs", "2")
    assert code == 0, output
    for text in (project / "output").glob("*/*.txt"):
        assert "0199" not in text.read_text(encoding="utf-8"), text
