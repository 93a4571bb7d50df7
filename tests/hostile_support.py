"""Reading a hostile fixture folder (``tests/data/hostile/<kind>/``) the way the build does, for the
hostile suites: the problems a handout, a catalog or a configuration gives, as the messages print, and
:func:`forbid`, which proves that costly work is never started (instead of timing it)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest

from exporters.pdf.options import PdfOptions
from exporters.sms.options import SmsOptions
from handoutkit.config import load_config
from handoutkit.errors import ConfigError, ProblemError
from handoutkit.reader import read_document

SCHEMAS: dict[str, type | None] = {"pdf": PdfOptions, "sms": SmsOptions}


def source_problems(root: Path, slug: str) -> list[str]:
    """The messages of ``root/source/<slug>.md``, which must not read."""
    with pytest.raises(ProblemError) as raised:
        read_document(root, slug, "en")
    return [str(problem) for problem in raised.value.problems]


def config_error(root: Path, name: str, tmp_path: Path) -> str:
    """The message of ``root/config/<name>`` read as a project's handoutkit.toml (which must not load)."""
    shutil.copy(root / "config" / name, tmp_path / "handoutkit.toml")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path, SCHEMAS)
    return str(raised.value)


def forbid(monkeypatch: pytest.MonkeyPatch, target: str, work: str) -> None:
    """Make calling ``target`` (a dotted path, as ``monkeypatch.setattr`` takes it) fail the test: the
    hostile input must be refused before ``work`` starts. This is how the suites show that such input
    fails at once, whatever the machine's load, without a timed assertion."""

    def started(*args: Any, **kwargs: Any) -> NoReturn:
        pytest.fail(f"{work} started ({target} was called): the input should have been refused before it")

    monkeypatch.setattr(target, started)
