"""translate-toolkit's ``pofilter`` as a second opinion on catalogs: the checks that apply to Markdown text.

Chosen (each finds a mistake that changes what a reader gets):

- ``numbers``: every number of the source kept (a new "911", Arabic-Indic "١٨" for "8"). It does not
  see "8%" -> "18%" or "mg" -> "g": our meaning checks do;
- ``urls``, ``emails``: a link target or an address in the text changed or translated;
- ``xmltags``: raw HTML (an error in our Markdown) added;
- ``escapes``, ``newlines``, ``tabs``, ``startwhitespace``, ``endwhitespace``: a backslash, line break,
  tab or edge whitespace changes Markdown (a hard break, an indented code block, a new paragraph);
- ``doublespacing``: a typing slip where the source has none;
- ``blank``, ``purepunc``: a translation that is only whitespace, or changed punctuation-only text.

Left out, because Markdown or the languages we ship make them wrong here:

- ``accelerators``: ``&`` and ``_`` are not menu accelerators in Markdown (``_`` is emphasis);
- ``printf``: ``%`` is a percent sign ("8% 的" reads as a printf directive);
- ``pythonbraceformat``, ``variables``, ``brackets``: a translation may add or drop a language span
  ``[words]{lang=en}``, and Chinese writes full-width brackets; our own check compares placeholders and
  link targets exactly;
- ``endpunc``, ``startpunc``, ``puncspacing``, ``sentencecount``, ``startcaps``, ``doublequoting``,
  ``singlequoting``: Spanish ``¿ ¡``, Chinese ``。 ：「」``, Arabic ``؟ ،`` and « » differ from English by
  design, and Chinese has no capitals;
- ``acronyms``, ``unchanged``: translations expand acronyms (PET, NSCLC -> CPCNP) and keep names;
  our check reports an untranslated text unless it is marked as intentional;
- ``doublewords``: reduplication is grammar in Vietnamese, and "radiactivo. Radiactivo" is not a slip;
- ``long``, ``short``, ``simplecaps``, ``spellcheck``...: heuristics without a Markdown meaning.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

__all__ = ["POFILTER_TESTS", "PofilterFinding", "pofilter"]

POFILTER_TESTS = (
    "numbers",
    "urls",
    "emails",
    "xmltags",
    "escapes",
    "newlines",
    "tabs",
    "startwhitespace",
    "endwhitespace",
    "doublespacing",
    "blank",
    "purepunc",
)


@dataclass(frozen=True)
class PofilterFinding:
    """One entry pofilter flags, with the test that flagged it."""

    msgid: str
    msgstr: str
    test: str
    message: str

    def __str__(self) -> str:
        return f"{self.test}: {self.message}: {self.msgid[:70]!r} -> {self.msgstr[:70]!r}"


def pofilter(path: Path) -> list[PofilterFinding]:
    """Run ``pofilter`` with :data:`POFILTER_TESTS` over one catalog (fuzzy entries left out, as the
    build leaves them out); every entry it flags."""
    tests = [f"--test={name}" for name in POFILTER_TESTS]
    command = [sys.executable, "-m", "translate.filters.pofilter", "--progress=none", "--nofuzzy", *tests]
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, check=True)
    findings = []
    for entry in polib.pofile(result.stdout, wrapwidth=0):
        for line in entry.tcomment.splitlines():
            if line.startswith("(pofilter) "):
                test, _, message = line.removeprefix("(pofilter) ").partition(": ")
                findings.append(PofilterFinding(entry.msgid, entry.msgstr, test, message))
    return findings
