"""Reading a hostile fixture folder (``tests/data/hostile/<kind>/``) the way the build does, for the
hostile suites: the problems a handout, a catalog or a configuration gives, as the messages print."""

from __future__ import annotations

import shutil
from pathlib import Path

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
