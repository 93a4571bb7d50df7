"""The site's home page, ``output/index.html``: every handout grouped by language, each language's
part in that language, each file said in words (web page, large-print PDF with its page count,
e-book, text for screen readers, text messages) and the draft notice on a handout not reviewed in
that language. Developer files (``*.json``) are left out.

It is made from records of what the build wrote (its manifest), never by translating the documents
again: :func:`home_page` takes one :class:`HomeRecord` per handout and language, its files as the manifest records them
(:class:`handoutkit.exporter.SiteFile`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from exporters.web.messages import BRAILLE, EBOOK, PDF, PDF_PAGES, SMS, TEXT, WEB_PAGE
from exporters.web.shell import Shell, page_html
from exporters.web.switcher import language_name
from handoutkit.context import RenderContext
from handoutkit.exporter import SiteFile
from handoutkit.languages import Language
from handoutkit.model import Origin, Text
from handoutkit.notices import UNREVIEWED
from handoutkit.present.html import lang_attrs
from handoutkit.present.phrases import Phrase
from handoutkit.ui import UiText

__all__ = ["HomeHandout", "HomeRecord", "file_words", "home_page"]

_MEDIA_TYPES = {
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".epub": "application/epub+zip",
    ".txt": "text/plain",
}


@dataclass(frozen=True, slots=True)
class HomeHandout:
    """A handout (or the collection) in one language, as the manifest records it."""

    slug: str
    title: str
    """Its title in that language (the source title where it is not translated)."""
    title_lang: str
    """The language the title is in."""
    reviewed: bool
    """True when it is reviewed in that language (:attr:`handoutkit.model.Review.reviewed`)."""


@dataclass(frozen=True, slots=True)
class HomeRecord:
    """What the build wrote for one handout in one language."""

    language: Language
    handout: HomeHandout
    files: tuple[SiteFile, ...]


def file_words(file: SiteFile, ui: UiText) -> tuple[str, str]:
    """What ``file`` is for, in words of ``ui``'s language, and the language they are in."""
    match file.format, file.suffix:
        case "web", ".html":
            msgid = WEB_PAGE
        case "pdf", ".pdf":
            if file.pages is not None:
                return ui(PDF_PAGES, pages=str(file.pages)), ui.lang(PDF_PAGES)
            msgid = PDF
        case "epub", ".epub":
            msgid = EBOOK
        case "text", ".txt":
            msgid = TEXT
        case "sms", ".sms.txt":
            msgid = SMS
        case "brf", ".brf":
            msgid = BRAILLE
        case _:
            return file.label or file.suffix, ui.source_language.tag
    return ui(msgid), ui.lang(msgid)


def _file_item(file: SiteFile, ui: UiText, section_lang: str) -> Markup:
    words, lang = file_words(file, ui)
    media = _MEDIA_TYPES.get("." + file.suffix.rsplit(".", 1)[-1], "")
    type_attr = Markup(' type="{}"').format(media) if media else Markup("")
    note = (  # an exporter's note is one of its interface messages: in the section's language once translated
        Markup(' <span class="note"{}>{}</span>').format(lang_attrs(ui.lang(file.note), section_lang), ui(file.note))
        if file.note
        else Markup("")
    )
    return Markup('<li><a href="{}" hreflang="{}"{}{}>{}</a>{}</li>').format(
        file.path, section_lang, type_attr, lang_attrs(lang, section_lang), words, note
    )


def _handout(record: HomeRecord, ui: UiText, number: int) -> Markup:
    lang = record.language.tag
    handout = record.handout
    files = [f for f in record.files if not f.suffix.endswith(".json")]
    anchor = f"{lang}-{number}"
    parts = [
        Markup('<h3 id="{}"{}>{}</h3>').format(anchor, lang_attrs(handout.title_lang, lang), handout.title),
    ]
    if not handout.reviewed:
        parts.append(
            Markup('<p class="notice warning"{}><strong>{}</strong></p>').format(
                lang_attrs(ui.lang(UNREVIEWED), lang), ui(UNREVIEWED)
            )
        )
    if files:
        items = Markup("\n").join(_file_item(f, ui, lang) for f in files)
        parts.append(Markup('<ul class="files" aria-labelledby="{}">\n{}\n</ul>').format(anchor, items))
    return Markup("<li>\n{}\n</li>").format(Markup("\n").join(parts))


def _language(language: Language, records: list[HomeRecord], ui: UiText, page: Language) -> Markup:
    tag = language.tag
    name = language_name(language)
    english = (
        Markup(' <span class="english-name"{}>({})</span>').format(lang_attrs(page.tag, tag), language.english_name)
        if language != page and language.english_name.casefold() != name.casefold()
        else Markup("")
    )
    items = Markup("\n").join(_handout(r, ui, n) for n, r in enumerate(records, start=1))
    return Markup(
        '<section class="language"{} aria-labelledby="lang-{}">\n<h2 id="lang-{}">{}{}</h2>\n'
        '<ul class="handouts">\n{}\n</ul>\n</section>'
    ).format(lang_attrs(tag, page.tag), tag, tag, name, english, items)


def home_page(records: Sequence[HomeRecord], contexts: Mapping[str, RenderContext], site: RenderContext) -> bytes:
    """``output/index.html`` from ``records``, languages in the order they first appear; each language's
    words from its context in ``contexts`` (by BCP 47 tag; ``site``'s words where one is missing).
    The page itself is in ``site.language`` (the source language)."""
    grouped: dict[Language, list[HomeRecord]] = {}
    for record in records:
        grouped.setdefault(record.language, []).append(record)
    page = site.language
    sections = [
        _language(language, found, contexts.get(language.tag, site).ui, page) for language, found in grouped.items()
    ]
    title_text = site.ui(site.config.collection_title)
    title = Phrase((Text(title_text),), site.ui.lang(site.config.collection_title), Origin("handoutkit.toml", 0))
    organization = site.settings.organization.name
    header = Markup('<p class="organization">{}</p>').format(organization) if organization else Markup("")
    main = Markup("<h1{}>{}</h1>\n{}").format(lang_attrs(title.lang, page.tag), title_text, Markup("\n").join(sections))
    return page_html(Shell(title=title, header=header, main=main), site)
