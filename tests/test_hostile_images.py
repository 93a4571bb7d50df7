"""Images are sanitized, not copied (issue 12, point 4).

Every image is decoded and checked once, before any format uses it: a hostile or broken one fails the
handout that shows it, at the Markdown line that shows it, and the other handouts build; an accepted one
is carried by the PDF, the EPUB and the web edition as the same sanitized bytes, without its metadata.
Fixture images are in ``tests/data/hostile/images/``; the decompression bombs are made here, small on
disk (1 bit per pixel, zlib-compressed), never committed.
"""

from __future__ import annotations

import contextlib
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from PIL import Image, ImageChops, ImageStat

from handoutkit.images import ImageLimits, ImageRefused, sanitize
from tests.conftest import DATA, run_cli
from tests.hostile_support import forbid

IMAGES = DATA / "hostile" / "images"
SVG = "{http://www.w3.org/2000/svg}"

MARKERS = ("MARKER", "root:x:0:0")
"""Every fixture hides ``MARKER-…`` in what must not be published; ``root:x:0:0`` is /etc/passwd's first line."""

ACCEPTED = ("accessible.svg", "clean.png", "metadata.png", "metadata.jpg")
"""The fixtures that are safe once sanitized; every other one is refused."""


def png_of_declared_size(width: int, height: int) -> bytes:
    """A valid black-and-white PNG of ``width`` × ``height`` pixels, all white: a few hundred kilobytes
    on disk for 900 million pixels, the shape of a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    packer = zlib.compressobj(9)
    row = b"\0" + b"\xff" * ((width + 7) // 8)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """30000 × 30000 pixels (above twice Pillow's own limit)."""
    return png_of_declared_size(30000, 30000)


def refusal(name: str, limits: ImageLimits | None = None) -> str:
    path = IMAGES / name
    with pytest.raises(ImageRefused) as caught:
        sanitize(path.read_bytes(), path.suffix, *([limits] if limits else []))
    return str(caught.value)


# --- SVG: active content, outside references and entities are refused, naming the line in the SVG ---


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("script.svg", "line 4 of the SVG: the <script> element runs code"),
        ("onload.svg", "line 1 of the SVG: the 'onload' attribute of <svg> is an event handler"),
        (
            "javascript-link.svg",
            "line 3 of the SVG: the 'href' attribute of <a> points outside the image (a javascript: URL)",
        ),
        ("foreign-object.svg", "line 4 of the SVG: the <foreignObject> element embeds HTML"),
        ("tracking-pixel.svg", "line 4 of the SVG: the <image> element loads another image"),
        (
            "file-reference.svg",
            "line 4 of the SVG: the 'href' attribute of <use> points outside the image (a file: URL)",
        ),
        ("style-import.svg", "line 3 of the SVG: the <style> element imports another stylesheet (@import)"),
        ("style-url.svg", "line 3 of the SVG: the 'style' attribute of <rect> loads something from outside the image"),
        ("css-escape.svg", "line 2 of the SVG: the 'fill' attribute of <rect> has a CSS escape"),
        ("html-script.svg", "line 3 of the SVG: <script> is an HTML element"),
        ("set-href.svg", "line 4 of the SVG: the <set> element changes the image while it is shown"),
        ("use-loop.svg", "line 2 of the SVG: <use> elements refer to each other in a loop"),
        ("xxe.svg", "it has a DOCTYPE"),
        ("not-svg-root.svg", "its root element is <html>"),
        ("malformed.svg", "it is not well-formed XML"),
    ],
)
def test_a_hostile_svg_is_refused_with_the_reason_and_its_line(name: str, reason: str) -> None:
    message = refusal(name)
    assert reason in message
    assert not any(marker in message for marker in MARKERS)


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-SECRET-FILE")
    svg = (
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&s;</text></svg>'
    ).encode()
    with pytest.raises(ImageRefused, match="DOCTYPE") as caught:
        sanitize(svg, ".svg")
    assert "MARKER" not in str(caught.value)


def test_an_svg_that_repeats_itself_through_use_is_refused() -> None:
    levels = ['<g id="l0"><rect width="1" height="1"/></g>']
    levels += [f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 7)]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><defs>' + "".join(levels) + '</defs><use href="#l6"/></svg>'
    ).encode()
    with pytest.raises(ImageRefused, match=r"it would draw more than 100000 elements"):
        sanitize(svg, ".svg")


