"""The EPUB exporter as a plugin: what it declares, what importing it costs, its style sheet, its errors."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from importlib.resources import files
from pathlib import PurePosixPath
from typing import Any

import pytest
import tinycss2

from exporters.epub import EpubExporter
from exporters.epub.cover import cover_image, wrap_title
from exporters.epub.messages import EPUB_UI_MESSAGES
from handoutkit.errors import ProblemError
from handoutkit.exporter import CollectionExporter
from handoutkit.model import Image, Origin
from handoutkit.ui import CORE_UI_MESSAGES
from tests.test_epub_books import SLUGS, context, document

FIXED_UNITS = {"px", "pt", "pc", "cm", "mm", "in", "q"}
COLOUR_PROPERTIES = {"color", "background", "background-color", "border-color", "outline-color", "fill", "stroke"}


def test_importing_the_exporter_does_not_import_ebooklib_or_lxml() -> None:
    code = "import sys, exporters.epub; sys.exit('ebooklib' in sys.modules or 'lxml' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=60).returncode == 0


def test_the_exporter_declares_its_name_suffix_and_collection() -> None:
    exporter = EpubExporter()
    assert (exporter.name, exporter.suffixes) == ("epub", (".epub",))
    assert isinstance(exporter, CollectionExporter)


def test_its_interface_words_have_notes_for_translators() -> None:
    assert all(message.comment for message in EPUB_UI_MESSAGES)
    assert {m.msgid for m in EPUB_UI_MESSAGES} >= {"Cover", "Landmarks", "Start of content"}


class RecordingUi:
    """A ``ui`` that remembers every message asked of it."""

    def __init__(self, ui: Any) -> None:
        self.ui = ui
        self.asked: set[str] = set()

    def __call__(self, msgid: str, **values: str) -> str:
        self.asked.add(msgid)
        return self.ui(msgid, **values)

    def lang(self, msgid: str) -> str:
        self.asked.add(msgid)
        return self.ui.lang(msgid)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ui, name)


def test_every_interface_word_it_prints_is_declared_for_extraction() -> None:
    ctx = context("vi")
    ui = RecordingUi(ctx.ui)
    recording = dataclasses.replace(ctx, ui=ui)
    EpubExporter().render(document("breathing", "vi"), recording)
    EpubExporter().render_collection([document(slug, "vi") for slug in SLUGS], recording)
    declared = {m.msgid for m in (*CORE_UI_MESSAGES, *EPUB_UI_MESSAGES)} | {ctx.config.collection_title}
    assert ui.asked <= declared, ui.asked - declared


def _declarations(css: str) -> list[tuple[str, list[Any]]]:
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        assert rule.type == "qualified-rule", rule
        for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if item.type == "declaration":
                found.append((item.lower_name, item.value))
    return found


def test_the_style_sheet_sets_no_fixed_font_sizes_colours_or_fonts() -> None:
    css = files("exporters.epub").joinpath("style.css").read_text(encoding="utf-8")
    declarations = _declarations(css)
    assert declarations
    for name, value in declarations:
        assert name not in COLOUR_PROPERTIES and not name.startswith("font-family"), name
        assert name != "font" and "!important" not in tinycss2.serialize(value), name
        if name == "font-size":
            units = {token.lower_unit for token in value if token.type == "dimension"}
            assert not units & FIXED_UNITS, (name, units)


def test_a_missing_image_is_an_error_naming_its_line() -> None:
    doc = document("breathing", "en")
    broken = Image(PurePosixPath("images/gone.svg"), None, Origin("source/breathing.md", 40))
    doc = dataclasses.replace(doc, blocks=(*doc.blocks, broken))
    with pytest.raises(ProblemError) as caught:
        EpubExporter().render(doc, context("en"))
    (problem,) = caught.value.problems
    assert (problem.kind, str(problem.origin)) == ("image", "source/breathing.md:40")
    assert "images/gone.svg" in problem.message


def test_a_long_title_wraps_on_the_cover_and_chinese_breaks_between_characters() -> None:
    title = "Questions to ask your care team about stage 4 lung cancer"
    lines = wrap_title(title, 48)
    assert lines is not None and len(lines) > 1 and " ".join(lines) == title
    lines = wrap_title("关于四期肺癌需要向医护团队询问的问题", 60)
    assert lines is not None and len(lines) == 3 and "".join(lines) == "关于四期肺癌需要向医护团队询问的问题"


def test_the_cover_is_the_same_for_the_same_title_and_seed() -> None:
    first = cover_image("Falta de aire en casa", "es", "breathing")
    assert first == cover_image("Falta de aire en casa", "es", "breathing")
    assert first.data.count(b"<text ") == 2
