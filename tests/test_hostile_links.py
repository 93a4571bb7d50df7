"""Symbolic links out of the project, met by the translators' commands, ``check``, ``review`` and the
withdrawal of stale outputs (issue 12, point 5): refused for writing as for reading, with a message
naming the file relative to the project, never a traceback, never a word of the file outside, and a
stale output never left published."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli

MARKER = "OUTSIDE-MARKER-5521"
CATALOG = Path("locales/es/LC_MESSAGES/basic.po")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the project, holding a catalog whose keyword msgfmt would quote."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "bad.po").write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n{MARKER} "x"\n', "utf-8"
    )
    return folder


def no_traceback(out: str) -> None:
    assert "Traceback" not in out and "WriteError" not in out, out


def test_check_never_gives_a_linked_catalog_to_msgfmt(project_copy: Callable[..., Path], outside: Path) -> None:
    project = project_copy("basic")
    (project / CATALOG).unlink()
    (project / CATALOG).symlink_to(outside / "bad.po")
    code, out = run_cli(project, "check", "--lang", "es")
    assert code == 1
    assert f"{CATALOG}: error: is a symbolic link that leads outside the project" in out
    assert MARKER not in out and "TOPSECRET" not in out and str(outside) not in out


def test_extract_refuses_to_write_through_a_linked_locales_folder(
    project_copy: Callable[..., Path], tmp_path: Path
) -> None:
    project = project_copy("basic")
    moved = tmp_path / "elsewhere"
    (project / "locales").rename(moved)
    (project / "locales").symlink_to(moved)
    before = (moved / "basic.pot").read_bytes()
    source = project / "source" / "basic.md"
    source.write_text(source.read_text("utf-8").replace("comes first.", "comes first, always."), "utf-8")
    code, out = run_cli(project, "extract")
    no_traceback(out)
    assert code == 1
    assert re.search(r"locales/basic\.pot: error: .*(leads outside|leaves the project)", out), out
    assert (moved / "basic.pot").read_bytes() == before
    assert str(tmp_path) not in out


@pytest.mark.parametrize(
    ("command", "link", "target"),
    [
        (("extract",), "locales/basic.pot", "victim.pot"),
        (("compile", "--lang", "es"), "locales/es/LC_MESSAGES/basic.mo", "victim.mo"),
    ],
)
def test_a_file_to_write_that_links_out_is_one_error_not_a_traceback(
    project_copy: Callable[..., Path], outside: Path, command: tuple[str, ...], link: str, target: str
) -> None:
    project = project_copy("basic")
    victim = outside / target
    victim.write_text("keep me", "utf-8")
    (project / link).unlink(missing_ok=True)
    (project / link).symlink_to(victim)
    source = project / "source" / "basic.md"
    source.write_text(source.read_text("utf-8").replace("comes first.", "comes first, always."), "utf-8")
    code, out = run_cli(project, *command)
    no_traceback(out)
    assert code == 1 and re.search(f"{re.escape(link)}: error: .*(leads outside|leaves the project)", out), out
    assert victim.read_text("utf-8") == "keep me"


def test_init_into_a_linked_folder_is_refused_without_a_traceback(
    project_copy: Callable[..., Path], outside: Path
) -> None:
    project = project_copy("basic")
    (outside / "ar").mkdir()
    (project / "locales" / "ar").mkdir()
    (project / "locales" / "ar" / "LC_MESSAGES").symlink_to(outside / "ar")
    code, out = run_cli(project, "init", "--lang", "ar")
    no_traceback(out)
    assert code == 1 and "locales/ar/LC_MESSAGES/" in out and "refused: it leads outside" in out
    assert list((outside / "ar").iterdir()) == []


def test_review_checks_the_reviewer_name_before_writing(project_copy: Callable[..., Path]) -> None:
    project = project_copy("basic")
    source = project / "source" / "basic.md"
    before = source.read_bytes()
    code, out = run_cli(project, "review", "--doc", "basic", "--by", "Dr X\x1b[31m", "--on", "2026-11-30")
    assert code == 1 and "--by: U+001B (a control character) is not allowed" in out
    assert "review: not recorded" in out
    assert source.read_bytes() == before


def test_a_linked_withdrawn_folder_still_takes_stale_outputs_out_of_output(
    project_copy: Callable[..., Path], outside: Path
) -> None:
    project = project_copy("basic")
    assert run_cli(project, "--lang", "en,es", "--format", "text")[0] == 0
    stale = project / "output" / "es" / "basic.txt"
    assert stale.is_file()
    (project / "output" / ".withdrawn").symlink_to(outside)
    catalog = project / CATALOG
    catalog.write_text(catalog.read_text("utf-8").replace('msgstr "Primera parte"', 'msgstr ""'), "utf-8")
    code, out = run_cli(project, "--lang", "en,es", "--format", "text", "--min-coverage", "100")
    assert code == 1, out  # the copy could not be kept: an error
    assert "output/.withdrawn: error: no copy of a withdrawn output could be kept" in out
    assert not stale.exists()  # never left published
    assert list(outside.iterdir()) == [outside / "bad.po"]
    assert out.count("output/.withdrawn") <= 2 and str(outside) not in out, out
    assert "withdrawn es basic text: output/es/basic.txt" in out and "; removed" in out


def test_a_cache_that_is_a_file_is_a_command_line_error(project_copy: Callable[..., Path], tmp_path: Path) -> None:
    project = project_copy("basic")
    cache = tmp_path / "cachefile"
    cache.write_text("not a folder", "utf-8")
    code, out = run_cli(project, "--format", "text", "--cache", str(cache))
    assert code == 2 and "export.py: error: --cache:" in out and "is not a folder" in out


def test_a_cache_object_that_links_out_is_never_published(
    project_copy: Callable[..., Path], outside: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = project_copy("basic")
    assert run_cli(first, "--lang", "en", "--format", "text", "--cache", str(cache))[0] == 0
    secret = outside / "secret.txt"
    secret.write_text(f"{MARKER}\n", "utf-8")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    for entry in (cache / "jobs").rglob("*.json"):  # every job now names the secret's digest
        data = json.loads(entry.read_text("utf-8"))
        for listed in data["files"]:
            listed["sha256"] = digest
        entry.write_text(json.dumps(data), "utf-8")
    link = cache / "objects" / digest[:2] / digest
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)

    second = tmp_path / "second"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns("output"))
    code, out = run_cli(second, "--lang", "en", "--format", "text", "--cache", str(cache))

    assert code == 0, out
    assert MARKER not in (second / "output" / "en" / "basic.txt").read_text("utf-8")


def test_a_shard_file_that_links_out_is_built_again_not_copied(
    project_copy: Callable[..., Path], outside: Path, tmp_path: Path
) -> None:
    project = project_copy("basic")
    shard = tmp_path / "shard-1"
    assert run_cli(project, "--lang", "en", "--format", "text", "--shard", "1/1", "--output", str(shard))[0] == 0
    secret = outside / "secret.txt"
    secret.write_text(f"{MARKER}\n", "utf-8")
    manifest = shard / ".handoutkit-manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    entry = next(o for o in data["outputs"] if o["format"] == "text")
    (shard / entry["files"][0]["path"]).unlink()
    (shard / entry["files"][0]["path"]).symlink_to(secret)
    entry["files"][0]["sha256"] = hashlib.sha256(secret.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data), "utf-8")

    code, out = run_cli(project, "merge", str(shard), "--lang", "en", "--format", "text")

    assert code == 0, out
    assert MARKER not in (project / "output" / "en" / "basic.txt").read_text("utf-8")
