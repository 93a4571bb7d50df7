"""Hostile inputs an outside review found after the first suites: each is refused with its file (and
line where there is one) or built safely, never a traceback, and the other documents still build."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from handoutkit.images import DEFAULT_LIMITS, sanitize
from tests.conftest import run_cli

ES_PO = Path("locales/es/LC_MESSAGES")


def test_a_handout_named_like_the_collection_fails_alone_instead_of_being_overwritten(
    project_copy: Callable[..., Path],
) -> None:
    project = project_copy()
    (project / "source" / "fixture-handouts.md").write_text(
        (project / "source" / "basic.md").read_text("utf-8"), "utf-8"
    )
    code, output = run_cli(project, "--format", "epub", "--lang", "en", "--jobs", "1")
    assert code == 1
    assert "source/fixture-handouts.md: error: the name 'fixture-handouts' is the collection's file name" in output
    with zipfile.ZipFile(project / "output" / "en" / "fixture-handouts.epub") as book:
        assert sum(name.endswith(".xhtml") for name in book.namelist()) > 3  # the collection, not the handout
    assert (project / "output" / "en" / "basic.epub").is_file()


def test_a_handout_named_ui_fails_alone(project_copy: Callable[..., Path]) -> None:
    project = project_copy()
    (project / "source" / "ui.md").write_text((project / "source" / "basic.md").read_text("utf-8"), "utf-8")
    code, output = run_cli(project, "--format", "text", "--lang", "en", "--jobs", "1")
    assert code == 1
    assert "source/ui.md: error: the name 'ui' is reserved" in output
    assert (project / "output" / "en" / "basic.txt").is_file()


def test_a_plural_rule_that_divides_by_zero_is_a_problem_not_a_traceback(project_copy: Callable[..., Path]) -> None:
    project = project_copy()
    path = project / ES_PO / "basic.po"
    text = path.read_text("utf-8")
    path.write_text(text.replace("nplurals=2; plural=(n != 1);", "nplurals=0; plural=n/0;"), "utf-8")
    code, output = run_cli(project, "check", "--lang", "es")
    assert "Traceback" not in output
    assert "basic.po" in output and "Plural-Forms" in output
    assert code == 1


def test_a_charset_named_in_a_comment_does_not_change_how_the_catalog_is_read(
    project_copy: Callable[..., Path],
) -> None:
    project = project_copy()
    path = project / ES_PO / "basic.po"
    path.write_text("# charset=cp1252 (an old note)\n" + path.read_text("utf-8"), "utf-8")
    code, output = run_cli(project, "--format", "text", "--lang", "es", "--jobs", "1")
    assert code == 0, output
    text = (project / "output" / "es" / "basic.txt").read_text("utf-8")
    assert "Ã" not in text


def test_a_manifest_nested_a_hundred_thousand_deep_is_a_warning(project_copy: Callable[..., Path]) -> None:
    project = project_copy()
    (project / "output").mkdir()
    (project / "output" / ".handoutkit-manifest.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    code, output = run_cli(project, "--format", "text", "--lang", "en", "--jobs", "1")
    assert "Traceback" not in output
    assert "the manifest cannot be read (RecursionError" in output
    assert code == 0 and (project / "output" / "en" / "basic.txt").is_file()


def test_a_shard_count_too_large_is_refused(project_copy: Callable[..., Path]) -> None:
    project = project_copy()
    code, output = run_cli(project, "--shard", "1/99999999999", "--format", "text")
    assert code == 2
    assert "--shard" in output and "Traceback" not in output


def test_a_sixteen_bit_grey_png_becomes_an_eight_bit_one_that_every_format_draws() -> None:
    deep = Image.new("I;16", (32, 8))
    for x in range(32):
        for y in range(8):
            deep.putpixel((x, y), x * 2000)
    data = io.BytesIO()
    deep.save(data, "PNG")
    clean = Image.open(io.BytesIO(sanitize(data.getvalue(), ".png", DEFAULT_LIMITS).data))
    assert clean.mode == "L"
    assert clean.getextrema() == (0, round(31 * 2000 * 255 / 65535))


def test_a_cache_inside_the_output_folder_is_refused(project_copy: Callable[..., Path]) -> None:
    project = project_copy()
    code, output = run_cli(project, "--format", "text", "--cache", str(project / "output" / "cache"))
    assert code == 2
    assert "--cache" in output and "inside the output, source or locales folder" in output
    assert not (project / "output" / "cache").exists()


def test_links_that_are_not_what_they_claim_are_refused_at_their_line(project_copy: Callable[..., Path]) -> None:
    project = project_copy()
    path = project / "source" / "basic.md"
    text = path.read_text("utf-8")
    text = text.replace("(tel:+15550100)", "(tel:javascript:alert(1))")
    path.write_text(text, "utf-8")
    code, output = run_cli(project, "--format", "text", "--lang", "en", "--jobs", "1")
    assert code == 1
    assert "source/basic.md:" in output and "is not a phone number" in output


def test_an_organization_phone_that_is_not_a_number_is_a_configuration_error(
    project_copy: Callable[..., Path],
) -> None:
    project = project_copy()
    config = project / "handoutkit.toml"
    config.write_text(config.read_text("utf-8").replace('phone = "+1 555 0100"', 'phone = "javascript:alert(1)"'))
    code, output = run_cli(project, "--format", "text")
    assert code == 2
    assert "handoutkit.toml:8: error: organization phone is not a phone number" in output


def test_a_bidi_override_in_an_svgs_text_is_refused_with_its_line() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
        '<text x="1" y="9">\u202e7410-555 (305)</text>\n</svg>'
    )
    try:
        sanitize(svg.encode("utf-8"), ".svg", DEFAULT_LIMITS)
    except ValueError as refused:
        assert "line 2 of the SVG: its text holds U+202E RIGHT-TO-LEFT OVERRIDE" in str(refused)
    else:
        raise AssertionError("the SVG was accepted")


def test_phone_numbers_as_people_write_them_are_accepted() -> None:
    from handoutkit.inline import target_problem

    for number in ("(503) 555-0147", "+1 555 0100", "+1 (555) 010-0199", "5035550147", "555.0100"):
        assert target_problem(f"tel:{number}") is None, number
