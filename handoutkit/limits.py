"""Size limits on untrusted input, ``[limits]`` in ``handoutkit.toml``, and the checks that apply them.

Every limit is far above what real handouts need (the largest shipped handout is 14 kB, the largest
catalog 70 kB, the deepest nesting 3), and low enough that hostile input fails in seconds: markdown-it
parses some inline Markdown in quadratic time (``[`` x 500,000 takes 11 s), and PyYAML composes nested
collections recursively (10,000 levels raise ``RecursionError``), so sizes and depths are checked before
those parsers run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handoutkit.errors import Problem
from handoutkit.model import Origin
from handoutkit.options import option

__all__ = [
    "AMPLIFICATION_FLOOR",
    "DEFAULT_LIMITS",
    "MAX_NESTING",
    "Limits",
    "amplification_problem",
    "block_nesting_problem",
    "size_problem",
]

MAX_NESTING = 20
"""markdown-it's own nesting limit (``maxNesting`` of its CommonMark preset): deeper blocks are not
parsed as blocks, so a configured ``nesting`` cannot be above it."""
AMPLIFICATION_FLOOR = 1_000_000
"""Outputs of up to this many bytes are never refused as amplified (a short handout gets a long masthead)."""


@dataclass(frozen=True, slots=True)
class Limits:
    """``[limits]``: how large and how deep untrusted input may be."""

    handout_bytes: int = field(
        default=1_000_000,
        metadata=option("Largest handout (`source/<slug>.md`) in bytes", minimum=1_000, maximum=50_000_000),
    )
    catalog_bytes: int = field(
        default=5_000_000,
        metadata=option("Largest catalog (`.po` file) in bytes", minimum=1_000, maximum=100_000_000),
    )
    message_bytes: int = field(
        default=50_000,
        metadata=option(
            "Largest single message in bytes: one paragraph, heading or front matter text of a handout, or one "
            "msgid or msgstr of a catalog",
            minimum=100,
            maximum=5_000_000,
        ),
    )
    nesting: int = field(
        default=16,
        metadata=option(
            "Deepest nesting: lists and quotes inside each other, emphasis, links and spans inside each other, "
            "front matter values inside each other",
            minimum=2,
            maximum=MAX_NESTING,
        ),
    )
    amplification: int = field(
        default=50,
        metadata=option(
            "Largest ratio of an output's bytes to the bytes of its sources (handout and catalogs); outputs "
            f"up to {AMPLIFICATION_FLOOR // 1_000_000} MB are never refused",
            minimum=2,
            maximum=10_000,
        ),
    )


DEFAULT_LIMITS = Limits()


def size_problem(size: int, limit: int, origin: Origin, kind: str, what: str, key: str) -> Problem | None:
    """A problem when ``size`` bytes of ``what`` exceed ``limit`` (``key``: its ``[limits]`` key), else None."""
    if size <= limit:
        return None
    message = f"{what} is {size:,} bytes, more than the limit of {limit:,} ([limits] {key} in handoutkit.toml)"
    return Problem(kind, origin, message)


def amplification_problem(
    rendered_bytes: int, source_bytes: int, origin: Origin, output: str, limits: Limits = DEFAULT_LIMITS
) -> Problem | None:
    """A problem when an output (``output``, its name) of ``rendered_bytes`` is more than
    ``limits.amplification`` times its sources' ``source_bytes`` and over :data:`AMPLIFICATION_FLOOR`:
    a short input that expands hugely (``{description}`` x 100,000 in a msgstr) is refused, not written.
    ``origin``: the input the problem is reported against (the catalog, or the handout)."""
    if rendered_bytes <= AMPLIFICATION_FLOOR or rendered_bytes <= limits.amplification * max(source_bytes, 1):
        return None
    ratio = rendered_bytes / max(source_bytes, 1)
    message = (
        f"{output} would be {rendered_bytes:,} bytes, {ratio:,.0f} times its sources' {source_bytes:,}: more than "
        f"the limit of {limits.amplification} ([limits] amplification in handoutkit.toml)"
    )
    return Problem("amplification", origin, message)


_CONTAINER = re.compile(r" {0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?")
"""One block-container marker at the start of what is left of a line: a quote, or a list item."""


def block_nesting_problem(text: str, path: str, limit: int, first_line: int = 1) -> Problem | None:
    """The first line of Markdown ``text`` whose lists and quotes are nested deeper than ``limit``, as a
    problem, or None. An estimate made on the text, before markdown-it parses it: each line counts the
    quote and list markers it starts with, plus the list items its indentation continues."""
    open_items: list[int] = []  # the content column of each list item the current line may be inside
    for number, line in enumerate(text.split("\n"), start=first_line):
        expanded = line.expandtabs(4)
        stripped = expanded.lstrip(" ")
        if not stripped:
            continue
        indent = len(expanded) - len(stripped)
        while open_items and open_items[-1] > indent:
            open_items.pop()
        depth, position = len(open_items), indent
        while depth <= limit and (marker := _CONTAINER.match(expanded, position)) is not None:
            position = marker.end()
            depth += 1
            if not marker.group(0).lstrip(" ").startswith(">") and depth - 1 == len(open_items):
                open_items.append(position)
        if depth > limit:
            return Problem(
                "nesting",
                Origin(path, number),
                f"lists and quotes are nested more than {limit} deep ([limits] nesting in handoutkit.toml)",
            )
    return None
