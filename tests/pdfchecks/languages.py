"""Reading order of left-to-right runs on the page, and the language the tag tree gives each text.

:func:`ltr_order_failures` reads where the glyphs are drawn (pdfplumber's ``x0``), not the markup: a
phone number printed ``0147-555 (503)`` fails however it was tagged. :func:`language_failures` reads
each character's language the way assistive technology does: the ``/Lang`` of the nearest structure
element holding its marked content, else the catalog's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from tests.pdfchecks.reading import mcid_owner, open_pdf, page_chars


def visual_lines(path: str | Path) -> list[str]:
    """Each line of tagged text as printed, its characters from left to right, page by page, top
    line first."""
    lines: list[str] = []
    for chars in page_chars(path):
        by_baseline: dict[int, list[dict]] = {}
        for char in chars:
            if char.get("mcid") is not None:  # page furniture (the page number) is no line of the text
                by_baseline.setdefault(round(char["matrix"][5]), []).append(char)
        for _, row in sorted(by_baseline.items(), key=lambda item: -item[0]):
            lines.append("".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])))
    return lines


def _drawn_in_order(lines: list[str], run: str) -> bool:
    """``run`` appears left to right on one line, or cut at spaces or after hyphens over consecutive
    lines (where a line may break: "Non-" / "Small Cell")."""
    words = [piece for piece in re.split(r"(?<=-)(?=\S)|\s+", run) if piece]
    glue = [("" if word.endswith("-") else " ") for word in words]

    def joined(first: int, last: int) -> str:
        return "".join(word + glue[k] for k, word in enumerate(words[first:last], start=first)).rstrip()

    for start in range(len(lines)):
        done, index = 0, start
        while done < len(words) and index < len(lines):
            taken = next((m for m in range(len(words), done, -1) if joined(done, m) in lines[index]), done)
            if taken == done:
                break
            done, index = taken, index + 1
        if done == len(words):
            return True
    return False


def ltr_order_failures(path: str | Path, runs: Iterable[str]) -> list[str]:
    """Each of ``runs`` (a phone number, ``8%``, a Latin title) drawn left to right in its logical
    order: on one line, or continued on the next lines where it wraps at a space."""
    lines = visual_lines(path)
    return [f"{run!r} is not drawn left to right in its order" for run in runs if not _drawn_in_order(lines, run)]


def language_segments(path: str | Path) -> list[tuple[str, str]]:
    """(language, text) for each stretch of tagged text in one language, in content order, spaces
    left out (the tag text drops them at line ends anyway)."""
    owner = mcid_owner(path)
    document_lang = str(open_pdf(path).Root.get("/Lang", ""))
    segments: list[tuple[str, str]] = []
    for index, chars in enumerate(page_chars(path)):
        for char in chars:
            trail = owner.get((index, char.get("mcid")))
            if trail is None or char["text"].isspace():
                continue
            lang = next((str(e.obj.Lang) for e in reversed(trail) if "/Lang" in e.obj), document_lang)
            if segments and segments[-1][0] == lang:
                segments[-1] = (lang, segments[-1][1] + char["text"])
            else:
                segments.append((lang, char["text"]))
    return segments


def language_failures(path: str | Path, expected: Iterable[tuple[str, str]]) -> list[str]:
    """Each (text, language) of ``expected`` is tagged with that language in the structure tree:
    its characters lie within one stretch of text in that language (as often as ``expected`` names it).

    Texts are compared in content order, which is their logical order for left-to-right text
    (a right-to-left part of a left-to-right document is stored in visual order: not checked here).
    """
    segments = language_segments(path)
    wanted = Counter(("".join(text.split()), lang) for text, lang in expected)
    failures = []
    for (text, lang), count in wanted.items():
        found = sum(segment.count(text) for segment_lang, segment in segments if segment_lang == lang)
        if found < count:
            failures.append(f"{text!r} is tagged /Lang {lang!r} {found} times, printed {count} times")
    return failures
