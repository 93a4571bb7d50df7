"""Shared fixtures: fixture projects copied to a temporary folder, the CLI run in-process, the real
project built once per test run (shared by pytest-xdist's workers), and a guard that fails any test
which logs an unexpected warning."""

from __future__ import annotations

import contextlib
import fcntl
import io
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from handoutkit.cli import main

DATA = Path(__file__).parent / "data"
PROJECTS = DATA / "projects"
REPO = Path(__file__).resolve().parent.parent


def run_cli(project: Path, *args: str) -> tuple[int, str]:
    """Run ``export.py --project PROJECT ARGS`` in this process; returns (exit status, output)."""
    out = io.StringIO()
    code = main(["--project", str(project), *args], out=out)
    return code, out.getvalue()


@pytest.fixture
def project_copy(tmp_path: Path) -> Callable[..., Path]:
    """Copy ``tests/data/projects/<name>`` into a temporary folder and return the copy's path."""

    def copy(name: str = "basic") -> Path:
        destination = tmp_path / name
        shutil.copytree(PROJECTS / name, destination, ignore=shutil.ignore_patterns("output", "*.mo"))
        return destination

    return copy


@pytest.fixture(autouse=True)
def _no_unexpected_log_warnings(caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest):
    """A test that logs a warning (or worse) fails, unless it is marked ``allow_log_warnings``."""
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("allow_log_warnings"):
        return
    records = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    assert not records, "unexpected log records: " + "; ".join(f"{r.name}: {r.getMessage()}" for r in records)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own handouts, catalogs and configuration, built once (every format) in a temporary
    copy; returns its ``output`` folder. The build must succeed with nothing skipped or failed.

    Under pytest-xdist the first worker to ask builds it into the run's shared temporary folder while
    holding a lock; the others wait for it and use the same folder (tests only read it)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return _build_real(tmp_path_factory.mktemp("real"))
    shared = tmp_path_factory.getbasetemp().parent / "real-build"
    with _exclusive(shared.with_name("real-build.lock")):
        if not (shared / "built").is_file():
            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir()
            output = _build_real(shared)
            (shared / "built").write_text("", encoding="utf-8")
            return output
    return shared / "project" / "output"


def _build_real(folder: Path) -> Path:
    project = folder / "project"
    project.mkdir()
    for name in ("source", "locales"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "handoutkit.toml", project / "handoutkit.toml")
    code, output = run_cli(project, "--quiet")
    assert code == 0, output
    assert "skipped 0, failed 0" in output, output
    return project / "output"


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``lock`` (made if missing) until the block ends."""
    with open(lock, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
