"""Hostile and broken file-system states (issue 12, point 5), and builds killed mid-write.

Each case builds the fixture project ``tests/data/hostile/files/project`` (two handouts, English and
Spanish) with one thing wrong, and checks: the exit status; a message naming the file; no traceback;
the other documents built; a marker kept in a file outside the project never appears in any output
or message; nothing written outside ``output/``.

Running as root, permission bits stop nothing: an unreadable file is simulated by making ``os.open``
refuse that one path (as the kernel does for a file mode 000), and a read-only folder by ``chattr +i``
(skipped where the container may not set it) or by making the temporary file's creation fail with EROFS.
"""

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
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from handoutkit import files, writer
from handoutkit.errors import ProblemError
from handoutkit.files import read_input
from handoutkit.writer import HOLD_WRITE, remove_stale_temporaries
from tests.conftest import DATA, REPO, run_cli

FIXTURE = DATA / "hostile" / "files" / "project"
MARKER = "SECRET-MARKER-7f3a"
"""Written in every file outside the project that a hostile link points at."""

EVERY_OUTPUT = {
    f"{lang}/{name}"
    for lang in ("en", "es")
    for name in ("alpha.txt", "alpha.epub", "beta.txt", "beta.epub", "fixture-handouts.epub")
}
EN_PO = "locales/es/LC_MESSAGES"


@dataclass(frozen=True)
class Hostile:
    """A copy of the fixture project with a folder beside it, outside the project, holding secrets."""

    root: Path
    outside: Path

    def secret(self, name: str, first_line: str = "") -> Path:
        """A file outside the project holding the marker (after ``first_line``, when given)."""
        path = self.outside / name
        path.write_text(f"{first_line}\n{MARKER}\n" if first_line else f"{MARKER}\n", encoding="utf-8")
        return path

    def remove(self, relative: str) -> Path:
        """Remove a file of the project and return its path, to put something else in its place."""
        path = self.root / relative
        path.unlink()
        return path


@dataclass(frozen=True)
class Built:
    """What one build said and left in ``output/``."""

    code: int
    text: str
    outputs: set[str]
    """The files under ``output/<lang>/``, as ``en/alpha.txt``."""


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("output"))
    outside = tmp_path / "outside"
    outside.mkdir()
    return Hostile(project, outside)


def build(h: Hostile, *args: str, output: Path | None = None, formats: str = "text,epub") -> Built:
    """Build text and EPUB; checks what every case must hold: no traceback, no marker in the messages or
    any output, nothing changed outside the output folder."""
    output = output or h.root / "output"
    top = h.root.parent
    before = _tree(top, output)
    code, text = run_cli(h.root, "--format", formats, *args)
    assert _tree(top, output) == before, "the build wrote outside its output folder"
    assert "Traceback" not in text, text
    assert MARKER not in text, text
    outputs: set[str] = set()
    if output.is_dir() and not output.is_symlink():
        for path in output.rglob("*"):
            if path.is_file():
                assert MARKER.encode() not in _content(path), f"{path} holds the marker"
                relative = path.relative_to(output)
                if len(relative.parts) == 2:
                    outputs.add(relative.as_posix())
    return Built(code, text, outputs)


def _content(path: Path) -> bytes:
    """A file's bytes; for an EPUB (a zip, compressed), every entry's bytes too."""
    data = path.read_bytes()
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as book:
            data += b"".join(book.read(name) for name in book.namelist())
    return data


def _tree(folder: Path, skip: Path) -> dict[str, str]:
    """Every path under ``folder`` but ``skip`` (links not followed): its kind and content."""
    found: dict[str, str] = {}
    for current, names, file_names in os.walk(folder):
        names[:] = [n for n in names if Path(current) / n != skip]
        for name in names + file_names:
            path = Path(current) / name
            if path == skip:
                continue
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = "link to " + os.readlink(path)
            elif path.is_file():
                found[key] = path.read_bytes().hex()
            else:
                found[key] = "folder" if path.is_dir() else "other"
    return found


def without(*names: str) -> set[str]:
    return EVERY_OUTPUT - set(names)


