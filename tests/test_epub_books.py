"""EPUB books built from the fixture project pass EPUBCheck (0 errors, 0 warnings), DAISY Ace (0 violations)
and the project's own checks. A missing validator fails these tests; it never skips them.

The helpers at the top build books from ``tests/data/epub/project`` (two handouts; Spanish, Vietnamese,
Chinese and Arabic catalogs) and are shared by the other ``test_epub_*`` modules.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

import pytest

from exporters.epub import EpubExporter
from exporters.epub.readback import EpubFile, book_problems, read_epub
from exporters.epub.validate import Report, validate
from handoutkit.context import RenderContext
from handoutkit.languages import parse_language
from handoutkit.model import Document
from handoutkit.project import Project

PROJECT = Path(__file__).parent / "data" / "epub" / "project"
LANGS = ("en", "es", "vi", "zh-Hans", "ar")
SLUGS = ("breathing", "eating")


@functools.cache
def project() -> Project:
    """The fixture project, read once per test session."""
    return Project.load(PROJECT)


def context(lang: str) -> RenderContext:
    """The render context of one language of the fixture project."""
    return project().context(parse_language(lang))


def document(slug: str, lang: str) -> Document:
    """A fixture handout translated into ``lang`` (untranslated blocks keep their English)."""
    return project().translate(slug, parse_language(lang)).document


@functools.cache
def handout_epub(slug: str, lang: str) -> bytes:
    """The EPUB of one fixture handout in one language."""
    (output,) = EpubExporter().render(document(slug, lang), context(lang))
    assert output.suffix == ".epub"
    return output.data


@functools.cache
def collection_epub(lang: str) -> bytes:
    """The collection book of one language, both handouts in it."""
    docs = [document(slug, lang) for slug in SLUGS]
    (output,) = EpubExporter().render_collection(docs, context(lang))
    assert output.suffix == ".epub"
    return output.data


@functools.cache
def handout(slug: str, lang: str) -> EpubFile:
    """A handout's book, opened once."""
    return read_epub(handout_epub(slug, lang))


@functools.cache
def collection(lang: str) -> EpubFile:
    """A collection book, opened once."""
    return read_epub(collection_epub(lang))


def validated(folder: Path, books: Mapping[str, bytes]) -> dict[str, Report]:
    """Each book written to ``folder`` as ``<name>.epub`` and checked once, two books at a time."""
    paths = [folder / f"{name}.epub" for name in books]
    for path, data in zip(paths, books.values(), strict=True):
        path.write_bytes(data)
    return dict(zip(books, validate(paths, jobs=2), strict=True))


# The books the validators read here (test_epub_project.py validates every book of the real project):
# the partial Vietnamese translation, right-to-left Arabic with English references, Arabic with English
# words marked in its translation and left-to-right runs isolated, a collection, and a book without
# informative images. The other fixture books differ from these only in their words.
VALIDATED = ("breathing-vi", "breathing-ar", "eating-ar", "collection-zh-Hans", "eating-en")


def _book_bytes(name: str) -> bytes:
    kind, lang = name.split("-", 1)
    return collection_epub(lang) if kind == "collection" else handout_epub(kind, lang)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    """Every validated book checked once."""
    return validated(tmp_path_factory.mktemp("epub-books"), {name: _book_bytes(name) for name in VALIDATED})


@pytest.mark.parametrize("name", VALIDATED)
def test_epubcheck_reports_no_errors_or_warnings(reports: dict[str, Report], name: str) -> None:
    assert reports[name].epubcheck == ()


@pytest.mark.parametrize("name", VALIDATED)
def test_ace_reports_no_violations(reports: dict[str, Report], name: str) -> None:
    assert reports[name].ace == ()


@pytest.mark.parametrize("name", VALIDATED)
def test_own_checks_find_nothing(reports: dict[str, Report], name: str) -> None:
    assert reports[name].own == ()


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_handout_book_passes_the_own_checks(slug: str, lang: str) -> None:
    assert book_problems(handout(slug, lang)) == []
