"""The handout view: the one place where the order and content of a long handout is decided.

:func:`handout_view` turns a translated document and its render context into the parts every long
format shows, in reading order: masthead (organization, logo), title, main message, review notices,
contents, the body (introduction, then one section per level-2 heading), references, contact
details. Every part carries its words as inlines with their language and origin, links spelled out
as the format asks (:data:`~handoutkit.present.phrases.AddressStyle`) and left-to-right runs isolated
(:mod:`handoutkit.present.bidi`). Formats lay the parts out their own way; none decides what they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from handoutkit.context import RenderContext
from handoutkit.i18n.po import catalog_path
from handoutkit.model import Block, Document, Heading, Link, Origin, Text, TextUnit
from handoutkit.notices import status_messages, tel_uri
from handoutkit.present.bidi import Direction, direction_of
from handoutkit.present.phrases import AddressStyle, Phrase, Phrasebook
from handoutkit.project import LOCALES_DIR
from handoutkit.ui import UI_DOMAIN
from handoutkit.walk import iter_blocks, map_units

__all__ = [
    "ContentsEntry",
    "HandoutView",
    "Logo",
    "Notice",
    "Section",
    "handout_view",
    "split_sections",
]

EntryKind = Literal["section", "subsection", "references", "contact"]


@dataclass(frozen=True, slots=True)
class Notice:
    """A line about the handout's status; ``warning`` for the unreviewed notice, which formats make
    prominent."""

    words: Phrase
    warning: bool = False


@dataclass(frozen=True, slots=True)
class Logo:
    """The organization's logo: an image under ``source/`` and its text alternative."""

    src: str
    alt: Phrase


