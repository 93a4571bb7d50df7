"""Helpers for the braille tests: BRF files read back into pages and lines, back-translated with
liblouis, and compared word for word with the print text they came from."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import regex

from exporters.brf import BrfExporter
from exporters.brf.braille import braille_paragraphs
from exporters.brf.louis import back_translate
from handoutkit.context import RenderContext
from handoutkit.languages import parse_language
from handoutkit.model import Document
from handoutkit.project import Project

PROJECT = Path(__file__).parent / "data" / "brf" / "project"
EXPECTED = Path(__file__).parent / "data" / "brf" / "expected"
_WORD = regex.compile(r"\p{L}+|\p{N}+")


@functools.cache
def project(root: Path = PROJECT) -> Project:
    """A project, read once per test session."""
    return Project.load(root)


def context(lang: str, root: Path = PROJECT) -> RenderContext:
    return project(root).context(parse_language(lang))


def document(slug: str, lang: str, root: Path = PROJECT) -> Document:
    return project(root).translate(slug, parse_language(lang)).document


@functools.cache
def brf_file(slug: str, lang: str, root: Path = PROJECT) -> bytes:
    """The BRF of one handout in one language."""
    (output,) = BrfExporter().render(document(slug, lang, root), context(lang, root))
    assert output.suffix == ".brf"
    return output.data


def pages(data: bytes) -> list[list[str]]:
    """The pages of a BRF file, each a list of lines (CR LF line ends, form feeds between pages)."""
    text = data.decode("ascii")
    assert text.endswith("\r\n")
    return [page.removesuffix("\r\n").split("\r\n") for page in text.split("\f")]


def text_lines(data: bytes) -> list[str]:
    """Every line of text, in order: page-number lines, box lines and blank lines left out."""
    lines = []
    for page in pages(data):
        for line in page[:-1]:
            if line.strip() and set(line) not in ({"7"}, {"G"}):
                lines.append(line)
    return lines


def joined(data: bytes, continuation: str) -> list[str]:
    """The text lines with each divided word joined again (its continuation indicator removed)."""
    out: list[str] = []
    glue = False
    for line in text_lines(data):
        line = line.strip()
        if glue:
            out[-1] += line
        else:
            out.append(line)
        glue = out[-1].endswith(continuation)
        if glue:
            out[-1] = out[-1].removesuffix(continuation)
    return out


_SCHEME = regex.compile(r"\bhttps?://")


def words(text: str) -> Counter[str]:
    """The words of ``text``, case folded, as a multiset, the scheme of web addresses left out: liblouis
    3.24's back-translator reads UEB's colon (dots 25) before "_/" as the groupsign "cc", so "https:"
    comes back as "httpscc" though the braille is right."""
    return Counter(_WORD.findall(_SCHEME.sub("", text).casefold()))


def print_words(slug: str, lang: str, root: Path = PROJECT) -> Counter[str]:
    """The words of the handout view's text, as the exporter laid it out."""
    paras = braille_paragraphs(document(slug, lang, root), context(lang, root))
    return words(" ".join(para.plain for para, _ in paras))


def back_translated_words(data: bytes, tables: str, continuation: str) -> Counter[str]:
    """The words liblouis reads back from a BRF file, read as one run of text (a line's last word is
    then read with the space after it, as a reader does: UEB's "5" is "enough" only standing alone)."""
    return words(" ".join(back_translate([" ".join(joined(data, continuation))], tables)))


def recall(expected: Counter[str], found: Counter[str]) -> float:
    """The share of ``expected``'s words (with their repeats) that ``found`` holds."""
    return sum((expected & found).values()) / sum(expected.values())