def documents(*pairs: str) -> set[str]:
    """Every output of these documents: ``documents("es/alpha")``."""
    return {f"{pair}{suffix}" for pair in pairs for suffix in (".txt", ".epub")}


# ---------------------------------------------------------------- sources


def test_a_handout_linked_to_a_file_outside_the_project_is_refused_without_reading_it(hostile):
    target = hostile.secret("leak.md", "---\ntitle: Leaked\n---\n")
    (hostile.root / "source" / "leak.md").symlink_to(target)
    result = build(hostile)
    assert result.code == 1
    assert "source/leak.md: error: is a symbolic link that leads outside the project" in result.text
    assert str(hostile.outside) not in result.text
    assert result.outputs == EVERY_OUTPUT


def test_a_handout_linked_inside_the_project_is_read(hostile):
    (hostile.root / "drafts").mkdir()
    (hostile.root / "source" / "alpha.md").rename(hostile.root / "drafts" / "alpha.md")
    (hostile.root / "source" / "alpha.md").symlink_to(Path("..") / "drafts" / "alpha.md")
    result = build(hostile)
    assert result.code == 0, result.text
    assert result.outputs == EVERY_OUTPUT


def test_a_handout_under_a_source_folder_linked_outside_is_refused(hostile):
    moved = hostile.outside / "source"
    (hostile.root / "source").rename(moved)
    (moved / "alpha.md").write_text((moved / "alpha.md").read_text("utf-8") + f"\n{MARKER}\n", "utf-8")
    (hostile.root / "source").symlink_to(moved)
    result = build(hostile)
    assert result.code == 1
    assert "source/alpha.md: error: is reached through a symbolic link that leaves the project" in result.text
    assert "source/beta.md: error: is reached through a symbolic link that leaves the project" in result.text
    assert result.outputs == set()


def test_a_handout_that_is_a_folder_fails_alone(hostile):
    (hostile.root / "source" / "gamma.md").mkdir()
    result = build(hostile)
    assert result.code == 1
    assert "source/gamma.md: error: is a folder, not a file [input-file]" in result.text
    assert result.outputs == EVERY_OUTPUT


def test_an_unreadable_handout_fails_alone(hostile, monkeypatch):
    refuse_to_open(monkeypatch, hostile.root / "source" / "beta.md")
    result = build(hostile, "--jobs", "1")  # in this process, where the refusal is patched in
    assert result.code == 1
    assert "source/beta.md: error: cannot be read: permission denied [input-file]" in result.text
    assert result.outputs == without(*documents("en/beta", "es/beta"))


def test_a_named_pipe_in_place_of_a_handout_fails_alone_without_waiting(hostile):
    # Text only: the collection's input digests (published.py) still open every source/*.md for reading.
    os.mkfifo(hostile.root / "source" / "gamma.md")
    result = build(hostile, formats="text")
    assert result.code == 1
    assert "source/gamma.md: error: is not a regular file" in result.text
    assert result.outputs == {o for o in EVERY_OUTPUT if o.endswith(".txt")}


def test_a_broken_link_in_place_of_a_handout_fails_alone(hostile):
    (hostile.root / "source" / "gamma.md").symlink_to("nowhere.md")
    result = build(hostile)
    assert result.code == 1
    assert "source/gamma.md: error: does not exist [input-file]" in result.text
    assert result.outputs == EVERY_OUTPUT


def test_a_loop_of_links_in_place_of_a_handout_fails_alone(hostile):
    (hostile.root / "source" / "gamma.md").symlink_to("delta.md")
    (hostile.root / "source" / "delta.md").symlink_to("gamma.md")
    result = build(hostile)
    assert result.code == 1
    assert "source/gamma.md: error: is a symbolic link that could not be followed" in result.text
    assert "source/delta.md: error: is a symbolic link that could not be followed" in result.text
    assert result.outputs == EVERY_OUTPUT


def test_a_badly_named_handout_fails_alone(hostile):
    shutil.copy(hostile.root / "source" / "alpha.md", hostile.root / "source" / "UPPER.md")
    result = build(hostile)
    assert result.code == 1
    assert "source/UPPER.md: error: a handout's file name must be lowercase letters" in result.text
    assert result.outputs == EVERY_OUTPUT


