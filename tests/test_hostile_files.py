"""Hostile and broken file-system states of the inputs (issue 12, point 5): sources, images, catalogs and the
configuration linked out, unreadable, folders or pipes (the output folder: test_hostile_output.py).

Each case builds the fixture project ``tests/data/hostile/files/project`` (two handouts, English and
Spanish) with one thing wrong, and checks: the exit status; a message naming the file; no traceback;
the other documents built; a marker kept in a file outside the project never appears in any output
or message; nothing written outside ``output/``.

Running as root, permission bits stop nothing: an unreadable file is simulated by making ``os.open``
refuse that one path (as the kernel does for a file mode 000), and a read-only folder by ``chattr +i``
(skipped where the container may not set it) or by making the temporary file's creation fail with EROFS.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from handoutkit.errors import ProblemError
from handoutkit.files import read_input
from tests.hostile_files_support import (
    EN_PO,
    EVERY_OUTPUT,
    MARKER,
    build,
    documents,
    hostile_project,  # noqa: F401 (the fixture 'hostile')
    refuse_to_open,
    without,
)

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
