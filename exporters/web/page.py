"""One handout as a web page, rendered from its view (:func:`handoutkit.present.view.handout_view`).

The view decides what the handout holds and in which order; the page gives it landmarks: a header
(the organization, the link to every handout of the language, the language switcher), ``main`` (the
review notices first, then the title, the main message, the contents as a ``nav``, the introduction,
one ``section`` per level-2 heading, the references as a list) and a footer with the contact details.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from exporters.web.assets import AssetStore, SiteAsset
from exporters.web.messages import ALL_HANDOUTS
from exporters.web.parts import heading, label_html, paragraph
from exporters.web.shell import Shell, page_html
from exporters.web.switcher import alternates, language_nav
from handoutkit.context import RenderContext
from handoutkit.model import Heading, Paragraph, Span
from handoutkit.present.html import HtmlOptions, blocks_html, inlines_html, lang_attrs, words_html
from handoutkit.present.view import ContentsEntry, HandoutView, Logo, Notice

__all__ = ["RenderedPage", "contact_html", "handout_page", "header_html", "notices_html"]

CONTENTS_ID = "contents-title"


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page's bytes and the site files (images) it links."""

    data: bytes
    assets: tuple[SiteAsset, ...]


def notices_html(notices: tuple[Notice, ...], options: HtmlOptions) -> Markup:
    """The review and update notices; the unreviewed warning stands out."""
    if not notices:
        return Markup("")
    lines = Markup("\n").join(
        paragraph(n.words, options, css_class="notice warning" if n.warning else "notice", strong=n.warning)
        for n in notices
    )
    return Markup('<div class="notices">\n{}\n</div>').format(lines)


def _logo_html(logo: Logo, images: AssetStore, options: HtmlOptions) -> Markup:
    href = images.href(logo.src, logo.alt.origin)
    return Markup('<img class="logo" src="{}" alt="{}"{} />').format(
        href, logo.alt.text, lang_attrs(logo.alt.lang, options.page_lang)
    )


def header_html(view: HandoutView | None, ctx: RenderContext, file_name: str, images: AssetStore | None) -> Markup:
    """The masthead: logo and organization, the link to every handout of this language (a handout page
    only), the language switcher."""
    options = HtmlOptions(ctx.language.tag, image=lambda _: Markup(""))
    parts: list[Markup] = []
    if view is not None:
        brand: list[Markup] = []
        if view.logo is not None and images is not None:
            brand.append(_logo_html(view.logo, images, options))
        if view.organization is not None:
            # The name in a span of its own language: the line keeps the page's direction and alignment.
            name = view.organization
            words = name.inlines if name.lang == options.page_lang else (Span(name.lang, name.inlines),)
            brand.append(inlines_html(words, options))
        if brand:
            parts.append(Markup('<p class="organization">{}</p>').format(Markup(" ").join(brand)))
        collection = f"{ctx.config.collection_file_name}.html"
        parts.append(
            Markup('<p class="up"><a href="{}"{}>{}</a></p>').format(
                collection, lang_attrs(ctx.ui.lang(ALL_HANDOUTS), options.page_lang), ctx.ui(ALL_HANDOUTS)
            )
        )
    parts.append(language_nav(ctx, file_name))
    return Markup("\n").join(part for part in parts if part)


def _entries(entries: tuple[ContentsEntry, ...], options: HtmlOptions) -> Markup:
    items = []
    for entry in entries:
        nested = Markup("\n") + _entries(entry.children, options) if entry.children else Markup("")
        items.append(
            Markup('<li><a href="#{}"{}>{}</a>{}</li>').format(
                entry.anchor, lang_attrs(entry.label.lang, options.page_lang), label_html(entry.label, options), nested
            )
        )
    return Markup("<ol>\n{}\n</ol>").format(Markup("\n").join(items))


def _contents(view: HandoutView, options: HtmlOptions) -> Markup:
    if not view.contents:
        return Markup("")
    return Markup('<nav class="contents" aria-labelledby="{}">\n{}\n{}\n</nav>').format(
        CONTENTS_ID, heading(2, CONTENTS_ID, view.contents_label, options), _entries(view.contents, options)
    )


def _references(view: HandoutView, options: HtmlOptions) -> Markup:
    if view.references_label is None:
        return Markup("")
    items = Markup("\n").join(
        Markup("<li{}>{}</li>").format(lang_attrs(ref.lang, options.page_lang), words_html(ref, options))
        for ref in view.references
    )
    return Markup('<section class="references" aria-labelledby="references">\n{}\n<ol>\n{}\n</ol>\n</section>').format(
        heading(2, "references", view.references_label, options), items
    )


def contact_html(view: HandoutView, options: HtmlOptions) -> Markup:
    """The contact details (phone numbers as ``tel:`` links, kept left to right by the view's isolation)."""
    if view.contact_label is None:
        return Markup("")
    lines = Markup("\n").join(paragraph(line, options) for line in view.contact)
    return Markup('<section class="contact" aria-labelledby="contact">\n{}\n{}\n</section>').format(
        heading(2, "contact", view.contact_label, options), lines
    )


def _main(view: HandoutView, options: HtmlOptions) -> Markup:
    parts = [
        notices_html(view.notices, options),
        blocks_html((Heading(1, view.title, "title"),), options),
    ]
    if view.main_message is not None and view.main_message_label is not None:
        parts.append(
            Markup('<div class="summary">\n{}\n{}\n</div>').format(
                paragraph(view.main_message_label, options, css_class="summary-label", strong=True),
                blocks_html((Paragraph(view.main_message),), options),
            )
        )
    parts.append(_contents(view, options))
    if view.intro:
        parts.append(blocks_html(view.intro, options))
    for section in view.sections:
        parts.append(
            Markup('<section aria-labelledby="{}">\n{}\n</section>').format(
                section.heading.anchor, blocks_html((section.heading, *section.blocks), options)
            )
        )
    parts.append(_references(view, options))
    return Markup("\n").join(part for part in parts if part)


def handout_page(view: HandoutView, ctx: RenderContext) -> RenderedPage:
    """``output/<lang>/<slug>.html`` for the handout ``view`` shows."""
    file_name = f"{view.doc.slug}.html"
    images = AssetStore(ctx.assets, view.lang)
    options = HtmlOptions(view.lang, image=images.html)
    shell = Shell(
        title=view.title,
        header=header_html(view, ctx, file_name, images),
        main=_main(view, options),
        footer=contact_html(view, options),
        alternates=alternates(ctx.linkable_languages(), ctx.language, file_name),
    )
    return RenderedPage(page_html(shell, ctx, lang=view.lang, direction=view.direction), images.files)