@dataclass(frozen=True, slots=True)
class Section:
    """A level-2 heading and the blocks up to the next one."""

    heading: Heading
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One line of the contents: a section (with its sub-sections), the references or the contact."""

    label: TextUnit | Phrase
    anchor: str
    """The id of what it points to: a heading's anchor, ``references`` or ``contact``."""
    kind: EntryKind
    children: tuple[ContentsEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class HandoutView:
    """Everything a long handout shows, in reading order."""

    doc: Document
    """The translated document the view was made from (its slug, review status, dates)."""
    lang: str
    direction: Direction
    phrases: Phrasebook
    """For interface words a format adds itself ("Page {page} of {pages}", "Image: {description}")."""
    language_line: Phrase
    """ "Language: <its own name>": plain text states its language in its first line."""
    organization: Phrase | None
    logo: Logo | None
    title: TextUnit
    main_message_label: Phrase | None
    main_message: TextUnit | None
    notices: tuple[Notice, ...]
    contents_label: Phrase
    contents: tuple[ContentsEntry, ...]
    """Every section with its sub-sections, then the references and the contact details."""
    intro: tuple[Block, ...]
    """The blocks before the first section."""
    sections: tuple[Section, ...]
    references_label: Phrase | None
    references: tuple[TextUnit, ...]
    """Each reference; one with a link holds it as a :class:`~handoutkit.model.Link` around its words."""
    contact_label: Phrase | None
    contact: tuple[Phrase, ...]
    """The organization's name when there is no phone line, the phone line, the web address."""

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The body: the introduction, then every section's heading and blocks."""
        return self.intro + tuple(b for s in self.sections for b in (s.heading, *s.blocks))


def split_sections(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """The blocks before the first level-2 heading, then each level-2 heading with its blocks."""
    intro: list[Block] = []
    sections: list[tuple[Heading, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == 2:
            sections.append((block, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            intro.append(block)
    return tuple(intro), tuple(Section(heading, tuple(rest)) for heading, rest in sections)


def handout_view(doc: Document, ctx: RenderContext, *, addresses: AddressStyle = "none") -> HandoutView:
    """The view of ``doc`` (translated into ``ctx.language``) for a format that gives link addresses
    as ``addresses`` says."""
    language = ctx.language
    ui = ctx.ui
    ui_file = catalog_path(Path(LOCALES_DIR), language.gettext, UI_DOMAIN).as_posix()
    # An interface word with no catalog entry is the built-in English text: there is no line to name.
    default_origin = Origin(ui_file if language != ctx.source_language else f"{LOCALES_DIR}/ui.pot", 0)
    book = Phrasebook(ui, language, ui.origins, default_origin, addresses)

    def config_origin(key: str) -> Origin:
        return ctx.config.origin("organization", key, language=language.tag)

    def unit(value: TextUnit) -> TextUnit:
        return replace(value, inlines=book.prepare(value.inlines, value.lang))

    meta = doc.meta
    title = unit(meta.title)
    summary = unit(meta.summary) if meta.summary is not None else None
    notices = tuple(
        Notice(book.say(message.msgid, **dict(message.values)), message.warning) for message in status_messages(doc, ui)
    )

    body = map_units(replace(doc, meta=replace(meta, references=())), unit).blocks
    intro, sections = split_sections(body)

    references = tuple(
        unit(replace(ref.text, inlines=(Link(ref.link, ref.text.inlines),)) if ref.link else ref.text)
        for ref in meta.references
    )

    organization = ctx.settings.organization
    name_lang = _config_lang(ctx, organization.name)
    org_phrase = book.words(organization.name, name_lang, config_origin("name")) if organization.name else None
    org_value = Phrase((Text(organization.name),), name_lang, config_origin("name"))
    contact: list[Phrase] = []
    phone_link = (Link(tel_uri(organization.phone), (Text(organization.phone),)),) if organization.phone else ()
    if organization.phone and organization.name:
        contact.append(book.say("Questions? Call {organization} at {phone}.", organization=org_value, phone=phone_link))
    elif organization.phone:
        contact.append(book.say("Questions? Call {phone}.", phone=phone_link))
    elif org_phrase is not None:
        contact.append(org_phrase)
    if organization.web:
        contact.append(book.say("Website: {address}", address=(Link(organization.web, (Text(organization.web),)),)))

    logo = None
    if organization.logo:
        logo = Logo(
            organization.logo,
            book.words(organization.logo_alt, _config_lang(ctx, organization.logo_alt), config_origin("logo_alt")),
        )

    references_label = book.say("References") if references else None
    contact_label = book.say("Contact us") if contact else None
    contents = [_entry(section) for section in sections]
    if references_label is not None:
        contents.append(ContentsEntry(references_label, "references", "references"))
    if contact_label is not None:
        contents.append(ContentsEntry(contact_label, "contact", "contact"))

    return HandoutView(
        doc=doc,
        lang=doc.lang,
        direction=direction_of(doc.lang),
        phrases=book,
        language_line=book.say("Language: {language}", language=language.native_name),
        organization=org_phrase,
        logo=logo,
        title=title,
        main_message_label=book.say("Main message") if summary is not None else None,
        main_message=summary,
        notices=notices,
        contents_label=book.say("Contents"),
        contents=tuple(contents),
        intro=intro,
        sections=sections,
        references_label=references_label,
        references=references,
        contact_label=contact_label,
        contact=tuple(contact),
    )


def _entry(section: Section) -> ContentsEntry:
    """A section's contents entry, its sub-headings nested by level (headings inside a list or a
    block quote belong to it, not to the section's outline)."""
    headings = [block for block in section.blocks if isinstance(block, Heading)]
    return ContentsEntry(section.heading.content, section.heading.anchor, "section", _nest(headings))


def _nest(headings: list[Heading]) -> tuple[ContentsEntry, ...]:
    entries: list[ContentsEntry] = []
    index = 0
    while index < len(headings):
        heading = headings[index]
        end = index + 1
        while end < len(headings) and headings[end].level > heading.level:
            end += 1
        children = _nest(headings[index + 1 : end])
        entries.append(ContentsEntry(heading.content, heading.anchor, "subsection", children))
        index = end
    return tuple(entries)


def _config_lang(ctx: RenderContext, value: str) -> str:
    """The language of a configuration value: the source language, unless a per-language table of
    this language set it to something else."""
    base = ctx.config.settings_for(ctx.source_language).organization
    written_for_source = value in (base.name, base.logo_alt)
    return ctx.source_language.tag if written_for_source else ctx.language.tag


def outline(view: HandoutView) -> list[Heading]:
    """Every heading of the body, nested ones included, in reading order."""
    return [block for block in iter_blocks(view.blocks) if isinstance(block, Heading)]