def test_an_accessible_svg_keeps_its_drawing_name_and_description_and_loses_its_metadata() -> None:
    original = (IMAGES / "accessible.svg").read_bytes()
    clean = sanitize(original, ".svg")
    root = etree.fromstring(clean.data)
    assert clean.media_type == "image/svg+xml"
    assert root.findtext(f"{SVG}title") == "Two arrows"
    assert root.findtext(f"{SVG}desc") == "An arrow points from a circle to a square."
    assert (root.get("role"), root.get("aria-labelledby")) == ("img", "t d")
    drawn = [el.tag.removeprefix(SVG) for el in root.iter() if isinstance(el.tag, str)]
    assert drawn == [
        *("svg", "title", "desc", "defs", "linearGradient", "stop", "stop", "marker", "path", "circle"),
        *("use", "rect", "path", "text"),
    ]
    (use,), (rect,), (text,) = (root.findall(f"{SVG}{tag}") for tag in ("use", "rect", "text"))
    assert use.get("{http://www.w3.org/1999/xlink}href") == "#dot"
    assert rect.get("style") == "fill: url(#fade); stroke: #000"  # the form WeasyPrint reads
    assert text.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert b"MARKER" in original
    assert b"MARKER" not in clean.data
    assert b"<!--" not in clean.data


# --- raster images: decoded in full, refused when broken or too large, re-encoded without metadata ---


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("corrupt.png", "the PNG image cannot be decoded"),
        ("truncated.png", "the PNG image cannot be decoded"),
        ("png-named.jpg", "its name says JPEG but its content is a PNG image"),
        ("svg-named.png", "its name says PNG but its content is an SVG image"),
    ],
)
def test_a_broken_or_misnamed_raster_image_is_refused(name: str, reason: str) -> None:
    assert reason in refusal(name)


def test_a_decompression_bomb_is_refused_before_it_is_decoded(bomb: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(bomb) < 200_000
    forbid(monkeypatch, "PIL.ImageFile.ImageFile.load", "decoding the pixels")
    forbid(monkeypatch, "PIL.PngImagePlugin.PngImageFile.verify", "reading the compressed image data")
    with pytest.raises(ImageRefused) as caught:
        sanitize(bomb, ".png")
    message = str(caught.value)
    assert "it declares 900,000,000 pixels, more than the limit of 40,000,000: a decompression bomb" in message


def test_an_image_above_our_own_pixel_limit_is_refused_below_pillows() -> None:
    with pytest.raises(ImageRefused, match=r"it declares 8000 × 8000 pixels \(64,000,000\), more than the limit"):
        sanitize(png_of_declared_size(8000, 8000), ".png")


def test_the_pixel_limit_is_configurable() -> None:
    data = (IMAGES / "clean.png").read_bytes()  # 40 × 30
    assert "more than the limit of 1,199" in refusal("clean.png", ImageLimits(max_pixels=1199))
    assert sanitize(data, ".png", ImageLimits(max_pixels=1200)).media_type == "image/png"


@pytest.mark.parametrize("name", ["metadata.png", "metadata.jpg"])
def test_metadata_is_stripped_and_the_pixels_kept(name: str) -> None:
    original = (IMAGES / name).read_bytes()
    clean = sanitize(original, Path(name).suffix)
    assert b"MARKER" in original
    assert b"MARKER" not in clean.data
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(clean.data)) as after:
        assert not set(after.info) & {"exif", "comment", "Comment", "Author", "icc_profile", "xmp", "XML:com.adobe.xmp"}
        assert len(after.getexif()) == 0
        difference = ImageStat.Stat(ImageChops.difference(before.convert("RGB"), after.convert("RGB")))
        if name.endswith(".png"):
            assert difference.extrema == [(0, 0)] * 3  # the same pixels
        else:
            assert max(difference.mean) < 2  # one more JPEG generation, with the original's tables


def test_an_exif_rotation_is_applied_before_the_exif_is_dropped() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#036").save(buffer, "JPEG", exif=exif.tobytes())
    with Image.open(io.BytesIO(sanitize(buffer.getvalue(), ".jpg").data)) as upright:
        assert upright.size == (20, 40)


@pytest.mark.parametrize("name", ["accessible.svg", "metadata.png"])
def test_sanitizing_is_deterministic_and_a_sanitized_image_is_left_as_it_is(name: str) -> None:
    suffix = Path(name).suffix
    once = sanitize((IMAGES / name).read_bytes(), suffix).data
    assert sanitize((IMAGES / name).read_bytes(), suffix).data == once
    assert sanitize(once, suffix).data == once


# --- a project: one handout per fixture image, built in the PDF, the EPUB and the web edition ---

FORMATS = ("pdf", "epub", "web")
IMAGE_LINE = 10


@dataclass(frozen=True)
class Build:
    project: Path
    code: int
    output: str
    slugs: dict[str, str]
    """The handout's slug for each image file name."""

    def built(self, slug: str, fmt: str) -> bool:
        suffix = {"pdf": ".pdf", "epub": ".epub", "web": ".html"}[fmt]
        return (self.project / "output" / "en" / f"{slug}{suffix}").is_file()


