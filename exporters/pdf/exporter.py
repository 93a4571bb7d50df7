"""The large-print PDF exporter: one PDF/UA-1 handout per document and language."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from exporters.pdf.fetcher import AssetRequests, asset_url
from exporters.pdf.fonts import (
    LATIN,
    WEIGHTS,
    FontNotInstalled,
    FontSet,
    font_face,
    font_set,
    missing_characters,
    pdf_font_faces,
)
from exporters.pdf.languages import LanguageMarks
from exporters.pdf.layout import layout_for
from exporters.pdf.links import LinkWords, phone_numbers
from exporters.pdf.options import PdfOptions
from exporters.pdf.page import PageContent, page_content, printed_texts
from exporters.pdf.postprocess import finish_pdf
from exporters.pdf.render import render_pdf
from exporters.pdf.templates import render_css, render_html
from handoutkit.assets import AssetError
from handoutkit.config import CONFIG_FILE
from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.exporter import OutputFile
from handoutkit.languages import Language
from handoutkit.model import Block, Document, Image, Origin
from handoutkit.ui import UiMessage
from handoutkit.walk import iter_blocks

__all__ = ["CALL_NUMBER", "EMAIL_ADDRESS", "PdfExporter", "PreparedPage", "prepare"]

CALL_NUMBER = "Call {number}"
EMAIL_ADDRESS = "Email {address}"


class PdfExporter:
    """Large-print PDF (PDF/UA-1) through WeasyPrint, one file per document and language."""

    name = "pdf"
    description = "large-print PDF handout (PDF/UA-1, 18 pt and up), one per document and language"
    label = "Large-print PDF"
    suffixes = (".pdf",)
    ui_messages: tuple[UiMessage, ...] = (
        UiMessage(
            CALL_NUMBER,
            "What a screen reader says for a phone number link in a PDF; {number} is the number as printed.",
        ),
        UiMessage(EMAIL_ADDRESS, "What a screen reader says for an email address link in a PDF."),
    )
    """The words that describe links (:class:`~exporters.pdf.links.LinkWords`); everything it prints is
    a core message (handoutkit.ui.CORE_UI_MESSAGES)."""
    options_class = PdfOptions

    def index_note(self, language: Language) -> str:
        """For right-to-left languages: text taken from these PDFs reaches screen readers out of order
        (README, "Known limitations": measured on pdfium, poppler, pypdf and MuPDF)."""
        if not language.rtl:
            return ""
        return (
            "Screen reader users: choose the e-book or the plain text. Text taken from this PDF by "
            "assistive technology comes out partly in the wrong order."
        )

    def pages(self, suffix: str, data: bytes) -> int | None:
        """A PDF's number of pages, for the home page."""
        if suffix != ".pdf":
            return None
        from io import BytesIO

        import pikepdf

        try:
            with pikepdf.open(BytesIO(data)) as pdf:
                return len(pdf.pages)
        except pikepdf.PdfError:
            return None

    def key_material(self, ctx: RenderContext) -> str:
        """The font files its language is printed in (path, size and modification time of each face), for
        the build's job key: a font update makes the PDFs again."""
        try:
            families = (*font_set(ctx.language.tag).families, LATIN)
        except LookupError:
            return "no font set"
        lines = []
        for family in dict.fromkeys(families):
            for weight in WEIGHTS:
                try:
                    face = font_face(family, weight)
                    stat = face.path.stat()
                    lines.append(f"{family} {weight} {face.path} {face.index} {stat.st_size} {stat.st_mtime_ns}")
                except (FontNotInstalled, OSError):
                    lines.append(f"{family} {weight} missing")
        return "\n".join(lines)

    def check(self, doc: Document, ctx: RenderContext) -> list[Problem]:
        """Images that cannot be loaded, fonts that are not installed, characters no font draws."""
        problems, _ = _problems(doc, ctx, page_content(doc, ctx, AssetRequests(ctx.assets)))
        return problems

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The handout as PDF bytes (:class:`ProblemError` when it cannot be printed correctly)."""
        page = prepare(doc, ctx)
        data = render_pdf(
            page.html,
            page.css,
            page.requests,
            doc_origin=page.origin,
            decorative=page.decorative,
            locate=lambda char: _locate(char, page.content) or page.origin,
        )
        faces = pdf_font_faces(family for _, fs in page.fonts for family in fs.families)
        finished = finish_pdf(data, faces, page.languages, _link_words(ctx))
        sets = "; ".join(f"{lang}: {fs}" for lang, fs in page.fonts)
        problems = [
            _fallback_problem(name, finished.drawn.get(name, ""), sets, page.content, page.origin)
            for name in finished.fonts
            if name not in faces
        ]
        problems += [
            Problem("missing-glyph", page.origin, f"the font {name!r} drew an empty box (.notdef) for a character")
            for name in finished.notdef_fonts
        ]
        if problems:
            raise ProblemError(problems)
        return [OutputFile(".pdf", finished.data)]


@dataclass(frozen=True)
class PreparedPage:
    """What WeasyPrint is given for one handout."""

    html: str
    css: str
    requests: AssetRequests
    content: PageContent
    fonts: list[tuple[str, FontSet]]
    """Each printed language's font set, the document's first."""
    languages: LanguageMarks
    """How the stylesheet marks each printed language for the tag tree."""
    decorative: frozenset[str]
    """URLs of decorative images."""
    origin: Origin


def prepare(doc: Document, ctx: RenderContext) -> PreparedPage:
    """Check the document and build its HTML and CSS (:class:`ProblemError` on errors)."""
    requests = AssetRequests(ctx.assets)
    layout = layout_for(ctx.options(PdfOptions), doc.lang)
    content = page_content(doc, ctx, requests)
    problems, sets = _problems(doc, ctx, content)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ProblemError(errors)
    fonts = list(sets.items())
    languages = LanguageMarks.of(sets, content.figures)
    return PreparedPage(
        html=str(render_html(content, layout)),
        css=render_css(content, layout, fonts, languages),
        requests=requests,
        content=content,
        fonts=fonts,
        languages=languages,
        decorative=frozenset(asset_url(image.src) for image in _images(content.view.blocks) if image.alt is None),
        origin=Origin(doc.path, 0),
    )


def _problems(doc: Document, ctx: RenderContext, content: PageContent) -> tuple[list[Problem], dict[str, FontSet]]:
    """What stops the handout from printing, and each printed language's font set (the document's first)."""
    problems: list[Problem] = []
    for image in _images(content.view.blocks):
        try:
            ctx.assets.resolve(image.src)
        except AssetError as error:
            problems.append(Problem("pdf-image", image.origin, f"image {str(image.src)!r} cannot be used: {error}"))
    if logo := ctx.settings.organization.logo:  # its logo_alt is required when the configuration is loaded
        try:
            ctx.assets.resolve(logo)
        except AssetError as error:
            problems.append(Problem("pdf-image", Origin(CONFIG_FILE, 0), f"organization logo cannot be used: {error}"))
    texts = list(printed_texts(content))
    sets: dict[str, FontSet] = {}
    for lang in dict.fromkeys([doc.lang, *(text.lang for text in texts)]):
        try:
            sets[lang] = font_set(lang)
        except LookupError as error:
            problems.append(Problem("pdf-font-set", Origin(doc.path, 0), str(error)))
    for family in dict.fromkeys(f for fs in sets.values() for f in fs.families):
        for weight in WEIGHTS:
            try:
                font_face(family, weight)
            except FontNotInstalled as error:
                problems.append(Problem("font-missing", Origin(doc.path, 0), str(error)))
    if problems:
        return problems, sets
    seen: set[tuple[str, Origin]] = set()
    for text in texts:
        for char in missing_characters(text.text, sets[text.lang]):
            if (char, text.origin) in seen:
                continue
            seen.add((char, text.origin))
            problems.append(Problem("missing-glyph", text.origin, _missing_message(char, text.lang, sets[text.lang])))
    return problems, sets


def _link_words(ctx: RenderContext) -> LinkWords:
    """How links are described, in the document's language ("Page 7 of 23: Tests…", "Call (503) 555-0147")."""
    return LinkWords(
        internal=ctx.ui("Page {page} of {pages}", page="{page}", pages="{pages}") + ": {text}",
        phone=ctx.ui(CALL_NUMBER, number="{number}"),
        mail=ctx.ui(EMAIL_ADDRESS, address="{address}"),
        numbers=phone_numbers(ctx.settings.organization.phone),
    )


def _missing_message(char: str, lang: str, fonts: FontSet) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"{char!r} (U+{ord(char):04X} {name}) is in no font of the {lang} font set ({fonts}): it cannot be printed"


def _fallback_problem(name: str, drawn: str, sets: str, content: PageContent, origin: Origin) -> Problem:
    """A font outside every font set was used: say for which characters, at the first line printing one."""
    chars = [c for c in drawn if not c.isspace()][:5]
    where = next((found for c in chars if (found := _locate(c, content)) is not None), origin)
    named = ", ".join(f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})" for c in chars)
    return Problem(
        "pdf-font",
        where,
        f"{named or 'a character'} fell back to the font {name!r}, which is in none of this document's font "
        f"sets ({sets}): add a face that draws it, or leave it out",
    )


def _locate(char: str, content: PageContent) -> Origin | None:
    return next((text.origin for text in printed_texts(content) if char in text.text), None)


def _images(blocks: Iterable[Block]) -> list[Image]:
    """Every image of ``blocks``, nested ones included, in reading order."""
    return [block for block in iter_blocks(blocks) if isinstance(block, Image)]
