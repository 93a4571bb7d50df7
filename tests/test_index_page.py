"""The built-in home page, ``output/index.html``: every language of every handout, its files or why there
are none, in markup that holds whatever the titles hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import html

from handoutkit.index_html import IndexDocument, IndexEntry, IndexFile, index_html
from tests.conftest import run_cli

TRICKY = 'Fever & chills: "call" <now> it\'s <script>alert(1)</script>'


def _entry(**changes: object) -> IndexEntry:
    fields: dict[str, object] = {
        "tag": "ar",
        "dir": "rtl",
        "english_name": "Arabic",
        "native_name": "العربية",
        "title": TRICKY,
        "title_lang": "ar",
        "title_dir": "rtl",
        "files": (IndexFile("ar/a.pdf", "Large-print PDF", "12 KB", "application/pdf", note=TRICKY),),
        "notes": (),
    }
    fields.update(changes)
    return IndexEntry(**fields)  # type: ignore[arg-type]


def _page(*entries: IndexEntry, slug: str = "a") -> html.HtmlElement:
    text = index_html(
        lang="en",
        dir="ltr",
        title=TRICKY,
        intro="Every handout.",
        none_built="Not built yet in this language.",
        documents=[IndexDocument(slug, TRICKY, entries)],
    )
    return html.document_fromstring(text)


def test_titles_and_notes_are_text_whatever_characters_they_hold() -> None:
    page = _page(_entry())
    assert page.xpath("string(//title)") == TRICKY
    assert page.xpath("string(//h1)") == TRICKY
    assert page.xpath("string(//h2)") == TRICKY
    assert page.xpath("string(//p[@lang='ar'])") == TRICKY
    assert page.xpath("string(//span[@class='note'])") == TRICKY
    assert page.xpath("//script") == []


def test_a_language_is_named_in_english_and_in_itself_in_its_own_direction() -> None:
    heading = _page(_entry()).xpath("//h3")[0]
    assert heading.text_content() == "Arabic — العربية"
    span = heading.xpath("span")[0]
    assert (span.get("lang"), span.get("dir")) == ("ar", "rtl")


def test_a_language_without_files_or_reasons_says_it_is_not_built_yet() -> None:
    page = _page(_entry(files=(), notes=()), _entry(tag="es", files=(), notes=("Not available: no catalog.",)))
    paragraphs = [p.text_content() for p in page.xpath("//section[@class='language']/p[not(@lang)]")]
    assert paragraphs == ["Not built yet in this language.", "Not available: no catalog."]


def test_a_slug_makes_the_anchors_that_label_each_section() -> None:
    page = _page(_entry(), slug="fever")
    section = page.xpath("//section[@aria-labelledby='doc-fever']")[0]
    assert section.xpath("h2/@id") == ["doc-fever"]
    assert section.xpath("section/@aria-labelledby") == ["doc-fever-ar"]


def test_a_one_file_build_lists_every_language_and_no_collection(project_copy: Callable[..., Path]) -> None:
    project = project_copy("basic")
    code, output = run_cli(project, "--format", "text", "--lang", "en", "--doc", "basic")
    assert code == 0, output
    page = html.fromstring((project / "output/index.html").read_bytes())
    assert [h.text_content().split(" — ")[0] for h in page.xpath("//h3")][:3] == ["English", "Spanish", "Arabic"]
    assert page.xpath("//a/@href") == ["en/basic.txt"]
    assert "fixture-handouts" not in (project / "output/index.html").read_text(encoding="utf-8")
