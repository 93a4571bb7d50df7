"""The printed handout: the handout view (:mod:`handoutkit.present.view`) and what only print decides.

The view says what a handout shows and in which order, with every link's address spelled out after
its words (``addresses="every"``: paper cannot be clicked) and left-to-right runs in right-to-left
text isolated. Print adds: the contents printed only for :data:`CONTENTS_MIN_SECTIONS` sections or
more, and without sub-sections; the phone line repeated on page 1; a lead-in paragraph kept with its
list (:mod:`exporters.pdf.keep`); short isolated runs (a dose, a phone number) kept on one line and web
addresses broken only after ``/`` and before ``.`` (:func:`break_urls`); informative images printed as figures
with their description as a caption; images served through the page's
:class:`~exporters.pdf.fetcher.AssetRequests`. The template lays the view's parts out in the view's
order, and the font check reads :func:`printed_texts` from the same object, so the two cannot
disagree about what is printed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from exporters.pdf.fetcher import AssetRequests
from exporters.pdf.keep import break_classes
from handoutkit.context import RenderContext
from handoutkit.model import Document, Image, Inline, Link, Origin, Span, Text, TextUnit, plain_text
from handoutkit.present.html import HtmlOptions, blocks_html, inlines_html, lang_attrs, words_html
from handoutkit.present.phrases import Phrase, Words, origin_of
from handoutkit.present.view import ContentsEntry, HandoutView, handout_view
from handoutkit.walk import iter_blocks, iter_inlines, map_inlines, units_of

__all__ = [
    "CONTENTS_MIN_SECTIONS",
    "NOWRAP_MAX",
    "PAGE_NUMBER",
    "PageContent",
    "PrintedText",
    "break_urls",
    "page_content",
    "printed_texts",
    "printed_words",
]

PAGE_NUMBER = "Page {page} of {pages}"
CONTENTS_MIN_SECTIONS = 3
"""A contents list is printed when the handout has at least this many sections."""
NOWRAP_MAX = 30
"""Isolated runs up to this long without a ``/`` (a dose, a drug name, a phone number) are not broken
across lines; a web address may be."""


@dataclass(frozen=True, slots=True)
class PrintedText:
    """A text the page prints, in one language, and where it was written (for the font check)."""

    text: str
    lang: str
    origin: Origin


@dataclass(frozen=True)
class PageContent:
    """Everything one handout prints: the view, and how print renders it."""

    view: HandoutView
    options: HtmlOptions
    """How the page's HTML is written (isolated runs and kept blocks get their classes here)."""
    contents: tuple[ContentsEntry, ...]
    """The contents entries print lists: the sections, the references and the contact, when there are
    enough sections."""
    footer: Phrase
    """The page number line with ``{page}`` and ``{pages}`` left in."""
    body: Markup
    """The introduction and the sections, as HTML."""
    logo_url: str | None
    """The logo's URL for the page (None without a logo)."""
    created: str | None
    modified: str | None
    author: str
    figures: tuple[tuple[str, str], ...] = ()
    """(text alternative, its language) of every informative image, in reading order: the
    structure tree's Figures, for their /Lang (:mod:`exporters.pdf.languages`)."""

    @property
    def phone_lines(self) -> tuple[Phrase, ...]:
        """The contact lines that hold a phone number: page 1 prints them under the main message."""
        return tuple(
            line
            for line in self.view.contact
            if any(isinstance(node, Link) and node.target.startswith("tel:") for node in iter_inlines(line.inlines))
        )

    @property
    def description(self) -> str:
        """The document's description: its main message as written, link addresses not spelled out
        ('' without one)."""
        summary = self.view.doc.meta.summary
        return summary.text if summary is not None else ""

    def words(self, words: Words) -> Markup:
        """A unit's or a phrase's words as HTML."""
        return words_html(words, self.options)

    def inline(self, words: Words) -> Markup:
        """Words as the content of an element in the page's language: words in another language become
        a span of their own (a name in the masthead keeps the page's alignment and direction)."""
        if words.lang == self.view.lang:
            return self.words(words)
        return inlines_html((Span(words.lang, words.inlines),), self.options)

    def attrs(self, words: Words) -> Markup:
        """`` lang dir`` for words in another language than the page ('' otherwise)."""
        return lang_attrs(words.lang, self.view.lang)

    def entry(self, entry: ContentsEntry) -> Markup:
        """A contents entry's words with its page number: the last word, a no-break space, the leader and
        the number are one piece that never breaks (a long entry wraps before its last word, so its
        number is never alone on a line, and the tag text reads ``spreads 3``)."""
        return contents_entry_html(self.words(entry.label), entry.anchor)


