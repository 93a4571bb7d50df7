"""The one writer: atomic, confined to its folder, and quiet when nothing changed."""

from __future__ import annotations

import os

import pytest

from handoutkit.writer import WriteError, write_atomic


def test_a_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "out" / "en" / "a.txt"
    assert write_atomic(target, b"first", inside=tmp_path / "out")
    assert write_atomic(target, b"second", inside=tmp_path / "out")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_unchanged_bytes_leave_the_file_untouched(tmp_path):
    target = tmp_path / "a.txt"
    write_atomic(target, b"same", inside=tmp_path)
    os.utime(target, (1, 1))
    assert not write_atomic(target, b"same", inside=tmp_path)
    assert target.stat().st_mtime == 1


def test_a_path_outside_the_folder_is_refused(tmp_path):
    with pytest.raises(WriteError):
        write_atomic(tmp_path / "out" / ".." / "escape.txt", b"x", inside=tmp_path / "out")
    assert not (tmp_path / "escape.txt").exists()


def test_a_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    write_atomic(target, b"good", inside=tmp_path)

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new", inside=tmp_path)
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
