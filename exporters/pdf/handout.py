"""Printing one handout: its page (HTML and CSS), its checks, WeasyPrint's rendering and the
post-processing, for :class:`~exporters.pdf.exporter.PdfExporter`, which imports this module only when
it prints or checks (so that discovering the exporters loads none of WeasyPrint's machinery)."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from exporters.pdf.exporter import CALL_NUMBER, EMAIL_ADDRESS
from exporters.pdf.fetcher import AssetRequests, asset_url
from exporters.pdf.fonts import (
    LATIN,
    WEIGHTS,
    FontNotInstalled,
    FontSet,
    font_face,
    font_set,
    installed_fonts,
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
from handoutkit.model import Block, Document, Image, Origin
from handoutkit.walk import iter_blocks

__all__ = ["PreparedPage", "check_handout", "key_material", "prepare", "print_handout"]


def key_material(ctx: RenderContext) -> str:
    """The font files the language is printed in (path, size and modification time of each face), and
    a digest of every installed font file (:func:`~exporters.pdf.fonts.installed_fonts`)."""
    everything = hashlib.sha256(repr(installed_fonts()).encode("utf-8")).hexdigest()
    try:
        families = (*font_set(ctx.language.tag).families, LATIN)
    except LookupError:
        return f"no font set\ninstalled {everything}"
    lines = [f"installed {everything}"]
    for family in dict.fromkeys(families):
        for weight in WEIGHTS:
            try:
                face = font_face(family, weight)
                stat = face.path.stat()
                lines.append(f"{family} {weight} {face.path} {face.index} {stat.st_size} {stat.st_mtime_ns}")
            except (FontNotInstalled, OSError):
                lines.append(f"{family} {weight} missing")
    return "\n".join(lines)


def check_handout(doc: Document, ctx: RenderContext) -> list[Problem]:
    """Images that cannot be loaded, fonts that are not installed, characters no font draws."""
    problems, _ = _problems(doc, ctx, page_content(doc, ctx, AssetRequests(ctx.assets)))
    return problems


def print_handout(doc: Document, ctx: RenderContext) -> bytes:
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
    return finished.data


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
