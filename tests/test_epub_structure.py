"""The structure of the EPUB books: pages, navigation, headings, lists, images, notices, contact details."""

from __future__ import annotations

import itertools
import re

from lxml import etree

from exporters.epub.readback import EpubFile
from tests.test_epub_books import collection, context, handout

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def spine_files(book: EpubFile) -> list[str]:
    return [path.removeprefix("EPUB/") for path, _ in book.spine()]


def headings(book: EpubFile) -> list[tuple[int, str]]:
    """(level, text) of every heading, in reading order, the navigation document left out."""
    found = []
    for path in book.reading_order():
        for element in book.xhtml(path).iter():
            if isinstance(element.tag, str) and re.fullmatch(rf"{re.escape(XHTML)}h[1-6]", element.tag):
                found.append((int(element.tag[-1]), "".join(element.itertext())))
    return found


def page(book: EpubFile, name: str) -> etree._Element:
    return book.xhtml(f"EPUB/{name}")


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_a_handout_has_one_page_per_h2_section_in_reading_order() -> None:
    assert spine_files(handout("breathing", "en")) == [
        "cover.xhtml",
        "title.xhtml",
        "nav.xhtml",
        "section-01.xhtml",
        "section-02.xhtml",
        "references.xhtml",
        "contact.xhtml",
    ]


def test_each_section_page_starts_with_its_h2() -> None:
    book = handout("breathing", "en")
    first = page(book, "section-02.xhtml").find(f".//{XHTML}section/*")
    assert first.tag == f"{XHTML}h2"
    assert text_of(first) == "When to call your care team"


def test_the_title_page_puts_the_main_message_first_after_the_organization_and_the_title() -> None:
    section = page(handout("breathing", "en"), "title.xhtml").find(f".//{XHTML}section")
    children = list(section)
    assert children[0].get("class") == "organization" and text_of(children[0]) == "Riverside Community Clinic"
    assert children[1].tag == f"{XHTML}h1"
    assert text_of(children[1]) == "Shortness of breath at home"
    assert "summary" in children[2].get("class")
    assert text_of(children[2]).startswith("Main message Feeling short of breath is common with lung cancer.")


def test_headings_nest_without_skipping_a_level() -> None:
    for book in (handout("breathing", "es"), collection("ar")):
        levels = [level for level, _ in headings(book)]
        assert levels[0] == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_a_collection_puts_each_handout_one_level_down_under_its_title() -> None:
    found = headings(collection("en"))
    assert found[:3] == [(1, "Handouts for patients"), (2, "Shortness of breath at home"), (3, "What you can do now")]
    assert (4, "At night") in found
    assert (2, "Eating well during treatment") in found


def test_the_collection_title_comes_from_the_configuration_through_the_ui_catalog() -> None:
    assert collection("es").dc("title") == ["Folletos para pacientes"]
    assert collection("en").dc("title") == [context("en").config.collection_title]


def test_the_table_of_contents_lists_every_page_with_subsections_nested() -> None:
    nav = page(handout("breathing", "en"), "nav.xhtml")
    toc = nav.find(f".//{XHTML}nav[@{EPUB_TYPE}='toc']")
    top = toc.find(f"{XHTML}ol")
    labels = [text_of(li.find(f"{XHTML}a")) for li in top.findall(f"{XHTML}li")]
    assert labels == [
        "Shortness of breath at home",
        "What you can do now",
        "When to call your care team",
        "References",
        "Contact us",
    ]
    nested = top.findall(f"{XHTML}li")[1].find(f"{XHTML}ol/{XHTML}li/{XHTML}a")
    assert (text_of(nested), nested.get("href")) == ("At night", "section-01.xhtml#h-at-night")


def test_the_collection_contents_hold_each_handout_with_its_sections() -> None:
    nav = page(collection("en"), "nav.xhtml")
    top = nav.find(f".//{XHTML}nav[@{EPUB_TYPE}='toc']/{XHTML}ol")
    parts = top.findall(f"{XHTML}li")
    assert [text_of(li.find(f"{XHTML}a")) for li in parts] == [
        "Handouts for patients",
        "Shortness of breath at home",
        "Eating well during treatment",
        "Contact us",
    ]
    eating = [text_of(a) for a in parts[2].findall(f"{XHTML}ol/{XHTML}li/{XHTML}a")]
    assert eating == ["Small meals", "Drinks", "References"]


def test_landmarks_name_the_cover_contents_start_and_references() -> None:
    nav = page(handout("breathing", "es"), "nav.xhtml")
    landmarks = nav.find(f".//{XHTML}nav[@{EPUB_TYPE}='landmarks']")
    assert text_of(landmarks.find(f"{XHTML}h2")) == "Partes principales"
    links = [(a.get(EPUB_TYPE), a.get("href"), text_of(a)) for a in landmarks.iter(f"{XHTML}a")]
    assert links == [
        ("cover", "cover.xhtml", "Portada"),
        ("toc", "nav.xhtml#toc", "Contenido"),
        ("bodymatter", "title.xhtml", "Inicio del contenido"),
        ("bibliography", "references.xhtml", "Referencias"),
    ]


def test_the_navigation_document_is_declared_once() -> None:
    book = handout("eating", "vi")
    navs = [item for item in book.manifest().values() if "nav" in (item.get("properties") or "").split()]
    assert [item.get("href") for item in navs] == ["nav.xhtml"]


