"""What a build is asked to do and what it reports: its options, one outcome per output, the report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handoutkit.errors import Problem
from handoutkit.published import Withdrawal
from handoutkit.shards import Shard

__all__ = ["BuildOptions", "BuildReport", "Outcome", "Progress", "Status"]

Status = Literal["built", "skipped", "failed"]


@dataclass(frozen=True)
class BuildOptions:
    """How to build: in how many processes, reusing what, which part."""

    jobs: int = 1
    """Worker processes (1: everything in this process)."""
    force: bool = False
    """Run every job, even those whose outputs are up to date."""
    shard: Shard | None = None
    """Build only this part of the documents (no collections: ``merge`` makes them)."""
    cache: Path | None = None
    """A shared cache folder (``--cache DIR``)."""
    shards: tuple[Path, ...] = ()
    """Output folders of shards whose results this build takes (``merge``)."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one document (or collection) in one language and format."""

    name: str
    """The document's slug, or the collection's file name."""
    lang: str
    format: str
    status: Status
    files: tuple[Path, ...] = ()
    reason: str = ""
    problems: tuple[Problem, ...] = ()
    note: str = ""
    """The reason, short, for the index page (``translation 77% complete``); the reason when empty."""
    reused: str = ""
    """Why it was not rendered by this build: ``up to date``, ``from the cache``, ``from a shard``."""


@dataclass
class BuildReport:
    """Everything a build did."""

    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    withdrawn: list[Withdrawal] = field(default_factory=list)
    """Outputs of earlier builds this build took out of ``output/`` (moved to ``output/.withdrawn/``)."""

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def skipped(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "skipped"]

    @property
    def ok(self) -> bool:
        return not self.failed


Progress = Callable[[Outcome], None]
