"""The site's home page from the build's records (tests/data/web/home/records.json, as a manifest
would give them): every handout grouped by language, each language's part in that language, files
said in words with a PDF's page count, developer JSON left out, the draft notice on a handout not
reviewed in that language. Compared with the hand-checked tests/data/web/home/index.html."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html

from exporters.web.home import HomeHandout, HomeRecord, home_page
from handoutkit.exporter import SiteFile
from handoutkit.languages import parse_language
from handoutkit.project import Project

DATA = Path(__file__).parent / "data" / "web"
EXPECTED = DATA / "home" / "index.html"


def _records() -> list[HomeRecord]:
    found = json.loads((DATA / "home" / "records.json").read_text(encoding="utf-8"))
    return [
        HomeRecord(
            parse_language(r["lang"]),
            HomeHandout(r["slug"], r["title"], r["title_lang"], r["reviewed"]),
            tuple(SiteFile(**f) for f in r["files"]),
        )
        for r in found
    ]


def _page() -> bytes:
    project = Project.load(DATA / "project")
    contexts = {language.tag: project.context(language) for language in project.config.languages}
    return home_page(_records(), contexts, contexts["en"])


def _main(data: bytes) -> str:
    """The page's ``main``, without the style sheet every page shares."""
    main = html.fromstring(data).find(".//main")
    assert main is not None
    return str(html.tostring(main, encoding="unicode"))


def test_the_home_page_is_the_expected_one() -> None:
    assert _main(_page()) == _main(EXPECTED.read_bytes())


def test_developer_files_are_left_out() -> None:
    hrefs = html.fromstring(_page()).xpath("//a/@href")
    assert not [href for href in hrefs if href.endswith(".json")]
    assert "en/eating.odt" in hrefs, "a format without words of its own keeps its exporter's label"


def test_each_language_part_is_in_its_language() -> None:
    root = html.fromstring(_page())
    assert root.get("lang") == "en"
    sections = root.xpath("//main/section[@class='language']")
    assert [(s.get("lang"), s.get("dir")) for s in sections] == [(None, None), ("ar", "rtl")]
    (notice,) = root.xpath("//p[contains(@class, 'warning')]")
    assert notice.xpath("ancestor::section/@lang") == ["ar"]
