"""The SMS exporter: the texts to send, their counts, and the part budget."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import MappingProxyType

import polib
import pytest
from bidi import get_display

from exporters.sms import SmsExporter, SmsOptions
from exporters.sms.budget import link_id
from handoutkit.assets import Assets
from handoutkit.config import Config, Organization, Settings
from handoutkit.context import RenderContext
from handoutkit.errors import ProblemError
from handoutkit.exporter import Exporter
from handoutkit.languages import parse_language
from handoutkit.model import Document, Metadata, Origin, Review, Text, TextUnit
from handoutkit.present.bidi import LRI, PDI
from handoutkit.ui import UiText
from tests.conftest import run_cli

EXPECTED = Path(__file__).parent / "data" / "sms" / "exporter"
SLUG = "test-handout"
SOURCE = f"source/{SLUG}.md"
PO = f"locales/es/LC_MESSAGES/{SLUG}.po"
EN, ES = parse_language("en"), parse_language("es")
UNREVIEWED_ES = "Todavía no lo ha revisado un profesional calificado."

SETTINGS = Settings(organization=Organization(name="Hope Clinic", phone="555-0100")).with_options(
    SmsOptions(parts=2, link_template="https://example.org/{lang}/{slug}")
)

SOURCE_SMS = (
    "Your handout is ready. Questions? Call {organization} at {phone}.",
    "Ask {organization} about palliative care.",
)
SPANISH_SMS = (
    "Su folleto está listo. ¿Preguntas? Llame a {organization} al {phone}.",
    "Pregúntele a {organization} sobre los cuidados paliativos.",
)


def sms_unit(msgid: str, line: int, text: str | None = None, po_line: int = 0, lang: str = "es") -> TextUnit:
    """An SMS message from line ``line`` of the source, translated at ``po_line`` when ``text`` is given."""
    if text is None:
        return TextUnit(msgid, (Text(msgid),), "en", Origin(SOURCE, line), "sms", markdown=False)
    return TextUnit(msgid, (Text(text),), lang, Origin(SOURCE, line), "sms", False, Origin(PO, po_line))


def document(lang: str, sms: tuple[TextUnit, ...], *, sms_parts: int | None = None, reviewed: bool = False) -> Document:
    title = TextUnit("Test handout", (Text("Test handout"),), "en", Origin(SOURCE, 2), "title", markdown=False)
    review = Review(source_by="Dr. Ada Reviewer", source_on=dt.date(2026, 11, 1)) if reviewed else Review()
    review = dataclasses.replace(review, is_translation=lang != "en")
    meta = Metadata(title=title, sms=sms, sms_parts=sms_parts)
    return Document(SLUG, SOURCE, lang, "en", meta, (), review)


def english(**kwargs: object) -> Document:
    return document("en", tuple(sms_unit(m, 7 + i) for i, m in enumerate(SOURCE_SMS)), **kwargs)  # type: ignore[arg-type]


def spanish(texts: tuple[str, ...] = SPANISH_SMS, **kwargs: object) -> Document:
    units = tuple(sms_unit(SOURCE_SMS[i], 7 + i, t, 25 + 4 * i) for i, t in enumerate(texts))
    return document("es", units, **kwargs)  # type: ignore[arg-type]


def context(language: str = "es", settings: Settings = SETTINGS) -> RenderContext:
    lang = parse_language(language)
    ui = UiText(lang, EN, MappingProxyType({"Not yet reviewed by a qualified reviewer.": UNREVIEWED_ES}))
    config = Config(None, EN, (EN, ES), "Handouts", "handouts", 0.0, settings)
    return RenderContext(lang, EN, ui, settings, config, Assets(Path("source")))


def files(doc: Document, ctx: RenderContext) -> dict[str, bytes]:
    return {f.suffix: f.data for f in SmsExporter().render(doc, ctx)}


def with_sms(**changes: object) -> Settings:
    return SETTINGS.with_options(dataclasses.replace(SETTINGS.options(SmsOptions), **changes))  # type: ignore[arg-type]


# ------------------------------------------------------------------ the files


def test_is_an_exporter_named_sms() -> None:
    exporter = SmsExporter()
    assert isinstance(exporter, Exporter)
    assert (exporter.name, exporter.suffixes) == ("sms", (".sms.txt", ".sms.json"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_text_file_is_written_exactly(lang: str) -> None:
    doc = english(reviewed=True) if lang == "en" else spanish()
    assert files(doc, context(lang))[".sms.txt"] == (EXPECTED / f"{lang}.sms.txt").read_bytes()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_json_file_is_written_exactly(lang: str) -> None:
    doc = english(reviewed=True) if lang == "en" else spanish()
    assert files(doc, context(lang))[".sms.json"] == (EXPECTED / f"{lang}.sms.json").read_bytes()


def test_placeholders_are_filled_for_the_language() -> None:
    spanish_org = dataclasses.replace(SETTINGS, organization=Organization(name="Clínica Esperanza", phone="555-0199"))
    text = files(spanish(), context("es", spanish_org))[".sms.txt"].decode("utf-8")
    assert "Llame a Clínica Esperanza al 555-0199." in text
    assert "{" not in text


def test_text_file_is_nfc_even_when_the_translation_is_not() -> None:
    decomposed = tuple(unicodedata.normalize("NFD", t) for t in SPANISH_SMS)
    text = files(spanish(decomposed), context())[".sms.txt"].decode("utf-8")
    assert text == (EXPECTED / "es.sms.txt").read_text(encoding="utf-8")


def test_only_the_last_message_carries_the_link() -> None:
    messages = json.loads(files(english(), context("en"))[".sms.json"])["messages"]
    assert [m["text"].endswith("https://example.org/en/test-handout") for m in messages] == [False, True]


def test_without_a_link_template_nothing_is_appended() -> None:
    text = files(english(), context("en", with_sms(link_template="")))[".sms.txt"].decode("utf-8")
    assert text == (
        "Your handout is ready. Questions? Call Hope Clinic at 555-0100.\n\nAsk Hope Clinic about palliative care.\n"
    )


def test_a_document_without_sms_messages_gets_no_files() -> None:
    assert SmsExporter().render(document("en", ()), context("en")) == ()


def test_untranslated_message_is_sent_in_the_source_language_and_says_so() -> None:
    doc = document("es", (sms_unit(SOURCE_SMS[1], 8),))
    [message] = json.loads(files(doc, context())[".sms.json"])["messages"]
    assert (message["lang"], message["source"], message["translated_at"]) == ("en", f"{SOURCE}:8", None)


def test_unreviewed_document_carries_the_review_note_in_its_language() -> None:
    report = json.loads(files(spanish(), context())[".sms.json"])
    assert (report["reviewed"], report["review_note"]) == (False, UNREVIEWED_ES)


def test_reviewed_document_has_no_review_note() -> None:
    report = json.loads(files(english(reviewed=True), context("en"))[".sms.json"])
    assert report["reviewed"] is True and "review_note" not in report


def test_spanish_informacion_goes_ucs2_with_67_units_a_part() -> None:
    text = "Más información sobre su tratamiento en el folleto. Llame a {organization} al {phone} si tiene preguntas."
    doc = spanish((SPANISH_SMS[0], text), sms_parts=3)
    message = json.loads(files(doc, context())[".sms.json"])["messages"][1]
    # 139 characters with the link: one GSM-7 SMS would hold 160, but á and ó make it 3 parts of 67.
    assert (message["encoding"], message["units"], message["part_capacity"]) == ("UCS-2", 139, 67)
    assert len(message["parts"]) == 3
    assert [c["code_point"] for c in message["forced_ucs2"]] == ["U+00E1", "U+00F3"]


# --------------------------------------------------------------- the budget


def test_message_within_budget_has_no_problem() -> None:
    assert SmsExporter().check(spanish(), context()) == []


def test_message_over_budget_is_an_error_naming_the_po_file_and_line() -> None:
    doc = spanish(sms_parts=1)
    with pytest.raises(ProblemError) as raised:
        SmsExporter().render(doc, context())
    [problem] = raised.value.problems
    assert (problem.kind, problem.origin, problem.severity) == ("sms-over-budget", Origin(PO, 29), "error")
    assert str(problem).startswith(f"{PO}:29: error: ")


def test_over_budget_message_gives_the_count_and_the_characters_that_forced_ucs2() -> None:
    [problem] = SmsExporter().check(spanish(sms_parts=1), context())
    assert "takes 2 parts, over its budget of 1" in problem.message
    assert "91 UTF-16 code units in UCS-2, 67 per part" in problem.message
    assert "ú (U+00FA)" in problem.message


def test_the_link_counts_against_the_budget() -> None:
    # Only the last message carries the link (the first shows on lock screens): the last Spanish message
    # alone is 55 units (one SMS); with the link it is 91 (two parts).
    assert SmsExporter().check(spanish(sms_parts=1), context("es", with_sms(link_template=""))) == []
    assert [p.kind for p in SmsExporter().check(spanish(sms_parts=1), context())] == ["sms-over-budget"]


def test_front_matter_budget_overrides_the_configuration() -> None:
    assert SmsExporter().check(spanish(sms_parts=2), context("es", with_sms(parts=1))) == []
    assert len(SmsExporter().check(spanish(), context("es", with_sms(parts=1)))) == 1


def test_source_message_over_budget_names_the_source_line() -> None:
    long = "Call {organization} at {phone}. " * 10
    doc = document("en", (sms_unit(long, 9),))
    [problem] = SmsExporter().check(doc, context("en", with_sms(parts=1)))
    assert problem.origin == Origin(SOURCE, 9)


def test_medical_text_is_never_cut_to_fit() -> None:
    with pytest.raises(ProblemError):
        SmsExporter().render(spanish(sms_parts=1), context())


# ------------------------------------------------------------- other problems


def test_unknown_placeholder_is_an_error() -> None:
    doc = spanish(("Llame al {teléfono}.", SPANISH_SMS[1]))
    [problem] = SmsExporter().check(doc, context())
    assert (problem.kind, problem.origin) == ("sms-text", Origin(PO, 25))
    assert "{teléfono}" in problem.message


def test_placeholder_without_a_configured_value_is_an_error() -> None:
    settings = dataclasses.replace(SETTINGS, organization=Organization(name="Hope Clinic"))
    problems = SmsExporter().check(spanish(), context("es", settings))
    assert [(p.kind, p.origin) for p in problems] == [("sms-text", Origin(PO, 25))]
    assert "phone" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Llame a {{organization}} al {phone}.",  # doubled braces send "{organization}" as written
        "Llame a {organization al {phone}.",  # an unclosed placeholder
        "Llame a organization} al {phone}.",
    ],
)
def test_a_brace_that_would_reach_the_patient_is_an_error_naming_the_catalog_line(text: str) -> None:
    [problem] = SmsExporter().check(spanish((text, SPANISH_SMS[1])), context())
    assert (problem.kind, problem.origin) == ("sms-text", Origin(PO, 25))
    assert "brace" in problem.message and "{organization}" in problem.message


@pytest.mark.parametrize("text", ["Llame a %(organization)s al {phone}.", "Llame a ${organization} al {phone}."])
def test_a_placeholder_of_another_convention_is_an_error(text: str) -> None:
    [problem] = SmsExporter().check(spanish((text, SPANISH_SMS[1])), context())
    assert (problem.kind, problem.origin) == ("sms-text", Origin(PO, 25))
    assert "would be sent as typed" in problem.message


def test_message_with_a_blank_line_is_an_error() -> None:
    doc = spanish(("Primera línea.\n\nSegunda línea.", SPANISH_SMS[1]))
    [problem] = SmsExporter().check(doc, context())
    assert problem.kind == "sms-text" and "blank line" in problem.message


def test_importing_the_exporter_loads_neither_weasyprint_nor_ebooklib() -> None:
    code = "import sys, exporters.sms; print(sorted({'weasyprint', 'ebooklib'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------- right to left


ARABIC_SMS = "لديك أسئلة؟ اتصل بـ{organization} على الرقم {phone}."


def arabic_files(phone: str = "(503) 555-0147") -> dict[str, bytes]:
    settings = Settings(organization=Organization(name="Hope Clinic", phone=phone)).with_options(SmsOptions())
    doc = document("ar", (sms_unit(SOURCE_SMS[0], 7, ARABIC_SMS, 25, lang="ar"),))
    return files(doc, context("ar", settings))


def shown(text: str) -> str:
    """What a phone shows, left to right (python-bidi; the isolates themselves are invisible)."""
    return str(get_display(text)).replace(LRI, "").replace(PDI, "")


def test_an_arabic_message_isolates_the_phone_number_so_it_reads_left_to_right() -> None:
    text = arabic_files()[".sms.txt"].decode("utf-8").rstrip("\n")
    assert f"{LRI}(503) 555-0147{PDI}" in text
    assert "(503) 555-0147" in shown(text)
    assert "(503) 555-0147" not in shown(text.replace(LRI, "").replace(PDI, ""))  # rule W2 would reverse it


def test_the_isolates_count_against_the_ucs2_budget() -> None:
    [message] = json.loads(arabic_files()[".sms.json"])["messages"]
    marks = sum(message["text"].count(mark) for mark in (LRI, PDI))
    assert marks >= 2
    assert (message["encoding"], message["units"]) == ("UCS-2", len(message["text"].encode("utf-16-le")) // 2)


def test_a_left_to_right_message_gets_no_isolates() -> None:
    text = files(spanish(), context())[".sms.txt"].decode("utf-8")
    assert LRI not in text and PDI not in text


# -------------------------------------------------- from the command line


def smart_project(project_copy: object, smart: bool) -> Path:
    """tests/data/projects/smart-sms, with smart encoding on (``smart-encoding.toml``) or off (as by default)."""
    project: Path = project_copy("smart-sms")  # type: ignore[operator]
    if smart:
        shutil.copy(project / "smart-encoding.toml", project / "handoutkit.toml")
    return project


def spanish_message(project: Path) -> dict[str, object]:
    code, output = run_cli(project, "--format", "sms", "--lang", "es")
    assert code == 0, output
    [message] = json.loads((project / "output/es/reminder.sms.json").read_text(encoding="utf-8"))["messages"]
    return message  # type: ignore[no-any-return]


def test_without_smart_encoding_typographic_punctuation_makes_the_message_ucs2(project_copy: object) -> None:
    message = spanish_message(smart_project(project_copy, smart=False))
    assert (message["encoding"], message["smart_encoded"]) == ("UCS-2", False)
    assert [c["code_point"] for c in message["forced_ucs2"]] == ["U+201C", "U+201D", "U+2013"]  # type: ignore[attr-defined]


def test_smart_encoding_sends_the_same_message_in_gsm7(project_copy: object) -> None:
    project = smart_project(project_copy, smart=True)
    message = spanish_message(project)
    assert (message["encoding"], message["smart_encoded"], message["forced_ucs2"]) == ("GSM-7", True, [])
    expected = 'Traiga su "lista de medicinas" - llame a Hope Clinic al 555-0100.\n'
    assert (project / "output/es/reminder.sms.txt").read_text(encoding="utf-8") == expected


def test_smart_encoding_gives_translators_the_gsm7_budget(project_copy: object) -> None:
    budgets = {}
    for smart in (False, True):
        project = smart_project(project_copy, smart)
        code, output = run_cli(project, "update", "--lang", "es")
        assert code == 0, output
        po = polib.pofile(str(project / "locales/es/LC_MESSAGES/reminder.po"), wrapwidth=0)
        [entry] = [e for e in po if e.msgid.startswith("Bring your list")]
        budgets[smart] = [flag for flag in entry.flags if flag.startswith("max-length:")]
        shutil.rmtree(project)
    # One part: 70 UCS-2 units or 160 GSM-7 septets, less 1 for "555-0100" being longer than "{phone}".
    assert budgets == {False: ["max-length:69"], True: ["max-length:159"]}


# ------------------------------------------------------------------ the opaque link ({id})


def test_an_id_link_names_neither_the_handout_nor_the_language() -> None:
    settings = with_sms(link_template="https://example.org/h/{id}")
    for lang, doc in (("en", english()), ("es", spanish())):
        last = json.loads(files(doc, context(lang, settings))[".sms.json"])["messages"][-1]["text"]
        link = last.rsplit(" ", 1)[1]
        assert link == f"https://example.org/h/{link_id(lang, SLUG)}"
        assert SLUG not in link and f"/{lang}/" not in link


def test_the_json_file_gives_the_link_and_its_id() -> None:
    report = json.loads(
        files(spanish(), context("es", with_sms(link_template="https://example.org/h/{id}")))[".sms.json"]
    )
    assert (report["link_id"], report["link"]) == (link_id("es", SLUG), f"https://example.org/h/{link_id('es', SLUG)}")


def test_the_collection_maps_every_id_of_a_language_to_its_handout() -> None:
    ctx = context("es", with_sms(link_template="https://example.org/h/{id}"))
    other = dataclasses.replace(spanish(), slug="other-handout", path="source/other-handout.md")
    (links,) = SmsExporter().render_collection([spanish(), other], ctx)
    assert links.suffix == ".sms-links.json"
    assert json.loads(links.data)["links"] == {
        link_id("es", slug): {"document": slug, "link": f"https://example.org/h/{link_id('es', slug)}"}
        for slug in (SLUG, "other-handout")
    }


def test_two_handouts_with_one_id_are_an_error_naming_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("exporters.sms.sending.link_id", lambda lang, slug: "same0000")
    other = dataclasses.replace(spanish(), slug="other-handout", path="source/other-handout.md")
    with pytest.raises(ProblemError, match="'test-handout' and 'other-handout' have the same SMS link identifier"):
        SmsExporter().render_collection([spanish(), other], context("es"))
