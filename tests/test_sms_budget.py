"""The SMS budget translators see: the ``#.`` note and Weblate's ``max-length:N``."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from exporters.sms.budget import (
    LINK_ID_ALPHABET,
    LINK_ID_LENGTH,
    compose,
    link_id,
    sent_message,
    sms_link,
    translator_budget,
)
from exporters.sms.segments import GSM7, UCS2, count_sms

LINK = "https://example.org/es/stage-4-lung-cancer"  # 42 characters; 43 with the space before it
VALUES = {"organization": "Hope Clinic", "phone": "+1 (555) 010-0199"}


def test_untranslated_message_gets_the_ucs2_budget_with_the_link_taken_off() -> None:
    budget = translator_budget(None, 2, LINK)
    assert (budget.encoding, budget.capacity, budget.link, budget.breaks) == (UCS2, 134, 43, 1)
    assert budget.max_length == 90
    assert budget.flag == "max-length:90"


def test_note_is_one_line_with_the_numbers() -> None:
    assert translator_budget(None, 2, LINK).note == (
        "SMS: at most 2 parts. In this language that is 134 characters (UCS-2), 43 of them taken by the link, "
        "1 kept free where the message splits: keep the text within 90."
    )


def test_spanish_with_informacion_keeps_the_ucs2_budget_of_67_a_part() -> None:
    budget = translator_budget("Más información en su folleto.", 2, LINK)
    assert (budget.encoding, budget.capacity) == (UCS2, 2 * 67)


def test_gsm7_translation_gets_the_gsm7_budget() -> None:
    budget = translator_budget("Llame a su médico si tiene fiebre.", 2, LINK)
    assert (budget.encoding, budget.capacity, budget.max_length) == (GSM7, 306, 306 - 43 - 1)
    assert "only GSM-7 characters, so that is 306 characters" in budget.note
    assert "such as á, would cut it to 134" in budget.note


def test_one_part_budget_has_nothing_kept_for_breaks() -> None:
    budget = translator_budget("Call us.", 1)
    assert (budget.capacity, budget.breaks, budget.max_length) == (160, 0, 160)
    assert budget.note.startswith("SMS: at most 1 part. ")


def test_filled_placeholders_longer_than_typed_are_taken_off() -> None:
    # "{phone}" is 7 characters as typed, 17 once filled in: 10 more.
    budget = translator_budget("Llame al {phone}.", 2, values=VALUES)
    assert budget.placeholders == 10
    assert "10 of them taken by the filled-in name or phone number" in budget.note


def test_placeholders_of_the_source_count_when_there_is_no_translation() -> None:
    budget = translator_budget(None, 2, source="Call {phone}. Call {phone}.", values=VALUES)
    assert budget.placeholders == 20


def test_placeholders_shorter_when_filled_give_nothing_back() -> None:
    budget = translator_budget("Ask {organization}.", 2, values={"organization": "Hope"})
    assert budget.placeholders == 0


def test_characters_costing_two_units_are_taken_off() -> None:
    assert translator_budget("Copago: 10 € [ver]", 2).double == 3  # GSM-7: € [ ] cost two septets
    assert translator_budget("Gracias 👍", 2).double == 1  # UCS-2: an emoji is two UTF-16 units


def test_a_long_cluster_keeps_more_free_at_each_break() -> None:
    # 👍🏽 is 4 UTF-16 units that stay together: a part may end up to 3 units short.
    assert translator_budget("Gracias 👍🏽", 3).breaks == 2 * 3


def test_smart_encoding_lets_a_typographic_translation_keep_the_gsm7_budget() -> None:
    budget = translator_budget("It’s ok — call us…", 2, smart=True)
    assert budget.encoding == GSM7
    assert budget.double == 2  # the ellipsis becomes three full stops


def test_max_length_never_goes_below_zero() -> None:
    assert translator_budget(None, 1, "https://example.org/" + "x" * 100).max_length == 0


ARABIC_PHONE = {"organization": "Hope Clinic", "phone": "(503) 555-0147"}


def test_in_arabic_the_isolates_around_the_phone_number_are_taken_off() -> None:
    # The phone number after Arabic letters needs U+2066 ... U+2069 around it: 2 units.
    budget = translator_budget("اتصل بنا على الرقم {phone} اليوم.", 2, values=ARABIC_PHONE, direction="rtl")
    assert budget.isolates == 2
    assert "2 taken by invisible marks that keep numbers and Latin text left to right" in budget.note
    assert translator_budget("اتصل بنا على الرقم {phone} اليوم.", 2, values=ARABIC_PHONE).isolates == 0


def test_an_untranslated_message_of_a_right_to_left_language_keeps_room_for_its_isolates() -> None:
    budget = translator_budget(None, 2, source="Call {phone} today.", values=ARABIC_PHONE, direction="rtl")
    assert budget.isolates == 2
    assert translator_budget(None, 2, source="Call us today.", values=ARABIC_PHONE, direction="rtl").isolates == 0


def test_a_left_to_right_language_has_no_isolates() -> None:
    budget = translator_budget("Llame al {phone} hoy.", 2, values=ARABIC_PHONE, direction="ltr")
    assert budget.isolates == 0


def test_link_from_the_template() -> None:
    assert sms_link("https://example.org/{lang}/{slug}", "zh-Hans", "stage-4") == "https://example.org/zh-Hans/stage-4"


def test_compose_strips_the_text_and_appends_the_link_after_one_space() -> None:
    assert compose("  Call us. \n", "https://x.org") == "Call us. https://x.org"
    assert compose("Call us.") == "Call us."


# ------------------------------------------------------------- the guarantee

ALPHABET = [*"ab á€[ 中ا\u064e\u0301😀👍🏽’…", "{phone}", "{organization}", "x\u0301\u0308"]
translations = st.lists(
    st.sampled_from(ALPHABET) | st.characters(exclude_categories=("Cs",)), min_size=40, max_size=700
).map("".join)


@given(translations, st.integers(1, 4), st.sampled_from(["", LINK]), st.booleans(), st.sampled_from(["ltr", "rtl"]))
def test_a_translation_weblate_accepts_fits_its_budget(
    text: str, parts: int, link: str, smart: bool, direction: str
) -> None:
    first = translator_budget(text, parts, link, values=VALUES, smart=smart, direction=direction)
    text = text[: first.max_length]  # what a translator could type under the first flag
    budget = translator_budget(text, parts, link, values=VALUES, smart=smart, direction=direction)
    assume(len(text) <= budget.max_length)  # Weblate's check: len() of the translation as written
    filled = text.replace("{phone}", VALUES["phone"]).replace("{organization}", VALUES["organization"])
    assert count_sms(sent_message(filled, link, direction), smart=smart).part_count <= parts


def test_a_link_id_is_eight_consonants_or_digits_stable_and_different_per_language() -> None:
    ids = {lang: link_id(lang, "stage-4-lung-cancer") for lang in ("en", "es", "vi", "zh-Hans", "ar")}
    assert ids["en"] == "q4wfck6f"  # the same in every build: a clinic's server maps it
    assert len(set(ids.values())) == len(ids)
    assert all(len(i) == LINK_ID_LENGTH and set(i) <= set(LINK_ID_ALPHABET) for i in ids.values())
    assert not set("aeiouy01lo") & set(LINK_ID_ALPHABET)  # no word can form, nothing to misread


def test_the_id_placeholder_in_a_link() -> None:
    link = sms_link("https://example.org/h/{id}", "es", "stage-4")
    assert link == f"https://example.org/h/{link_id('es', 'stage-4')}"
