"""Left-to-right runs inside right-to-left text, isolated so they print in the right order.

WeasyPrint lays out each inline box on its own and, in a right-to-left line, places the boxes from
right to left; it does not implement ``unicode-bidi: isolate``. Wrapping a Latin drug name, a dose
range or a phone number in ``<span dir="ltr">`` therefore keeps it whole and in reading order, with
the neutral characters around it (spaces, brackets, full stops) belonging to the Arabic text, which is
what isolation means. Only text whose nearest ``dir`` ancestor is ``rtl`` is touched.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

from markupsafe import Markup, escape

__all__ = ["isolate_ltr_runs", "ltr_runs"]

_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"^<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_DIR = re.compile(r"""\sdir\s*=\s*["']?(ltr|rtl)""", re.IGNORECASE)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

_STRONG_LTR = {"L", "EN"}
_STRONG_RTL = {"R", "AL", "AN"}
_OPENING = {"(": ")", "[": "]"}
NOWRAP_MAX = 30
"""Runs up to this long without a ``/`` (a dose, a drug name, a phone number) are not broken across lines."""


def ltr_runs(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into (piece, is_ltr_run) pairs.

    An LTR run starts at a left-to-right letter or a European digit (or a ``+`` right before a digit),
    takes every following character up to the next right-to-left one, and ends at its last letter or
    digit, or at a closing bracket whose opening bracket it holds. A run of digits alone, with nothing
    between them, needs no help and is left as it is.
    """
    pieces: list[tuple[str, bool]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        cls = unicodedata.bidirectional(text[i])
        plus = text[i] == "+" and i + 1 < n and unicodedata.bidirectional(text[i + 1]) == "EN"
        if cls not in _STRONG_LTR and not plus:
            i += 1
            continue
        last_strong = i
        j = i
        while j < n and unicodedata.bidirectional(text[j]) not in _STRONG_RTL:
            if unicodedata.bidirectional(text[j]) in _STRONG_LTR:
                last_strong = j
            j += 1
        end = last_strong + 1
        opened = i > 0 and text[i - 1] in _OPENING
        run_start = i - 1 if opened and _OPENING[text[i - 1]] in text[i:j] else i
        if end < j and text[end] in _OPENING.values() and _matching_open(text[run_start:end], text[end]):
            end += 1
        run = text[run_start:end]
        if _needs_isolation(run):
            if run_start > start:
                pieces.append((text[start:run_start], False))
            pieces.append((run, True))
            start = end
        i = max(end, i + 1)
    if start < n:
        pieces.append((text[start:], False))
    return pieces


def _matching_open(run: str, closing: str) -> bool:
    opening = next(o for o, c in _OPENING.items() if c == closing)
    return run.count(opening) > run.count(closing)


def _needs_isolation(run: str) -> bool:
    """False for a run of European digits alone, which prints in order without help."""
    return any(unicodedata.bidirectional(c) != "EN" for c in run)


def isolate_ltr_runs(html: Markup, base_direction: str) -> Markup:
    """``html`` with every LTR run in right-to-left text wrapped in ``<span dir="ltr">``.

    ``html`` must be markup this package made (escaped text, quoted attributes, void elements closed or
    known), which is what makes splitting it at tags safe. Text inside ``<head>``, ``<style>`` and
    ``<title>`` is left alone.
    """
    if base_direction != "rtl" and not _DIR.search(html):
        return html
    out: list[str] = []
    stack: list[tuple[str, str]] = []
    skip = 0
    for part in _TAG.split(str(html)):
        if not part:
            continue
        if part.startswith("<"):
            out.append(part)
            name_match = _NAME.match(part)
            if part.startswith(("<!", "<?")) or not name_match:
                continue
            name = name_match.group(1).lower()
            if part.lstrip("< \t").startswith("/"):
                while stack:
                    top, _ = stack.pop()
                    if top == name:
                        break
                if name in ("head", "style", "title", "script"):
                    skip = max(0, skip - 1)
                continue
            if name in _VOID or part.endswith("/>"):
                continue
            direction = _DIR.search(part)
            current = stack[-1][1] if stack else base_direction
            stack.append((name, direction.group(1).lower() if direction else current))
            if name in ("head", "style", "title", "script"):
                skip += 1
            continue
        direction = stack[-1][1] if stack else base_direction
        if skip or direction != "rtl":
            out.append(part)
            continue
        for piece, is_run in ltr_runs(unescape(part)):
            text = str(escape(piece))
            if not is_run:
                out.append(text)
                continue
            css_class = "ltr nowrap" if len(piece) <= NOWRAP_MAX and "/" not in piece else "ltr"
            out.append(f'<span dir="ltr" class="{css_class}">{text}</span>')
    return Markup("".join(out))
