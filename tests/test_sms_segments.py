"""SMS segment counting: hand-written vectors, a cross-check against the ``gsm0338`` codec, and properties."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from exporters.sms.gsm7 import BASIC, ESCAPE, EXTENSION, is_gsm7
from exporters.sms.segments import CONCATENATED, GSM7, SINGLE, UCS2, count_sms, text_units

DATA = Path(__file__).parent / "data" / "sms"
VECTORS: list[dict[str, Any]] = tomllib.loads((DATA / "vectors.toml").read_text(encoding="utf-8"))["vector"]
GSM_VECTORS = [v for v in VECTORS if v["encoding"] == GSM7]


def build(pieces: list[list[Any]]) -> str:
    """A text from [string, repeat count] pieces."""
    return "".join(text * times for text, times in pieces)


def given_text(vector: dict[str, Any]) -> str:
    return vector["text"] if "text" in vector else build(vector["pieces"])


def expected_sent(vector: dict[str, Any]) -> str:
    if "sent_pieces" in vector:
        return build(vector["sent_pieces"])
    return vector.get("sent", given_text(vector))


def ids(vectors: list[dict[str, Any]]) -> list[str]:
    return [v["name"] for v in vectors]


def test_there_are_at_least_25_vectors() -> None:
    assert len(VECTORS) >= 25


# ------------------------------------------------------------------ vectors


@pytest.mark.parametrize("vector", VECTORS, ids=ids(VECTORS))
def test_vector_encoding_units_and_parts(vector: dict[str, Any]) -> None:
    count = count_sms(given_text(vector), smart=vector.get("smart", False))
    assert (count.encoding, count.units, count.part_count, count.part_capacity) == (
        vector["encoding"],
        vector["units"],
        vector["parts"],
        vector["capacity"],
    )


@pytest.mark.parametrize("vector", VECTORS, ids=ids(VECTORS))
def test_vector_text_sent(vector: dict[str, Any]) -> None:
    count = count_sms(given_text(vector), smart=vector.get("smart", False))
    assert count.text == expected_sent(vector)
    assert count.smart_encoded == vector.get("smart_encoded", False)


@pytest.mark.parametrize("vector", VECTORS, ids=ids(VECTORS))
def test_vector_characters_that_forced_ucs2(vector: dict[str, Any]) -> None:
    count = count_sms(given_text(vector), smart=vector.get("smart", False))
    assert count.forced_ucs2 == tuple(vector.get("forced", []))


SPLIT_VECTORS = [v for v in VECTORS if "part_units" in v]


@pytest.mark.parametrize("vector", SPLIT_VECTORS, ids=ids(SPLIT_VECTORS))
def test_vector_part_units(vector: dict[str, Any]) -> None:
    count = count_sms(given_text(vector), smart=vector.get("smart", False))
    assert count.part_units() == tuple(vector["part_units"])


TEXT_VECTORS = [v for v in VECTORS if "part_pieces" in v]


@pytest.mark.parametrize("vector", TEXT_VECTORS, ids=ids(TEXT_VECTORS))
def test_vector_part_texts(vector: dict[str, Any]) -> None:
    count = count_sms(given_text(vector), smart=vector.get("smart", False))
    assert count.parts == tuple(build(part) for part in vector["part_pieces"])


# ------------------------------------------------------ cross-check: gsm0338


@pytest.mark.parametrize("vector", GSM_VECTORS, ids=ids(GSM_VECTORS))
def test_gsm7_vector_septets_agree_with_gsm0338(vector: dict[str, Any]) -> None:
    septets = expected_sent(vector).encode("gsm03.38")
    assert len(septets) == vector["units"]


@pytest.mark.parametrize("vector", GSM_VECTORS, ids=ids(GSM_VECTORS))
def test_gsm7_vector_parts_encode_within_capacity_with_gsm0338(vector: dict[str, Any]) -> None:
    count = count_sms(given_text(vector), smart=vector.get("smart", False))
    encoded = [part.encode("gsm03.38") for part in count.parts]
    assert all(len(e) <= vector["capacity"] for e in encoded)
    assert all(not e.endswith(bytes([ESCAPE])) for e in encoded)


UCS2_VECTORS = [v for v in VECTORS if v["encoding"] == UCS2]


@pytest.mark.parametrize("vector", UCS2_VECTORS, ids=ids(UCS2_VECTORS))
def test_ucs2_vector_is_not_gsm7_for_gsm0338(vector: dict[str, Any]) -> None:
    with pytest.raises(UnicodeEncodeError):
        expected_sent(vector).encode("gsm03.38")


def test_basic_table_matches_gsm0338() -> None:
    assert {ch: ch.encode("gsm03.38") for ch in BASIC} == {ch: bytes([code]) for ch, code in BASIC.items()}


def test_extension_table_matches_gsm0338() -> None:
    assert {ch: ch.encode("gsm03.38") for ch in EXTENSION} == {
        ch: bytes([ESCAPE, code]) for ch, code in EXTENSION.items()
    }


def test_gsm0338_knows_no_character_outside_the_tables() -> None:
    decoded = {bytes([b]).decode("gsm03.38") for b in range(128) if b != ESCAPE}
    decoded |= {bytes([ESCAPE, b]).decode("gsm03.38", errors="ignore") for b in range(128)}
    assert decoded - {""} - {"\x1b"} <= set(BASIC) | set(EXTENSION)


def test_tables_hold_127_basic_and_10_extension_characters() -> None:
    assert (len(BASIC), len(EXTENSION)) == (127, 10)


# ------------------------------------------------------------- properties

# Characters chosen to meet every rule: basic and extension GSM-7, letters outside GSM-7, combining
# marks, characters above U+FFFF, joiners, CR LF, Chinese and Arabic with a vowel mark.
TRICKY = list("aZ 9@\n\r€[]{}\\^~|\féñáçÇư中ا\u064e\u0301\u200d😀👍🏽’—…\u00a0")
tricky_text = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(exclude_categories=("Cs",)), max_size=400)
gsm_text = st.text(alphabet=st.sampled_from(sorted(set(BASIC) | set(EXTENSION))), max_size=500)
# Long messages built from pieces that must not be cut (escape pairs, surrogate pairs, clusters of
# several code points), so that part boundaries often fall next to one.
ATOMS = ["a", "á", "€", "😀", "x\u0301", "👍🏽", "\r\n", "中", "ب\u064e", "👨\u200d👩\u200d👧"]
long_text = st.lists(st.sampled_from(ATOMS), min_size=60, max_size=250).map("".join)
long_gsm_text = st.lists(st.sampled_from(["a", "€", "[", "\r\n", " "]), min_size=140, max_size=400).map("".join)
texts = tricky_text | gsm_text | long_text | long_gsm_text


def clusters(text: str) -> list[tuple[int, str]]:
    """Each grapheme cluster with its offset."""
    found, at = [], 0
    for cluster in regex.findall(r"\X", text):
        found.append((at, cluster))
        at += len(cluster)
    return found


@given(texts, st.booleans())
def test_joining_the_parts_gives_the_message_back(text: str, smart: bool) -> None:
    count = count_sms(text, smart=smart)
    assert "".join(count.parts) == count.text


@given(texts, st.booleans())
def test_no_part_is_over_its_capacity(text: str, smart: bool) -> None:
    count = count_sms(text, smart=smart)
    assert all(0 < units <= count.part_capacity for units in count.part_units())


@given(texts)
def test_one_part_exactly_when_the_message_fits_one_sms(text: str) -> None:
    count = count_sms(text)
    single = 0 < count.units <= SINGLE[count.encoding]
    assert (count.part_count == 1) == single
    assert count.part_capacity == (SINGLE if single or not count.units else CONCATENATED)[count.encoding]


@given(texts)
def test_units_are_septets_or_utf16_code_units(text: str) -> None:
    count = count_sms(text)
    if count.encoding == GSM7:
        assert count.units == len(count.text.encode("gsm03.38"))
    else:
        assert count.units == len(count.text.encode("utf-16-le")) // 2


@given(texts)
def test_parts_split_only_between_grapheme_clusters(text: str) -> None:
    count = count_sms(text)
    found = clusters(count.text)
    at = 0
    for part in count.parts[:-1]:
        at += len(part)
        start, cluster = next((s, c) for s, c in found if s <= at < s + len(c))
        # A boundary inside a cluster is allowed only for a cluster bigger than a whole part.
        assert start == at or text_units(cluster, count.encoding) > count.part_capacity


@given(gsm_text | long_gsm_text)
def test_gsm7_parts_never_end_inside_an_escape_pair(text: str) -> None:
    count = count_sms(text)
    encoded = [part.encode("gsm03.38") for part in count.parts]
    assert b"".join(encoded) == count.text.encode("gsm03.38")
    assert all(not e.endswith(bytes([ESCAPE])) for e in encoded)


@given(texts)
def test_parts_are_filled_to_capacity_before_the_next_begins(text: str) -> None:
    count = count_sms(text)
    for part, following in zip(count.parts, count.parts[1:], strict=False):
        first = regex.match(r"\X", following)
        assert first is not None
        next_cost = text_units(first.group(0), count.encoding)
        if next_cost <= count.part_capacity:
            assert text_units(part, count.encoding) + next_cost > count.part_capacity


@given(texts)
def test_decomposed_input_counts_as_composed(text: str) -> None:
    assert count_sms(unicodedata.normalize("NFD", text)) == count_sms(text)


@given(texts)
def test_smart_encoding_never_changes_letters_or_digits(text: str) -> None:
    def letters(s: str) -> list[str]:
        return [ch for ch in s if unicodedata.category(ch)[0] in "LNM"]

    count = count_sms(text, smart=True)
    assert letters(count.text) == letters(unicodedata.normalize("NFC", text))


@given(texts)
def test_smart_encoding_is_used_only_when_the_result_is_gsm7(text: str) -> None:
    count = count_sms(text, smart=True)
    if count.smart_encoded:
        assert count.encoding == GSM7 and all(is_gsm7(ch) for ch in count.text)
    else:
        assert count == count_sms(text)
