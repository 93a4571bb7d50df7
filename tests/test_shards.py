"""Sharded builds: four ``--shard K/4`` builds, run as four processes at once, merged with ``merge``, give
the bytes of one build; a shared ``--cache`` lets a later build reuse what a shard made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, run_cli
from tests.incremental_support import FORMATS, statuses, tree, two_handouts

EPUB_FORMATS = FORMATS + ",epub"


def test_four_shards_merged_are_one_build(tmp_path: Path) -> None:
    shards = [two_handouts(tmp_path / f"shard-{k}") for k in range(1, 5)]
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                str(REPO / "export.py"),
                "--project",
                str(shard),
                "--format",
                EPUB_FORMATS,
                "--shard",
                f"{k}/4",
                "--jobs",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for k, shard in enumerate(shards, start=1)
    ]
    for run in runs:
        output, _ = run.communicate(timeout=300)
        assert run.returncode == 0, output
    merged = two_handouts(tmp_path / "merged")
    code, output = run_cli(merged, "merge", *(str(s / "output") for s in shards), "--format", EPUB_FORMATS)
    assert code == 0, output
    assert "built" not in {s for (n, _, f), s in statuses(output).items() if n in ("basic", "other")}
    single = two_handouts(tmp_path / "single")
    code, output = run_cli(single, "--format", EPUB_FORMATS, "--jobs", "1")
    assert code == 0, output
    assert tree(merged / "output") == tree(single / "output")


def test_a_shard_builds_a_part_and_no_collection(tmp_path: Path) -> None:
    parts = []
    for k in (1, 2):
        project = two_handouts(tmp_path / f"p{k}")
        code, output = run_cli(project, "--format", FORMATS, "--shard", f"{k}/2", "--jobs", "1")
        assert code == 0, output
        parts.append({name for name, _, _ in statuses(output)})
    assert parts[0] | parts[1] == {"basic", "other"}
    assert not parts[0] & parts[1]


def test_the_shared_cache_serves_a_later_build(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = two_handouts(tmp_path / "first")
    code, output = run_cli(first, "--format", FORMATS, "--cache", str(cache), "--jobs", "1")
    assert code == 0, output
    second = two_handouts(tmp_path / "second")
    code, output = run_cli(second, "--format", FORMATS, "--cache", str(cache), "--jobs", "1")
    assert code == 0, output
    assert "built" not in set(statuses(output).values())
    assert "from the cache" in set(statuses(output).values())
    assert tree(first / "output") == tree(second / "output")
