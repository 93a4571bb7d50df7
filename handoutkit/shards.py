"""Sharding a build over machines: ``--shard K/N`` builds a deterministic, cost-balanced part of it.

A shard is a set of handouts, each with every selected language and format, so that a shard decides on
its own which languages a handout is published in (the web page's language switcher links those). The
handouts are dealt heaviest first to the least loaded shard (the longest-processing-time rule, ties to
the lower shard number); a handout's cost is its source's size times the sum of its formats' costs
(:attr:`handoutkit.registry.Registered.cost`) times its languages. The same project and selection give
the same shards on every machine. Collections and the home page are made by ``merge``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Shard", "ShardError", "parse_shard", "shard_slugs"]

_SHARD = re.compile(r"^\s*(\d{1,9})\s*/\s*(\d{1,9})\s*$")


class ShardError(ValueError):
    """A ``--shard`` value that is not ``K/N`` with 1 <= K <= N."""


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


MAX_SHARDS = 10_000
"""More shards than this is a mistake (and would cost memory for nothing)."""


def parse_shard(text: str) -> Shard:
    """``3/4`` -> Shard(3, 4)."""
    match = _SHARD.match(text)
    if not match:
        raise ShardError(f"--shard: {text!r} is not K/N (for example 2/4)")
    index, count = int(match.group(1)), int(match.group(2))
    if not 1 <= index <= count:
        raise ShardError(f"--shard: {text!r}: K must be between 1 and N")
    if count > MAX_SHARDS:
        raise ShardError(f"--shard: {text!r}: N may be at most {MAX_SHARDS}")
    return Shard(index, count)


def shard_slugs(slugs: Sequence[str], source_dir: Path, weight: float, shard: Shard) -> tuple[str, ...]:
    """The handouts of ``shard``, in their given order; ``weight``: the per-byte cost of one handout
    (formats' costs times languages), the same for every handout of a selection."""

    def cost(slug: str) -> float:
        try:
            size = (source_dir / f"{slug}.md").stat().st_size
        except OSError:
            size = 0
        return (size + 1) * weight

    loads = [0.0] * shard.count
    owner: dict[str, int] = {}
    for slug in sorted(slugs, key=lambda s: (-cost(s), s)):
        target = min(range(shard.count), key=lambda k: (loads[k], k))
        loads[target] += cost(slug)
        owner[slug] = target
    return tuple(slug for slug in slugs if owner[slug] == shard.index - 1)
