"""Hostile and broken output folders (issue 12, point 5), and builds killed mid-write: an output folder
linked, misplaced, read-only or a file; a language folder or an output that is something else;
temporary files of interrupted writes. The fixture and its checks: tests/hostile_files_support.py."""

from __future__ import annotations

import errno
import fcntl
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handoutkit import writer
from handoutkit.writer import HOLD_WRITE, remove_stale_temporaries
from tests.conftest import REPO, run_cli
from tests.hostile_files_support import (
    EVERY_OUTPUT,
    FIXTURE,
    build,
    hostile_project,  # noqa: F401 (the fixture 'hostile')
    without,
)

# ---------------------------------------------------------------- the output folder


def test_an_output_folder_linked_outside_the_project_is_refused(hostile):
    (hostile.root / "output").symlink_to(hostile.outside, target_is_directory=True)
    result = build(hostile)
    assert result.code == 2
    assert "output: error: the output folder is a symbolic link that leads outside the project" in result.text
    assert list(hostile.outside.iterdir()) == []


def test_an_output_folder_given_with_output_may_be_outside_the_project(hostile):
    elsewhere = hostile.outside / "site"
    result = build(hostile, "--output", str(elsewhere), output=elsewhere)
    assert result.code == 0, result.text
    assert result.outputs == EVERY_OUTPUT
    assert not (hostile.root / "output").exists()


@pytest.mark.parametrize("folder", ["source", "locales/es", "."])
def test_an_output_folder_among_the_project_files_is_refused(hostile, folder):
    result = build(hostile, "--output", str(hostile.root / folder))
    assert result.code == 2
    assert "error: the output folder would put outputs among the project's own files" in result.text


def test_an_output_that_is_a_file_is_refused(hostile):
    (hostile.root / "output").write_text("not a folder\n", "utf-8")
    result = build(hostile)
    assert result.code == 2
    assert "output: error: the output folder is a file, not a folder" in result.text
    assert (hostile.root / "output").read_text("utf-8") == "not a folder\n"