def test_a_file_name_with_control_and_undecodable_bytes_is_shown_escaped(hostile):
    name = os.fsdecode(b"bad\x1b[2J\xff.md")
    shutil.copy(hostile.root / "source" / "alpha.md", hostile.root / "source" / name)
    result = build(hostile)
    assert result.code == 1
    assert "source/bad\\u001b[2J\\udcff.md: error: a handout's file name must be" in result.text
    assert "\x1b" not in result.text
    assert result.outputs == EVERY_OUTPUT


def test_an_image_linked_outside_the_source_folder_fails_its_handout_alone(hostile):
    (hostile.root / "source" / "images").mkdir()
    (hostile.root / "source" / "images" / "dot.svg").symlink_to(hostile.secret("dot.svg", "<svg/>"))
    alpha = hostile.root / "source" / "alpha.md"
    alpha.write_text(alpha.read_text("utf-8") + "\n![A dot](images/dot.svg)\n", "utf-8")
    result = build(hostile)
    assert result.code == 1
    line = len(alpha.read_text("utf-8").splitlines())
    assert f"source/alpha.md:{line}: error: image 'images/dot.svg' points outside the source/ folder" in result.text
    assert result.outputs == without(*documents("en/alpha", "es/alpha"))


# ---------------------------------------------------------------- catalogs and configuration


def test_a_catalog_linked_to_a_file_outside_the_project_is_refused_without_echoing_it(hostile):
    hostile.remove(f"{EN_PO}/alpha.po").symlink_to(hostile.secret("passwd", "root:x:0:0:root:/root:/bin/bash"))
    result = build(hostile)
    assert result.code == 1
    assert f"{EN_PO}/alpha.po: error: is a symbolic link that leads outside the project" in result.text
    assert "root:x" not in result.text
    assert result.outputs == without(*documents("es/alpha"))


def test_a_ui_catalog_linked_outside_fails_its_language_alone(hostile):
    hostile.remove(f"{EN_PO}/ui.po").symlink_to(hostile.secret("ui.po"))
    result = build(hostile)
    assert result.code == 1
    assert f"{EN_PO}/ui.po: error: is a symbolic link that leads outside the project" in result.text
    assert result.outputs == {o for o in EVERY_OUTPUT if o.startswith("en/")}


def test_a_catalog_that_is_a_folder_fails_alone(hostile):
    hostile.remove(f"{EN_PO}/beta.po").mkdir()
    result = build(hostile)
    assert result.code == 1
    assert f"{EN_PO}/beta.po: error: is a folder, not a file [input-file]" in result.text
    assert result.outputs == without(*documents("es/beta"))


def test_an_unreadable_catalog_fails_alone(hostile, monkeypatch):
    refuse_to_open(monkeypatch, hostile.root / EN_PO / "beta.po")
    result = build(hostile, "--jobs", "1")  # in this process, where the refusal is patched in
    assert result.code == 1
    assert f"{EN_PO}/beta.po: error: cannot be read: permission denied [input-file]" in result.text
    assert result.outputs == without(*documents("es/beta"))


def test_a_configuration_linked_outside_the_project_is_refused(hostile):
    hostile.remove("handoutkit.toml").symlink_to(hostile.secret("settings.toml", 'source_language = "en"'))
    result = build(hostile)
    assert result.code == 2
    assert "handoutkit.toml: error: is a symbolic link that leads outside the project" in result.text
    assert result.outputs == set()


def test_an_input_larger_than_its_limit_is_refused_before_it_is_read_whole(hostile):
    path = hostile.root / "source" / "alpha.md"
    assert read_input(path, "source/alpha.md", root=hostile.root, limit=path.stat().st_size) == path.read_bytes()
    with pytest.raises(ProblemError) as raised:
        read_input(path, "source/alpha.md", root=hostile.root, limit=10)
    assert str(raised.value).startswith("source/alpha.md: error: is larger than the limit of 10 bytes")


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


# ---------------------------------------------------------------- helpers


def refuse_to_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make opening ``path`` fail as for a file without read permission (root ignores mode 000)."""
    opening = os.open
    refused = path.resolve()

    def open_(file: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if Path(file).resolve() == refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return opening(file, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", open_)
