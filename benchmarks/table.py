"""The benchmark's table: its rows, grouped in sections, printed as ratios of ours to the base."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks.measure import ProcessFailed, Summary

__all__ = ["MIB", "Row", "Section", "attempt", "memory_growth", "print_table", "ratio"]

MIB = 1024 * 1024


@dataclass
class Row:
    """One line of the table."""

    label: str
    ours: Summary | None = None
    base: Summary | None = None
    note: str = ""
    memory: bool = False


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:7.2f}×" if base > 0 else "      -"


def print_table(sections: Sequence[Section], header: Sequence[str]) -> None:
    for line in header:
        print(line)
    width = max((len(row.label) for section in sections for row in section.rows), default=20) + 2
    print()
    print(f"{'':{width}}{'CPU':>9}{'wall':>9}   {'ours CPU / wall':>17}   {'base CPU / wall':>17}")
    for section in sections:
        print(section.title)
        for row in section.rows:
            label = f"  {row.label}"
            if row.memory and row.ours is not None:
                print(f"{label:{width}}{row.ours.peak_rss / MIB:8.0f} MiB peak (summed RSS of the tree)")
            elif row.ours is None or row.base is None:
                print(f"{label:{width}}  {row.note or 'not available'}")
            else:
                ours, base = row.ours, row.base
                print(
                    f"{label:{width}}{ratio(ours.cpu, base.cpu):>9}{ratio(ours.wall, base.wall):>9}"
                    f"   {ours.cpu:7.2f} / {ours.wall:6.2f} s   {base.cpu:7.2f} / {base.wall:6.2f} s"
                    + (f"   ({row.note})" if row.note else "")
                )
        sys.stdout.flush()


def memory_growth(sizes: Sequence[int], fulls: dict[int, Summary], what: str = "full build") -> Row | None:
    """Peak RSS of the largest project vs that at 10 handouts (or the smallest, when 10 was not run)."""
    measured = sorted(size for size in sizes if size in fulls)
    if len(measured) < 2:
        return None
    small = 10 if 10 in measured and measured[-1] != 10 else measured[0]
    large = measured[-1]
    ours, base = fulls[large], fulls[small]
    row = Row(f"peak RSS at {large} vs {small} handouts ({what})")
    row.note = f"{ours.peak_rss / base.peak_rss:.2f}× ({ours.peak_rss / MIB:.0f} vs {base.peak_rss / MIB:.0f} MiB)"
    return row


def attempt(label: str, rows: Callable[..., Row | list[Row]], *args: Any) -> list[Row]:
    """The rows ``rows(*args)`` makes, or one row saying that a command it timed failed."""
    try:
        made = rows(*args)
        return made if isinstance(made, list) else [made]
    except ProcessFailed as error:
        return [Row(label, note=f"failed: {str(error).splitlines()[0]}")]
