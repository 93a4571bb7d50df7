"""Navigation: the outline (bookmarks) against the headings of the structure tree."""

from __future__ import annotations

import re
from pathlib import Path

from tests.pdfchecks.reading import element_text, open_pdf, structure


def outline(path: str | Path) -> list[tuple[int, str]]:
    """The bookmarks as (level, title), in order."""
    found: list[tuple[int, str]] = []

    def visit(items: list, level: int) -> None:
        for item in items:
            found.append((level, str(item.title)))
            visit(item.children, level + 1)

    with open_pdf(path).open_outline() as root:
        visit(root.root, 1)
    return found


def headings(path: str | Path) -> list[tuple[int, str]]:
    """The headings of the structure tree as (level, text); the text in pdfplumber's (visual) order."""
    return [(int(e.type[1]), element_text(path, e)) for e in structure(path).walk() if re.fullmatch(r"H[1-6]", e.type)]


def same_text(a: str, b: str) -> bool:
    """True when two strings hold the same characters, ignoring spaces and order (right-to-left text
    comes out of a PDF in visual order)."""
    return sorted(re.sub(r"\s", "", a)) == sorted(re.sub(r"\s", "", b))


def outline_failures(path: str | Path) -> list[str]:
    """The outline lists every heading, with its level and text."""
    marks, heads = outline(path), headings(path)
    if len(marks) != len(heads):
        return [f"{len(marks)} bookmarks for {len(heads)} headings"]
    return [
        f"bookmark {i + 1} {mark!r} does not match heading {head!r}"
        for i, (mark, head) in enumerate(zip(marks, heads, strict=True))
        if mark[0] != head[0] or not same_text(mark[1], head[1])
    ]
