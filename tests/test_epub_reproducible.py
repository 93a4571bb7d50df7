"""The same inputs give byte-identical EPUB files: nothing from the clock, the file system or chance."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

from exporters.epub import EpubExporter
from tests.test_epub_books import PROJECT, SLUGS, collection_epub, context, document, handout_epub

BUILD_IN_A_NEW_PROCESS = """
import sys
from pathlib import Path
from exporters.epub import EpubExporter
from handoutkit.languages import parse_language
from handoutkit.project import Project

project = Project.load(Path(sys.argv[1]))
language = parse_language("ar")
doc = project.translate("breathing", language).document
sys.stdout.buffer.write(EpubExporter().render(doc, project.context(language))[0].data)
"""


def test_two_builds_are_byte_identical() -> None:
    (again,) = EpubExporter().render(document("breathing", "vi"), context("vi"))
    assert again.data == handout_epub("breathing", "vi")
    (again,) = EpubExporter().render_collection([document(slug, "ar") for slug in SLUGS], context("ar"))
    assert again.data == collection_epub("ar")


def test_a_build_in_another_process_at_another_time_is_byte_identical() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BUILD_IN_A_NEW_PROCESS, str(PROJECT)], capture_output=True, check=True, timeout=120
    )
    assert done.stdout == handout_epub("breathing", "ar")


def test_zip_entries_carry_the_books_modified_date_not_the_clock() -> None:
    with zipfile.ZipFile(io.BytesIO(handout_epub("breathing", "es"))) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(2026, 11, 20, 8, 30, 0)}


def test_the_mimetype_entry_comes_first_and_is_stored_uncompressed() -> None:
    data = handout_epub("eating", "zh-Hans")
    assert data[30:38] == b"mimetype"
    assert data[38:58] == b"application/epub+zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
    assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