ENTRY_END_MAX = 24
"""An entry with no break point outside its elements (all of it a span in another language) is kept
whole with its number only up to this many characters; a longer one may leave the number alone."""


def contents_entry_html(words: Markup, anchor: str) -> Markup:
    """``words`` (a contents entry's HTML) with its last top-level word and the page number of ``#anchor``
    in a ``span.entry-end``, which the stylesheet keeps on one line (no space inside an element is a
    break point: a word in a span of another language is taken whole)."""
    html = str(words)
    depth, cut = 0, -1
    for match in re.finditer(r"<(/?)[^>]*>|\s+", html):
        token = match.group(0)
        if token.startswith("<"):
            depth += -1 if match.group(1) else (0 if token.endswith("/>") else 1)
        elif depth == 0 and match.end() < len(html):
            cut = match.end()
    if cut > 0:
        head, tail = html[:cut], html[cut:]
    else:
        short = len(re.sub(r"<[^>]*>", "", html)) <= ENTRY_END_MAX
        head, tail = ("", html) if short else (html, "")
    return Markup('{}<span class="entry-end" data-target="#{}">{}</span>').format(Markup(head), anchor, Markup(tail))


def page_content(doc: Document, ctx: RenderContext, requests: AssetRequests) -> PageContent:
    """The printed handout (images are allowed in ``requests`` as they are met). Its HTML is the same
    at any page size: sizes are the stylesheet's (:mod:`exporters.pdf.layout`)."""
    view = handout_view(doc, ctx, addresses="every")
    options = HtmlOptions(
        page_lang=view.lang,
        image=lambda image: _image_html(image, requests, view.lang),
        block_class=break_classes(view.blocks),
        isolate_class=_isolate_class,
    )
    sections = tuple(entry for entry in view.contents if entry.kind == "section")
    ends = tuple(entry for entry in view.contents if entry.kind in ("references", "contact"))
    body = blocks_html(view.blocks, options)
    # The logo is allowed after the body's images: a problem with a logo that is also a body image
    # names the configuration, which asked for it without a text alternative.
    logo_url = None
    figures: list[tuple[str, str]] = []
    if view.logo is not None:
        logo_url = requests.allow(view.logo.src, view.logo.alt.origin)
        figures.append((view.logo.alt.text, view.logo.alt.lang))
    figures += [
        (block.alt.text, block.alt.lang)
        for block in iter_blocks(view.blocks)
        if isinstance(block, Image) and block.alt is not None
    ]
    return PageContent(
        view=view,
        options=options,
        contents=sections + ends if len(sections) >= CONTENTS_MIN_SECTIONS else (),
        footer=view.phrases.say(PAGE_NUMBER, page="{page}", pages="{pages}"),
        body=body,
        logo_url=logo_url,
        created=_w3c(doc.meta.updated),
        modified=_w3c(doc.last_changed),
        author=ctx.settings.publisher or ctx.settings.organization.name,
        figures=tuple(figures),
    )


_BODY_KINDS = frozenset({"heading", "paragraph", "list-item", "image-description"})
"""Body units the page prints as text (an image's description is its caption as well as its /Alt)."""


def printed_words(content: PageContent) -> Iterator[TextUnit | Phrase]:
    """The words of every part the page prints, in reading order (the page number line aside; the
    organization's name once, though the contact box repeats it)."""
    view = content.view
    words: list[TextUnit | Phrase | None] = [
        view.organization,
        view.title,
        view.main_message_label,
        view.main_message,
        *(notice.words for notice in view.notices),
    ]
    if content.contents:
        words += [view.contents_label, *(entry.label for entry in content.contents)]
    words += [unit for unit in units_of(view.blocks) if unit.kind in _BODY_KINDS]
    words += [view.references_label, *view.references, view.contact_label, *view.contact, *content.phone_lines]
    yield from (item for item in words if item is not None)


def printed_texts(content: PageContent) -> Iterator[PrintedText]:
    """Every text the page prints, cut where its language changes (a phrase marked ``{lang=en}``
    inside an Arabic sentence is printed in the English font set, and tagged English)."""
    for words in printed_words(content):
        yield from _by_language(words.inlines, words.lang, origin_of(words))
    view = content.view
    # The running title and the page number line are printed in the page's own font set, whatever
    # language they are in (a margin box has no language of its own).
    yield PrintedText(view.title.text, view.lang, origin_of(view.title))
    footer = content.footer
    digits = footer.text.replace("{page}", "0123456789").replace("{pages}", "")
    yield PrintedText(digits, view.lang, footer.origin)


