"""WeasyPrint loads nothing but the document's own images under source/, read through ctx.assets."""

from __future__ import annotations

import dataclasses
import socket
from pathlib import Path, PurePosixPath

import pytest

from exporters.pdf import PdfExporter
from exporters.pdf.fetcher import AssetRequests, RefusedURL, asset_url
from exporters.pdf.render import render_pdf
from handoutkit.assets import Assets
from handoutkit.errors import ProblemError
from handoutkit.model import Origin
from tests.pdf_support import images, replace_block, translated

HOSTILE = ["file:///etc/passwd", "http://example.org/chart.png", "../handoutkit.toml.png", "/etc/passwd.png"]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the PDF exporter tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize("src", HOSTILE)
def test_an_image_outside_source_is_an_error_naming_document_and_line(src: str) -> None:
    doc, ctx = translated("es")
    chart = images(doc)[0]
    doc = replace_block(doc, chart, dataclasses.replace(chart, src=PurePosixPath(src)))
    (problem,) = PdfExporter().check(doc, ctx)
    assert problem.origin == chart.origin
    assert str(problem.origin).startswith("source/pain-medicine-at-home.md:")
    assert problem.kind == "pdf-image"
    with pytest.raises(ProblemError) as raised:
        PdfExporter().render(doc, ctx)
    assert raised.value.problems == (problem,)


def html_with(tag: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><h1>t</h1>{tag}</body></html>'


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/x.svg"])
def test_the_fetcher_refuses_any_other_url_and_the_rendering_stops(url: str) -> None:
    requests = AssetRequests(Assets(Path("source")))
    with pytest.raises(ProblemError) as raised:
        render_pdf(html_with(f'<img src="{url}" alt="x" />'), "", requests, doc_origin=Origin("source/x.md", 0))
    (problem,) = raised.value.problems
    assert problem.kind == "pdf-fetch"
    assert str(problem.origin) == "source/x.md"
    assert url in problem.message
    assert requests.refused[0][0] == url


def test_a_stylesheet_url_is_refused_too() -> None:
    requests = AssetRequests(Assets(Path("source")))
    with pytest.raises(ProblemError):
        css = "body { background: url(file:///etc/passwd) }"
        render_pdf(html_with("<p>x</p>"), css, requests, doc_origin=Origin("d", 0))


def test_an_svg_image_cannot_pull_in_other_files(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<image href="file:///etc/passwd" width="10" height="10"/></svg>'
    )
    (tmp_path / "images" / "trap.svg").write_text(svg)
    requests = AssetRequests(Assets(tmp_path))
    url = requests.allow("images/trap.svg", Origin("source/x.md", 7))
    with pytest.raises(ProblemError) as raised:
        render_pdf(html_with(f'<img src="{url}" alt="a trap" />'), "", requests, doc_origin=Origin("source/x.md", 0))
    (problem,) = raised.value.problems
    assert problem.origin == Origin("source/x.md", 7)
    assert "the <image> element loads another image" in problem.message
    assert "/etc/passwd" not in problem.message


def test_an_allowed_image_is_read_through_the_assets() -> None:
    doc, ctx = translated("en")
    requests = AssetRequests(ctx.assets)
    url = requests.allow(images(doc)[0].src, images(doc)[0].origin)
    data, media_type = requests.read(url)
    assert data.startswith(b"<svg") and media_type == "image/svg+xml"
    assert url == asset_url("images/dose-chart.svg") == "handoutkit-asset:images/dose-chart.svg"


def test_an_asset_url_that_was_not_allowed_is_refused() -> None:
    _, ctx = translated("en")
    with pytest.raises(RefusedURL):
        AssetRequests(ctx.assets).read(asset_url("images/dose-chart.svg"))


def test_a_logo_without_a_text_alternative_is_refused_even_past_the_configuration() -> None:
    """``load_config`` refuses a logo without ``logo_alt``; a context made another way fails when rendered."""
    doc, ctx = translated("es")
    organization = dataclasses.replace(ctx.settings.organization, logo="images/dose-chart.svg", logo_alt="")
    ctx = dataclasses.replace(ctx, settings=dataclasses.replace(ctx.settings, organization=organization))
    with pytest.raises(ProblemError) as raised:
        PdfExporter().render(doc, ctx)
    (problem,) = raised.value.problems
    assert problem.kind == "pdf-alt"
    assert str(problem.origin) == "handoutkit.toml"


def test_weasyprints_reason_for_a_failed_image_reaches_the_message() -> None:
    import logging

    from exporters.pdf.render import capture_weasyprint_log

    logger = logging.getLogger("weasyprint")
    with capture_weasyprint_log() as records:
        logger.error('Failed to load image at "handoutkit-asset:images/x.svg"')
        try:
            raise ValueError("unknown unit 'zz' in width")
        except ValueError:
            logger.debug("Error while loading image:", exc_info=True)
    assert [r.message for r in records] == [
        "Failed to load image at \"handoutkit-asset:images/x.svg\" (unknown unit 'zz' in width)"
    ]
