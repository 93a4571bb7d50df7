"""The web edition of the project's own handouts (``source/``, ``locales/``, ``handoutkit.toml``), every
page of every language plus each language's list and the home page, in headless Chromium: axe-core
finds no violation of the WCAG 2.0/2.1/2.2 A and AA rules nor of the 7:1 contrast rule, in the light
and the dark colour scheme; pages reflow at 320 CSS px without horizontal scrolling, with WCAG 1.4.12's
text spacing too; body text is 18 px or more on screen and 18 pt in print; the Arabic page's phone
number is drawn left to right. One browser opens every page. Controls show that each measure can
fail: a page with an image without alt text, a table wider than the screen, and the Arabic phone
number without its isolation. A missing tool (Node.js, Chromium, puppeteer-core, axe-core) fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from handoutkit.languages import parse_language
from handoutkit.project import Project
from tests.browser_support import Box, edited_copy, reads_left_to_right
from tests.web_support import Site, browse, copy_project, write_site

REPO = Path(__file__).resolve().parent.parent
ARABIC_PAGE = "ar/stage-4-lung-cancer.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("web")
    project = copy_project(REPO, folder / "project")
    return write_site(project, folder / "output")


def _phone(site: Site) -> str:
    return Project.load(REPO).context(parse_language("ar")).settings.organization.phone


@pytest.fixture(scope="module")
def seen(site: Site) -> dict[str, dict[str, Any]]:
    """Every page measured once, the controls beside them, by one Chromium."""
    phone = _phone(site)
    arabic = site.pages[ARABIC_PAGE]
    controls = {
        "control-alt": edited_copy(
            site.pages["en/stage-4-lung-cancer.html"], 'alt="A drawing', 'data-x="A drawing', "alt"
        ),
        "control-wide": edited_copy(
            site.pages["en/questions-for-your-care-team.html"],
            "</main>",
            '<table><tr><td style="white-space: nowrap">' + "wide " * 40 + "</td></tr></table>\n</main>",
            "wide",
        ),
        "control-phone": edited_copy(arabic, f'<span dir="ltr">{phone}</span>', phone, "phone"),
    }
    requests: dict[Path, dict[str, Any]] = {
        path: {"axe": ["light", "dark"], "widths": [320]} for path in site.pages.values()
    }
    requests[arabic]["chars"] = [phone]
    requests[controls["control-alt"]] = {"axe": ["light"]}
    requests[controls["control-wide"]] = {"widths": [320]}
    requests[controls["control-phone"]] = {"chars": [phone]}
    found = browse(requests)
    named = {name: found[path] for name, path in site.pages.items()}
    named.update({name: found[path] for name, path in controls.items()})
    return named


def test_every_page_of_every_language_is_checked(site: Site) -> None:
    languages = {name.split("/")[0] for name in site.pages if "/" in name}
    assert languages == {"en", "es", "vi", "zh-Hans", "ar"}
    assert len(site.pages) == 5 * 3 + 1, "two handouts and the list in each language, and the home page"


def test_axe_finds_no_violation_in_any_page(seen: dict[str, dict[str, Any]], site: Site) -> None:
    found = {
        f"{name} ({scheme})": [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}" for v in violations]
        for name in site.pages
        for scheme, violations in seen[name]["axe"].items()
    }
    assert {page: v for page, v in found.items() if v} == {}
    assert len(found) == 2 * len(site.pages), "every page in the light and the dark scheme"


def test_axe_reports_an_image_without_alt_text(seen: dict[str, dict[str, Any]]) -> None:
    assert "image-alt" in {v["id"] for v in seen["control-alt"]["axe"]["light"]}


def test_no_page_runs_a_script(seen: dict[str, dict[str, Any]], site: Site) -> None:
    assert {name: seen[name]["scripts"] for name in site.pages if seen[name]["scripts"]} == {}


def test_every_page_reflows_at_320_px_with_and_without_text_spacing(
    seen: dict[str, dict[str, Any]], site: Site
) -> None:
    wide = {}
    for name in site.pages:
        for kind, measured in seen[name]["widths"]["320"].items():
            if measured["scrollWidth"] > measured["viewport"] or measured["clipped"]:
                wide[f"{name} ({kind})"] = measured
    assert wide == {}


def test_a_page_wider_than_the_screen_is_caught(seen: dict[str, dict[str, Any]]) -> None:
    measured = seen["control-wide"]["widths"]["320"]["plain"]
    assert measured["scrollWidth"] > measured["viewport"]


def test_body_text_is_18_px_on_screen_and_18_pt_in_print(seen: dict[str, dict[str, Any]], site: Site) -> None:
    small = {name: seen[name]["sizes"] for name in site.pages if seen[name]["sizes"]["screen"] < 18}
    assert small == {}
    small_print = {name: seen[name]["sizes"] for name in site.pages if seen[name]["sizes"]["print"] < 24}
    assert small_print == {}, "18 pt is 24 CSS px"


def _boxes(found: dict[str, Any], needle: str) -> tuple[Box | None, ...]:
    (place,) = found["chars"][needle]
    return tuple(Box(**box) if box else None for box in place)


def test_the_arabic_phone_number_reads_left_to_right(seen: dict[str, dict[str, Any]], site: Site) -> None:
    assert reads_left_to_right(_boxes(seen[ARABIC_PAGE], _phone(site)))


def test_without_its_isolation_the_arabic_phone_number_is_drawn_out_of_order(
    seen: dict[str, dict[str, Any]], site: Site
) -> None:
    assert not reads_left_to_right(_boxes(seen["control-phone"], _phone(site)))