_CUT = "\x00"
"""Stands for a span in the text around it while the text is cut into pieces (never in a document)."""


def _by_language(inlines: tuple[Inline, ...], lang: str, origin: Origin) -> Iterator[PrintedText]:
    """The text of ``inlines`` in pieces of one language each, as printed one after the other: the
    pieces in ``lang`` between its spans, then each span's own pieces in the span's language."""
    spans: list[tuple[str, str]] = []

    def cut(node: Inline) -> tuple[Inline, ...]:
        if isinstance(node, Span):  # map_inlines works bottom-up: spans nested in it are already cut
            spans.append((node.lang, plain_text(node.children)))
            return (Text(_CUT),)
        return (node,)

    for piece_lang, text in [(lang, plain_text(map_inlines(inlines, cut))), *spans]:
        for piece in text.split(_CUT):
            if piece.strip():
                yield PrintedText(piece, piece_lang, origin)


def _isolate_class(text: str) -> str:
    """Keep a short run (a dose, a phone number, ``8%``) on one line; a web address may break."""
    return "nowrap" if len(text) <= NOWRAP_MAX and "/" not in text else ""


def _image_html(image: Image, requests: AssetRequests, page_lang: str) -> Markup:
    """A decorative image alone; an informative one as a figure whose caption prints its description
    (the image keeps it as its ``alt``, which becomes the Figure's /Alt)."""
    url = requests.allow(image.src, image.origin)
    if image.alt is None:
        return Markup('<img class="figure decorative" src="{}" alt="" />').format(url)
    attrs = lang_attrs(image.alt.lang, page_lang)
    inner = HtmlOptions(page_lang=image.alt.lang, image=lambda _: Markup(""), isolate_class=_isolate_class)
    return Markup(
        '<figure>\n<img class="figure" src="{0}" alt="{1}"{2} />\n<figcaption{2}>{3}</figcaption>\n</figure>'
    ).format(url, image.alt.text, attrs, words_html(image.alt, inner))


ZWSP = "\u200b"
"""A line break opportunity that draws nothing."""
_URL = re.compile(r"(?:https?://|www\.)[^\s<>]+")
_TEXT = re.compile(r">([^<]+)<")
_URL_BREAK = re.compile(r"(?<=/)(?!/|$)|(?<=[^/.])(?=\.[^/.])")
"""Where a long address may break: after a run of slashes, and before a dot (a line that ended
``https://www.cancer.`` read as a whole address, ``net/...`` as another word)."""
NOBREAK_MAX = 30
"""A web address up to this many characters is kept on one line, and so is each piece of a longer one
between two break points (it is not broken at its own hyphens); a longer piece may break at a hyphen
rather than run past the margin. :func:`break_urls` lowers it to what a line holds."""


def break_urls(html: str, keep_whole: int = NOBREAK_MAX) -> str:
    """Web addresses in the text of ``html`` broken only after ``/`` and before ``.``: an address of up
    to ``keep_whole`` characters in one ``nobreak`` span; a longer one with a zero-width space (U+200B,
    the character HTML's ``<wbr>`` stands for) after each run of ``/`` and before each ``.``, each piece with a
    hyphen, up to ``keep_whole`` long, in a ``nobreak`` span: a line break at a hyphen of an address
    reads as a hyphenated word.

    Only text between tags is touched, never an attribute (the ``href`` stays as it is). ``<wbr />``
    elements were tried first: WeasyPrint 70 honours the first one of a link that wraps and then
    ignores the rest, so ``managing-cancer/side-effects/pain.html`` ran past the margin at 24 pt."""

    def piece(text: str) -> str:
        word = text.rstrip("/.")
        if "-" not in word or len(text) > keep_whole:
            return text
        return f'<span class="nobreak">{word}</span>{text[len(word) :]}'

    def url(match: re.Match[str]) -> str:
        if len(match.group()) <= keep_whole:
            return f'<span class="nobreak">{match.group()}</span>'
        return ZWSP.join(piece(part) for part in _URL_BREAK.split(match.group()))

    return _TEXT.sub(lambda text: ">" + _URL.sub(url, text.group(1)) + "<", html)


def _w3c(value: dt.date | dt.datetime | None) -> str | None:
    """A W3C date (``2026-11-25`` or ``2026-11-25T10:00:00+00:00``) for the PDF's dates."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.isoformat(timespec="seconds")
    return value.isoformat()
