"""The benchmark (``make bench``) keeps working: its smallest path runs, its synthetic projects build, and
its measuring counts what it claims to. Nothing here times anything."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.measure import ProcessFailed, Sample, alternate, run_process, summarize
from benchmarks.peers import outputs_by_kind, peer_total
from benchmarks.synthetic import make_project
from tests.conftest import REPO, run_cli

MIB = 1024 * 1024


def test_the_quick_dry_run_makes_the_projects_and_lists_every_row(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--dry-run", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    help_text = subprocess.run(
        [sys.executable, str(REPO / "export.py"), "--help"], capture_output=True, text=True, check=True
    ).stdout
    flags = f"--force {'yes' if '--force' in help_text else 'no'}, --jobs {'yes' if '--jobs' in help_text else 'no'}"
    assert f"export.py flags: {flags}" in done.stdout
    for size in ("1 handout:", "10 handouts:"):
        assert size in done.stdout
    for row in (
        "text, one output vs pandoc",
        "epub, one output vs pandoc",
        "PDF, one output vs WeasyPrint",
        "full build",
    ):
        assert row in done.stdout
    assert len(list((tmp_path / "project-10" / "source").glob("*.md"))) == 10


def test_a_synthetic_project_holds_copies_of_the_real_handout_that_build(tmp_path: Path) -> None:
    project = make_project(REPO, tmp_path / "synthetic", 2)
    base = (REPO / "source" / "stage-4-lung-cancer.md").read_bytes()
    assert [project.source(slug).read_bytes() for slug in project.slugs] == [base, base]
    assert set(project.catalog_dirs) == {p.parent.parent.name for p in REPO.glob("locales/*/LC_MESSAGES/stage-4*.po")}
    code, output = run_cli(project.root, "--quiet", "--format", "text")
    assert code == 0, output
    assert "skipped 0, failed 0" in output
    assert (project.output / "es" / f"{project.slugs[1]}.txt").is_file()


def test_the_po_edit_changes_one_letter_each_time_and_the_catalog_still_builds(tmp_path: Path) -> None:
    project = make_project(REPO, tmp_path / "synthetic", 1)
    edit = project.edit()
    before = edit.path.read_text(encoding="utf-8")
    edit.apply()
    after = edit.path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0].swapcase() == changed[0][1]
    lang = edit.path.parent.parent.name
    code, output = run_cli(project.root, "--quiet", "--format", "text", "--lang", lang)
    assert code == 0 and "skipped 0, failed 0" in output, output
    edit.apply()
    assert edit.path.read_text(encoding="utf-8") == before


def test_peak_memory_counts_a_grandchild_of_the_measured_process() -> None:
    grandchild = "b = bytearray(96 << 20); import time; time.sleep(0.6)"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}], check=True)"
    sample = run_process([sys.executable, "-c", child], sample_memory=True, env=dict(os.environ))
    assert sample.peak_rss >= 96 * MIB


def test_peak_memory_counts_a_child_between_its_fork_and_its_exec_once() -> None:
    # A worker that starts a program (liblouis for braille) forks first: until the exec the child holds
    # the worker's own pages, and a sample in that moment must not count the worker twice.
    forker = (
        "import os, time; b = bytearray(160 << 20); b[::4096] = b'x' * len(b[::4096]); pid = os.fork()\n"
        "if pid == 0:\n    time.sleep(0.8); os._exit(0)\n"
        "os.waitpid(pid, 0)"
    )
    sample = run_process([sys.executable, "-c", forker], sample_memory=True, env=dict(os.environ))
    assert 160 * MIB <= sample.peak_rss < 240 * MIB


def test_a_failing_command_is_an_error_not_a_figure(tmp_path: Path) -> None:
    with pytest.raises(ProcessFailed, match="exit status 3"):
        run_process([sys.executable, "-c", "print('broken'); raise SystemExit(3)"], log=tmp_path / "log")


def test_cases_alternate_in_order_after_one_warm_up_each() -> None:
    calls: list[str] = []

    def case(name: str) -> Callable[[], Sample]:
        def run() -> Sample:
            calls.append(name)
            return Sample(1.0, 1.0)

        return run

    samples = alternate({"a": case("a"), "b": case("b")}, 2)
    assert calls == ["a", "b", "a", "b", "a", "b"]
    assert {name: len(runs) for name, runs in samples.items()} == {"a": 2, "b": 2}
    assert summarize([Sample(3.0, 1.0), Sample(1.0, 5.0), Sample(2.0, 3.0)]) == summarize(
        [Sample(2.0, 3.0), Sample(1.0, 1.0), Sample(3.0, 5.0)]
    )


def test_peer_calls_are_counted_from_the_outputs_and_a_kind_without_a_peer_is_not_a_figure(tmp_path: Path) -> None:
    project = make_project(REPO, tmp_path / "synthetic", 2)
    for lang in ("en", "ar"):
        folder = project.output / lang
        folder.mkdir(parents=True)
        for slug in project.slugs:
            for suffix in (".txt", ".sms.txt", ".sms.json", ".pdf"):
                (folder / f"{slug}{suffix}").write_bytes(b"")
        (folder / "lung-cancer-handouts.epub").write_bytes(b"")
    kinds = outputs_by_kind(project)
    assert kinds == {"text": 4, "sms": 4, "pdf@en": 2, "pdf@ar": 2, "collection-epub": 2}
    one = summarize([Sample(1.0, 2.0)])
    total, note = peer_total(kinds, dict.fromkeys(kinds, one))
    assert total is not None and (total.cpu, total.wall) == (14.0, 28.0) and note == "14 peer calls"
    missing, why = peer_total(kinds, {kind: one for kind in kinds if kind != "pdf@ar"})
    assert missing is None and "pdf@ar" in why
