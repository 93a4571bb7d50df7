"""Hostile text, generated (issue 12): whatever the input, the reader and the catalog loader give a
document or problems with file and line, and an excerpt is short and escaped."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handoutkit.assets import Assets
from handoutkit.errors import ProblemError
from handoutkit.i18n.po import read_catalog
from handoutkit.reader import read_text
from handoutkit.untrusted import excerpt, find_unsafe

HOSTILE = Path(__file__).parent / "data" / "hostile" / "text"
HANDOUT = "---\ntitle: A handout\nsummary: The main message.\n---\n\n## A part\n\n"
"""The start of a valid handout: a test appends its body."""


# ---------------------------------------------------------------- properties

MARKDOWNISH = st.lists(
    st.one_of(
        st.sampled_from(list("*_[]()!#>-+1. \n\t\\`<{}=:&;\"'|~")),
        st.sampled_from(["---\n", "title: ", "sms: ", "{lang=", "https://", "](", "![", "&#x202E;", "\r", "&a", "*x"]),
        st.sampled_from(["\u202e", "\u200d", "\u200c", "\x00", "\x1b", "\ud800", "\ufeff", "\u0627", "\U0001f468"]),
        st.text(max_size=8),
    ),
    max_size=80,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=MARKDOWNISH, front=st.booleans())
def test_the_reader_gives_a_document_or_problems_with_file_and_line(body: str, front: bool) -> None:
    text = (HANDOUT if front else "") + body
    try:
        read_text(text, "source/x.md", "x", "en", Assets(HOSTILE / "source"))
    except ProblemError as error:
        assert error.problems and all(problem.origin.path == "source/x.md" for problem in error.problems)
        assert all(len(problem.message) < 1_000 for problem in error.problems)


PO_PIECES = st.sampled_from(
    [
        'msgid ""\nmsgstr ""\n',
        '"Content-Type: text/plain; charset=UTF-8\\n"\n',
        '"Content-Type: text/plain; charset=UTF-7\\n"\n',
        '"Content-Type: text/plain; charset=latin-1\\n"\n',
        'msgid "a"\n',
        'msgstr "b"\n',
        'msgid_plural "as"\n',
        'msgstr[0] "x"\n',
        'msgctxt "c"\n',
        '"continued \\b \\n \\" \\\\ \\x01"\n',
        "#, fuzzy\n",
        '#~ msgid "old"\n',
        '"X-Translation-Reviewed-On: 2026-02-30\\n"\n',
        "\n",
        '"unterminated\n',
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.one_of(PO_PIECES, st.text(max_size=20)), max_size=25), tail=st.binary(max_size=40))
def test_the_po_loader_gives_a_catalog_or_problems_with_file_and_line(pieces: list[str], tail: bytes) -> None:
    data = "".join(pieces).encode("utf-8", "surrogatepass") + tail
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "locales" / "es" / "LC_MESSAGES" / "x.po"
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        try:
            catalog = read_catalog(path, "locales/es/LC_MESSAGES/x.po")
        except ProblemError as error:
            assert error.problems
            assert all(problem.origin.path == "locales/es/LC_MESSAGES/x.po" for problem in error.problems)
        else:
            for entry in catalog.po:
                assert find_unsafe(entry.msgid) is None and find_unsafe(entry.msgstr) is None


def test_an_excerpt_is_short_and_escaped_whatever_it_quotes() -> None:
    assert excerpt("a\x1b[31m") == "'a\\x1b[31m'"
    assert len(excerpt("x" * 10_000_000)) < 80
    assert excerpt(10**5000) == "a whole number of more than 38 digits"
