"""The web edition's pages as HTML: what every handout page holds and in which landmark, the
language switcher, images as site files, relative links only and no script; then each language's
list of handouts. The fixture project (tests/data/web/project) has two handouts in five languages,
one of them partly translated, an informative and a decorative image."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from lxml import html
from lxml.html import HtmlElement

from exporters.web import WebExporter
from handoutkit.languages import parse_language
from handoutkit.project import Project

PROJECT = Path(__file__).parent / "data" / "web" / "project"
LANGS = ("en", "es", "vi", "zh-Hans", "ar")
SLUGS = ("breathing", "eating")


@functools.cache
def project() -> Project:
    return Project.load(PROJECT)


@functools.cache
def page_bytes(slug: str, lang: str) -> bytes:
    language = parse_language(lang)
    files = WebExporter().render(project().translate(slug, language).document, project().context(language))
    (output,) = [file for file in files if not file.shared_path]
    assert output.suffix == ".html"
    return output.data


def page(slug: str, lang: str) -> HtmlElement:
    return html.fromstring(page_bytes(slug, lang))


@functools.cache
def collection_bytes(lang: str) -> bytes:
    language = parse_language(lang)
    docs = [project().translate(slug, language).document for slug in SLUGS]
    (output,) = WebExporter().render_collection(docs, project().context(language))
    return output.data


EVERY = [(slug, lang) for slug in SLUGS for lang in LANGS]


@pytest.mark.parametrize(("slug", "lang"), EVERY)
def test_the_page_states_its_language_and_direction(slug: str, lang: str) -> None:
    root = page(slug, lang)
    assert root.get("lang") == lang
    assert root.get("dir") == ("rtl" if lang == "ar" else "ltr")


@pytest.mark.parametrize(("slug", "lang"), EVERY)
def test_one_h1_the_title_inside_main(slug: str, lang: str) -> None:
    root = page(slug, lang)
    (h1,) = root.xpath("//h1")
    assert h1.xpath("ancestor::main")
    assert h1.text_content() == project().translate(slug, parse_language(lang)).document.meta.title.text


@pytest.mark.parametrize(("slug", "lang"), EVERY)
def test_landmarks_header_contents_nav_main_and_footer_with_the_contact(slug: str, lang: str) -> None:
    root = page(slug, lang)
    body = root.find("body")
    assert body is not None
    assert [child.tag for child in body] == ["a", "header", "main", "footer"]
    assert root.xpath("//main//nav[@class='contents']/ol/li/a[starts-with(@href, '#')]")
    assert root.xpath("//footer/section[@class='contact']//a[starts-with(@href, 'tel:')]")


@pytest.mark.parametrize(("slug", "lang"), EVERY)
def test_the_skip_link_comes_first_and_leads_to_main(slug: str, lang: str) -> None:
    root = page(slug, lang)
    first_link = root.xpath("//a")[0]
    assert first_link.get("href") == "#main"
    assert root.xpath("//main/@id") == ["main"]


@pytest.mark.parametrize(("slug", "lang"), EVERY)
def test_every_contents_link_has_a_target(slug: str, lang: str) -> None:
    root = page(slug, lang)
    ids = set(root.xpath("//@id"))
    for href in root.xpath("//nav[@class='contents']//a/@href"):
        assert href[1:] in ids, href


@pytest.mark.parametrize("lang", LANGS)
def test_the_review_notice_comes_first_in_main(lang: str) -> None:
    main = page("eating", lang).find(".//main")
    assert main is not None
    first = main[0]
    assert first.get("class") == "notices"
    assert first.xpath("p[contains(@class, 'warning')]/strong"), "the draft notice stands out"


def test_the_arabic_phone_number_is_isolated_left_to_right_inside_its_tel_link() -> None:
    (link,) = page("eating", "ar").xpath("//footer//a[starts-with(@href, 'tel:')]")
    (span,) = link.findall("span")
    assert span.get("dir") == "ltr"
    assert span.text == project().context(parse_language("ar")).settings.organization.phone


def test_an_untranslated_paragraph_keeps_the_source_language() -> None:
    """The Vietnamese translation leaves a paragraph in English: it is tagged as English."""
    tagged = page("breathing", "vi").xpath("//main//p[@lang='en']")
    assert tagged
    assert {p.get("dir") for p in tagged} == {"ltr"}


def test_references_are_an_ordered_list_in_their_section() -> None:
    items = page("eating", "en").xpath("//section[@class='references']/ol/li")
    assert len(items) == len(project().document("eating").meta.references)


def test_an_informative_image_is_a_figure_with_its_alt_text_and_a_decorative_one_has_empty_alt() -> None:
    root = page("breathing", "en")
    (figure_img,) = root.xpath("//figure/img")
    assert figure_img.get("alt") == (
        "A person sitting in a chair and leaning forward, with both arms resting on a table."
    )
    (decorative,) = root.xpath("//div[@class='image']/img")
    assert decorative.get("alt") == ""


def test_images_are_site_files_named_by_their_bytes_and_linked_relatively() -> None:
    language = parse_language("ar")
    doc = project().translate("breathing", language).document
    files = [f for f in WebExporter().render(doc, project().context(language)) if f.shared_path]
    assert {f.data for f in files} == {
        (PROJECT / "source" / "images" / name).read_bytes() for name in ("lean-forward.svg", "divider.svg")
    }
    for file in files:
        assert re.fullmatch(r"assets/[0-9a-f]{16}\.svg", file.shared_path)
    assert sorted(page("breathing", "ar").xpath("//img/@src")) == sorted(f"../{f.shared_path}" for f in files)
    english = [
        f
        for f in WebExporter().render(
            project().translate("breathing", parse_language("en")).document, project().context(parse_language("en"))
        )
        if f.shared_path
    ]
    assert english == files, "the same image has the same name in every language"


@pytest.mark.parametrize(("slug", "lang"), EVERY)
def test_no_script_and_no_event_handler(slug: str, lang: str) -> None:
    root = page(slug, lang)
    assert not root.xpath("//script | //noscript")
    assert not [name for element in root.iter() for name in element.attrib if name.startswith("on")]
    assert b"javascript:" not in page_bytes(slug, lang)


@pytest.mark.parametrize(("slug", "lang"), EVERY)
def test_every_local_link_is_relative(slug: str, lang: str) -> None:
    root = page(slug, lang)
    for link in root.xpath("//@href | //@src"):
        if re.match(r"(https?|tel|mailto):", link):
            continue
        assert not link.startswith(("/", "file:")), link
        assert "://" not in link, link


@pytest.mark.parametrize("lang", LANGS)
def test_the_switcher_links_every_language_by_its_own_name(lang: str) -> None:
    links = page("eating", lang).xpath("//header/nav[@class='languages']//a")
    assert [a.get("hreflang") for a in links] == list(LANGS)
    assert [a.get("href") for a in links] == [f"../{tag}/eating.html" for tag in LANGS]
    names = {a.get("hreflang"): a.text_content() for a in links}
    assert names == {"en": "English", "es": "Español", "vi": "Tiếng Việt", "zh-Hans": "中文 (简体)", "ar": "العربية"}
    for a in links:
        assert (a.get("lang") is None) == (a.get("hreflang") == lang), "a name in another language is tagged"
    (current,) = [a for a in links if a.get("aria-current") == "page"]
    assert current.get("hreflang") == lang


def test_the_page_lists_its_alternates_in_the_head() -> None:
    alternates = page("eating", "es").xpath("//head/link[@rel='alternate']")
    assert {link.get("hreflang"): link.get("href") for link in alternates} == {
        tag: f"../{tag}/eating.html" for tag in LANGS if tag != "es"
    }


def test_the_body_size_option_reaches_the_style_sheet() -> None:
    """The fixture sets ``[web] body_size = 22``: 22 / 16 rem."""
    (style,) = page("eating", "en").xpath("//style/text()")
    assert "--body-size: 1.375rem;" in style


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_list_links_each_handout_with_its_draft_notice(lang: str) -> None:
    root = html.fromstring(collection_bytes(lang))
    assert root.get("lang") == lang
    assert len(root.xpath("//h1")) == 1
    items = root.xpath("//main/ul[@class='handouts']/li")
    assert [item.xpath("h2/a/@href")[0] for item in items] == [f"{slug}.html" for slug in SLUGS]
    for item in items:
        assert item.xpath(".//p[contains(@class, 'warning')]"), "the fixture's handouts are not reviewed"
    assert root.xpath("//header//a[@href='../index.html']")
    assert [a.get("href") for a in root.xpath("//nav[@class='languages']//a")] == [
        f"../{tag}/patient-handouts.html" for tag in LANGS
    ]