def test_lists_stay_lists_with_nesting_and_numbering() -> None:
    section = page(handout("breathing", "en"), "section-01.xhtml")
    ordered = section.find(f".//{XHTML}ol")
    items = ordered.findall(f"{XHTML}li")
    assert len(items) == 3
    nested = items[1].find(f"{XHTML}ul")
    assert [text_of(li) for li in nested.findall(f"{XHTML}li")] == [
        "Count to two as you breathe in.",
        "Count to four as you breathe out.",
    ]


def test_an_informative_image_has_its_alt_text_and_a_decorative_one_is_hidden() -> None:
    book = handout("breathing", "zh-Hans")
    informative = page(book, "section-01.xhtml").find(f".//{XHTML}img")
    assert informative.get("alt") == "一个人坐在椅子上，身体前倾，双臂放在桌子上。"
    decorative = page(book, "section-02.xhtml").find(f".//{XHTML}img")
    assert (decorative.get("alt"), decorative.get("role")) == ("", "presentation")


def test_images_are_stored_once_under_stable_names() -> None:
    book = collection("en")
    images = sorted(name for name in book.names if name.startswith("EPUB/images/"))
    assert images == ["EPUB/images/img-1.svg", "EPUB/images/img-2.svg"]
    source = (context("en").assets.root / "images" / "lean-forward.svg").read_bytes()
    assert book.files["EPUB/images/img-1.svg"] == source


def test_the_references_page_lists_each_reference_with_its_link() -> None:
    references = page(handout("breathing", "en"), "references.xhtml")
    section = references.find(f".//{XHTML}section")
    assert (section.get(EPUB_TYPE), section.get("role")) == ("bibliography", "doc-bibliography")
    items = section.findall(f"{XHTML}ol/{XHTML}li")
    assert [text_of(li) for li in items] == [
        "National Cancer Institute (2023). Shortness of Breath (Dyspnea) and Cancer.",
        "American Cancer Society (2024). Managing shortness of breath.",
    ]
    link = items[0].find(f"{XHTML}a")
    assert link.get("href") == "https://www.cancer.gov/about-cancer/treatment/side-effects/shortness-of-breath"
    assert items[1].find(f"{XHTML}a") is None


def test_review_status_is_in_the_books_language() -> None:
    notices = [text_of(p) for p in page(handout("breathing", "es"), "title.xhtml").iter(f"{XHTML}p")]
    assert "Contenido médico revisado por Dr. Ana Ruiz el 10 de noviembre de 2026." in notices
    assert "Traducción revisada por Lic. María Gómez el 21 de noviembre de 2026." in notices
    assert "Actualizado el 2 de noviembre de 2026." in notices


def test_an_unreviewed_translation_says_so_prominently() -> None:
    title = page(handout("breathing", "ar"), "title.xhtml")
    warning = [p for p in title.iter(f"{XHTML}p") if text_of(p) == "لم يراجعه بعد مراجع مؤهل."]
    assert len(warning) == 1
    assert warning[0].find(f"{XHTML}strong") is not None


def test_the_contact_page_links_the_phone_number_and_website() -> None:
    contact = page(handout("eating", "es"), "contact.xhtml")
    assert text_of(contact.find(f".//{XHTML}h2")) == "Contáctenos"
    paragraphs = contact.findall(f".//{XHTML}p")
    assert text_of(paragraphs[0]) == "¿Preguntas? Llame a Riverside Community Clinic al +1 555 0100."
    assert paragraphs[0].find(f"{XHTML}a").get("href") == "tel:+15550100"
    assert text_of(paragraphs[1]) == "Sitio web: https://clinic.example"
    assert paragraphs[1].find(f"{XHTML}a").get("href") == "https://clinic.example"


def test_the_contact_details_close_the_collection_once() -> None:
    files = spine_files(collection("vi"))
    assert files[-1] == "contact.xhtml"
    assert files.count("contact.xhtml") == 1


def test_every_page_links_the_one_style_sheet() -> None:
    book = handout("breathing", "en")
    for path in book.content_documents():
        links = book.xhtml(path).findall(f"{XHTML}head/{XHTML}link")
        assert [link.get("href") for link in links] == ["style.css"], path
    assert book.manifest()["style-css"].get("media-type") == "text/css"


def test_the_cover_page_shows_the_cover_image_with_the_title_as_alt_text() -> None:
    book = handout("breathing", "vi")
    image = page(book, "cover.xhtml").find(f".//{XHTML}img")
    assert (image.get("src"), image.get("alt"), image.get("role")) == ("cover.svg", "Khó thở khi ở nhà", "doc-cover")
    cover = [item for item in book.manifest().values() if item.get("properties") == "cover-image"]
    assert [item.get("href") for item in cover] == ["cover.svg"]


def test_the_cover_image_holds_no_text_but_the_title() -> None:
    for book, title in ((handout("breathing", "ar"), "ضيق التنفس في المنزل"), (collection("zh-Hans"), "患者资料")):
        svg = etree.fromstring(book.files["EPUB/cover.svg"])
        texts = svg.findall(".//{http://www.w3.org/2000/svg}text")
        assert "".join(t.text for t in texts).replace(" ", "") == title.replace(" ", "")
        assert svg.findtext("{http://www.w3.org/2000/svg}title") == title
        assert svg.get("{http://www.w3.org/XML/1998/namespace}lang") == book.dc("language")[0]