def handout(title: str, image: str | None) -> str:
    lines = ["---", f"title: {title}", "summary: A test handout.", "updated: 2026-11-02", "references: []"]
    lines += ["---", "", "## Part", "", f"![A red square on white]({image})" if image else "No image here."]
    assert not image or lines[IMAGE_LINE - 1].startswith("![")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory, bomb: bytes) -> Build:
    project = tmp_path_factory.mktemp("hostile-images")
    (project / "handoutkit.toml").write_text(
        'source_language = "en"\nlanguages = ["en"]\n\n[organization]\nname = "Fixture Clinic"\nphone = "+1 555 0100"\n'
    )
    images = project / "source" / "images"
    images.mkdir(parents=True)
    for path in IMAGES.iterdir():
        images.joinpath(path.name).write_bytes(path.read_bytes())
    images.joinpath("bomb.png").write_bytes(bomb)
    slugs = {}
    for path in sorted(images.iterdir()):
        slug = "img-" + re.sub(r"[^a-z0-9]+", "-", path.name.lower())
        slugs[path.name] = slug
        (project / "source" / f"{slug}.md").write_text(handout(path.name, f"images/{path.name}"))
    (project / "source" / "plain.md").write_text(handout("Plain", None))
    docs = [arg for slug in [*slugs.values(), "plain"] for arg in ("--doc", slug)]
    code, output = run_cli(project, "--lang", "en", "--format", ",".join(FORMATS), *docs)
    return Build(project, code, output, slugs)


def test_the_pdf_the_epub_and_the_web_edition_accept_and_refuse_the_same_images(build: Build) -> None:
    accepted = {name for name, slug in build.slugs.items() if all(build.built(slug, fmt) for fmt in FORMATS)}
    refused = {name for name, slug in build.slugs.items() if not any(build.built(slug, fmt) for fmt in FORMATS)}
    assert accepted == set(ACCEPTED), build.output
    assert refused == set(build.slugs) - set(ACCEPTED), build.output


def test_a_refused_image_fails_its_handout_alone_once_at_the_markdown_line(build: Build) -> None:
    assert build.code != 0
    assert "Traceback" not in build.output
    assert all(build.built("plain", fmt) for fmt in FORMATS)
    for name, slug in build.slugs.items():
        if name in ACCEPTED:
            continue
        located = f"source/{slug}.md:{IMAGE_LINE}: error: image 'images/{name}' cannot be used: "
        assert build.output.count(located) == 1, (name, build.output)


def output_texts(output: Path) -> Iterator[tuple[str, bytes]]:
    """Every output file's bytes, EPUB entries unzipped and PDF streams decoded."""
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield str(path), data
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                for entry in book.namelist():
                    yield f"{path}!{entry}", book.read(entry)
        elif path.suffix == ".pdf":
            with pikepdf.open(path) as pdf:
                for number, obj in enumerate(pdf.objects):
                    if isinstance(obj, pikepdf.Stream):
                        yield f"{path}#{number}", obj.read_raw_bytes()
                        with contextlib.suppress(pikepdf.PdfError):  # a filter pikepdf does not decode
                            yield f"{path}#{number}", obj.read_bytes()


def test_no_marker_of_a_hostile_image_or_its_metadata_reaches_any_output(build: Build) -> None:
    leaks = [
        name
        for name, data in output_texts(build.project / "output")
        if any(marker.encode() in data for marker in MARKERS)
    ]
    assert leaks == []


def test_every_format_carries_the_same_sanitized_bytes(build: Build) -> None:
    for name in ACCEPTED:
        slug = build.slugs[name]
        expected = sanitize((IMAGES / name).read_bytes(), Path(name).suffix).data
        with zipfile.ZipFile(build.project / "output" / "en" / f"{slug}.epub") as book:
            [entry] = [n for n in book.namelist() if "/images/" in n]
            assert book.read(entry) == expected
        page = (build.project / "output" / "en" / f"{slug}.html").read_text()
        [asset] = re.findall(r'src="\.\./(assets/[0-9a-f]+\.\w+)"', page)
        assert (build.project / "output" / asset).read_bytes() == expected


def test_a_refused_logo_is_one_configuration_error_at_the_line_of_its_key(tmp_path: Path) -> None:
    config = (
        'source_language = "en"\nlanguages = ["en"]\n\n[organization]\nname = "Fixture Clinic"\n'
        'phone = "+1 555 0100"\nlogo = "images/script.svg"\nlogo_alt = "The clinic\'s logo"\n'
    )
    (tmp_path / "handoutkit.toml").write_text(config)
    (tmp_path / "source" / "images").mkdir(parents=True)
    (tmp_path / "source" / "images" / "script.svg").write_bytes((IMAGES / "script.svg").read_bytes())
    (tmp_path / "source" / "a.md").write_text(handout("A", None))
    (tmp_path / "source" / "b.md").write_text(handout("B", None))
    code, output = run_cli(tmp_path, "--lang", "en", "--format", ",".join(FORMATS))
    assert code != 0
    assert output.count("handoutkit.toml:7: error: organization logo 'images/script.svg' cannot be used: ") == 1
    assert "handoutkit.toml: error" not in output
