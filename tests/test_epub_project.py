"""The project's own handouts (``source/``, ``locales/``, ``handoutkit.toml`` of this repository) as EPUB:
every handout in every configured language and the collection of each language pass EPUBCheck
(0 errors, 0 warnings), DAISY Ace (0 violations) and the project's own checks, and read as the whole
handout in order. Every language is built, whatever its translation coverage: a partial translation
must make a valid book too. A missing validator fails these tests.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.epub import EpubExporter
from exporters.epub.readback import read_epub, reading_text
from exporters.epub.validate import Report
from handoutkit.languages import Language
from handoutkit.model import Document
from handoutkit.project import Project
from tests.test_epub_books import validated
from tests.test_epub_reading import assert_in_order, contact_words, document_words

REPO = Path(__file__).resolve().parent.parent


@functools.cache
def project() -> Project:
    return Project.load(REPO)


def _documents(language: Language) -> list[Document]:
    return [project().translate(slug, language).document for slug in project().slugs()]


@dataclass(frozen=True)
class Book:
    data: bytes
    docs: list[Document]
    language: Language
    collection: bool


@functools.cache
def books() -> dict[str, Book]:
    """Every book of the project, as ``<slug>-<lang>`` and ``<collection file name>-<lang>``."""
    found: dict[str, Book] = {}
    for language in project().config.languages:
        ctx = project().context(language)
        docs = _documents(language)
        for doc in docs:
            (output,) = EpubExporter().render(doc, ctx)
            found[f"{doc.slug}-{language.tag}"] = Book(output.data, [doc], language, collection=False)
        (output,) = EpubExporter().render_collection(docs, ctx)
        found[f"{project().config.collection_file_name}-{language.tag}"] = Book(output.data, docs, language, True)
    return found


NAMES = tuple(books())


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    """Every book checked once."""
    return validated(tmp_path_factory.mktemp("project-epubs"), {name: book.data for name, book in books().items()})


def test_the_project_has_books_in_every_language() -> None:
    assert len(NAMES) == len(project().config.languages) * (len(project().slugs()) + 1)


@pytest.mark.parametrize("name", NAMES)
def test_epubcheck_reports_no_errors_or_warnings(reports: dict[str, Report], name: str) -> None:
    assert reports[name].epubcheck == ()


@pytest.mark.parametrize("name", NAMES)
def test_ace_reports_no_violations(reports: dict[str, Report], name: str) -> None:
    assert reports[name].ace == ()


@pytest.mark.parametrize("name", NAMES)
def test_own_checks_find_nothing(reports: dict[str, Report], name: str) -> None:
    assert reports[name].own == ()


@pytest.mark.parametrize("name", NAMES)
def test_the_book_reads_as_its_handouts_in_order(name: str) -> None:
    book = books()[name]
    ctx = project().context(book.language)
    words = [ctx.ui(ctx.config.collection_title)] if book.collection else []
    for doc in book.docs:
        words += document_words(doc, ctx)
    assert_in_order(reading_text(read_epub(book.data)), words + contact_words(book.docs[0], ctx))
