"""The index page tells Arabic screen-reader users which file to choose, in Arabic: text taken from a
right-to-left PDF comes out partly in the wrong order (README, "Known limitations"), the e-book and plain
text do not."""

from __future__ import annotations

from lxml import html


def test_the_index_points_right_to_left_readers_from_the_pdf_to_the_ebook_and_text(real_build):
    page = html.fromstring((real_build / "index.html").read_bytes())
    items = page.xpath("//li[a[@hreflang]]")
    notes = {
        (item.xpath("string(a/@href)"), item.xpath("string(span[@class='note'])").strip())
        for item in items
        if item.xpath("string(a/@href)").endswith(".pdf")
    }
    assert notes, "no PDF is listed"
    for href, note in notes:
        if href.startswith("ar/"):
            # "the e-book or the plain text", in the catalog's words, in the Arabic section's language
            assert "الكتاب الإلكتروني" in note and "النص العادي" in note, href
        else:
            assert note == "", href
    marked = page.xpath("//li[a[starts-with(@href, 'ar/')]]/span[@class='note'][@lang]")
    assert not marked, "the Arabic note is marked as another language than its section's"