def test_a_read_only_output_folder_is_refused(hostile):
    output = hostile.root / "output"
    output.mkdir()
    if subprocess.run(["chattr", "+i", str(output)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        result = build(hostile)
    finally:
        subprocess.run(["chattr", "-i", str(output)], check=True)
    assert result.code == 2
    assert "output: error: the output folder is read-only" in result.text


def test_a_read_only_language_folder_fails_its_outputs_alone(hostile, monkeypatch):
    creating = writer._new_temporary
    read_only = (hostile.root / "output" / "es").resolve()

    def new_temporary(target: Path) -> tuple[int, str]:
        if target.parent.resolve() == read_only:
            raise OSError(errno.EROFS, "Read-only file system")
        return creating(target)

    monkeypatch.setattr(writer, "_new_temporary", new_temporary)
    result = build(hostile)
    assert result.code == 1
    assert "output/es/alpha.txt: error: cannot be written: the file system is read-only" in result.text
    assert result.outputs == {o for o in EVERY_OUTPUT if o.startswith("en/")}
    assert (hostile.root / "output" / "index.html").is_file()


def test_an_index_page_that_is_a_folder_fails_alone(hostile):
    (hostile.root / "output" / "index.html").mkdir(parents=True)
    result = build(hostile)
    assert result.code == 1
    assert "output/index.html: error: cannot be written: a folder is in its place" in result.text
    assert result.outputs == EVERY_OUTPUT


def test_an_output_file_that_is_a_folder_fails_alone(hostile):
    (hostile.root / "output" / "en" / "alpha.txt").mkdir(parents=True)
    result = build(hostile)
    assert result.code == 1
    assert "output/en/alpha.txt: error: cannot be written: a folder is in its place" in result.text
    assert "FAILED  en alpha text: writing failed" in result.text
    assert result.outputs == without("en/alpha.txt")
    assert (hostile.root / "output" / "en" / "alpha.txt").is_dir()


def test_a_file_in_place_of_a_language_folder_fails_that_language_alone(hostile):
    (hostile.root / "output").mkdir()
    (hostile.root / "output" / "es").write_text("in the way\n", "utf-8")
    result = build(hostile)
    assert result.code == 1
    assert "output/es: error: cannot be created as a folder: it is a file" in result.text
    assert result.outputs == {o for o in EVERY_OUTPUT if o.startswith("en/")}
    assert (hostile.root / "output" / "es").read_text("utf-8") == "in the way\n"


# ---------------------------------------------------------------- temporary files of interrupted writes


def test_the_next_build_removes_temporary_files_of_interrupted_writes_and_nothing_else(hostile):
    output = hostile.root / "output"
    (output / "en").mkdir(parents=True)
    stale = [output / "en" / ".alpha.txt.k2j_9xq1.tmp", output / ".index.html.abcdefgh.tmp"]
    kept = [
        output / "en" / "notes.tmp",
        output / "en" / ".alpha.txt.tmp",
        hostile.root / "source" / ".a.md.abcdefgh.tmp",
    ]
    for path in stale + kept:
        path.write_bytes(b"half a fi")
    result = build(hostile)
    assert result.code == 0, result.text
    assert "removed output/en/.alpha.txt.k2j_9xq1.tmp, left by an interrupted build" in result.text
    assert [p for p in stale if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []


def test_a_temporary_file_that_a_running_build_holds_is_left_alone(tmp_path):
    temporary = tmp_path / ".alpha.txt.abcdefgh.tmp"
    abandoned = tmp_path / "en" / ".beta.txt.12345678.tmp"
    abandoned.parent.mkdir()
    abandoned.write_bytes(b"half")
    with temporary.open("wb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert remove_stale_temporaries(tmp_path) == [abandoned]
    assert temporary.exists()
    assert remove_stale_temporaries(tmp_path) == [temporary]


def test_a_build_killed_mid_write_leaves_no_truncated_output_and_the_next_build_cleans_up(tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(FIXTURE, reference, ignore=shutil.ignore_patterns("output"))
    code, text = run_cli(reference, "--format", "text,epub", "--quiet")
    assert code == 0, text
    clean = {
        p.relative_to(reference / "output"): p.read_bytes() for p in (reference / "output").rglob("*") if p.is_file()
    }
    points = 0
    for point in range(1, len(clean) + 2):
        project = tmp_path / f"killed-{point}"
        shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("output"))
        if not kill_at_write(project, point):
            break  # this build made fewer writes than ``point``: it finished
        points += 1
        output = project / "output"
        leftovers = [p for p in output.rglob("*.tmp")]
        assert leftovers, f"write {point}: the kill left no temporary file (was it mid-write?)"
        for path in output.rglob("*"):
            if path.is_file() and path not in leftovers:
                assert path.read_bytes() == clean[path.relative_to(output)], f"write {point}: {path} differs"
        code, text = run_cli(project, "--format", "text,epub", "--quiet")
        assert code == 0, text
        assert list(output.rglob("*.tmp")) == []
        again = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
        assert again == clean
    assert points == len(clean)


def kill_at_write(project: Path, point: int) -> bool:
    """Run a real build that stops half-way through its ``point``-th write, and SIGKILL it there;
    False when the build ended before making that many writes."""
    environment = {**os.environ, HOLD_WRITE: str(point)}
    command = [sys.executable, str(REPO / "export.py"), "--project", str(project), "--format", "text,epub", "-q"]
    with subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        seen = b""
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([process.stderr], [], [], 1)
                if not ready:
                    continue
                chunk = os.read(process.stderr.fileno(), 4096)
                seen += chunk
                if f"holding write {point}".encode() in seen:
                    process.send_signal(signal.SIGKILL)
                    process.wait(10)
                    assert process.returncode == -signal.SIGKILL
                    return True
                if not chunk:
                    break
            assert process.wait(10) == 0, seen.decode(errors="replace")
            return False
        finally:
            if process.poll() is None:
                process.kill()
