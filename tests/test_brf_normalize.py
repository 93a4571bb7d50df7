"""Text made ready for a liblouis table (exporters.brf.normalize): controls dropped, and punctuation the
table lacks replaced by what it knows, letters never. Asks the installed tables what they define."""

from __future__ import annotations

import pytest

from exporters.brf.louis import known_characters
from exporters.brf.normalize import clean, normalize, probe_set


def ready(text: str, tables: str) -> str:
    text = clean(text)
    return normalize(text, known_characters(probe_set([text]), tables))


def test_isolates_marks_and_unusual_spaces_are_dropped_or_made_plain_spaces():
    assert clean("\u2068(503) 555-0147\u2069\u00a0and\u202fmore\u200e ") == "(503) 555-0147 and more"


@pytest.mark.parametrize(
    ("text", "tables", "written"),
    [
        ("2020\u20132022", "zh-chn.ctb", "2020-2022"),  # en dash: zh-chn has none
        ("PDQ\u00ae", "zh-chn.ctb", "PDQ(R)"),
        ("\u2022 item", "es-g1.ctb", "* item"),  # es-g1 has no bullet
        ("\uff08x\uff09", "ar-ar-g1.utb", "(x)"),  # full-width brackets: NFKC's ASCII ones
    ],
)
def test_punctuation_a_table_lacks_becomes_what_it_knows(text, tables, written):
    assert ready(text, tables) == written


@pytest.mark.parametrize(
    ("text", "tables"),
    [("2020\u20132022", "en-ueb-g2.ctb"), ("\u2022 item", "en-ueb-g2.ctb"), ("\uff08\u80ba\uff09", "zh-chn.ctb")],
)
def test_punctuation_a_table_knows_is_kept(text, tables):
    assert ready(text, tables) == text


def test_letters_are_never_replaced():
    assert ready("\u1230\u120b\u121d", "en-ueb-g2.ctb") == "\u1230\u120b\u121d"
