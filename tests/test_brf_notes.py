"""Transcriber's notes: what print shows and braille cannot (the picture) is given as its description in
a transcriber's note (BANA Braille Formats 2016, section 3: 7-5 margins for a note of more than seven
words), enclosed in UEB's transcriber's note indicators in English."""

from __future__ import annotations

from tests.brf_support import brf_file, pages


def note_lines(lang: str, start: str) -> list[str]:
    lines = [line for page in pages(brf_file("breathing", lang)) for line in page[:-1]]
    first = next(index for index, line in enumerate(lines) if line.strip().startswith(start))
    end = next(index for index in range(first, len(lines)) if not lines[index].strip())
    return lines[first:end]


def test_the_picture_is_a_transcribers_note_in_ueb_indicators_and_7_5_margins():
    """UEB's opening indicator 4-46-126 ("@.<") and closing one 4-46-345 ("@.>")."""
    lines = note_lines("en", "@.<")
    assert lines[0].startswith(" " * 6 + "@.<,IMAGE3 ,A P]SON")
    assert all(line.startswith(" " * 4) and line[4] != " " for line in lines[1:])
    assert lines[-1].endswith("TABLE4@.>")


def test_a_code_without_note_indicators_still_gives_the_note_in_7_5_margins():
    lines = note_lines("es", ".IMAGEN3")
    assert lines[0].startswith(" " * 6 + ".IMAGEN3 .UNA PERSONA")
    assert len(lines) > 1 and all(line.startswith(" " * 4) and line[4] != " " for line in lines[1:])
    assert "@.<" not in "".join(lines)
