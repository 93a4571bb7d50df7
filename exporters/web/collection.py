"""Every handout of one language on one page: ``output/<lang>/<collection file name>.html``.

Each handout is its title (a link to its page), its main message and, while it is not reviewed in
this language, the draft notice; the header links the site's home page (``../index.html``) and the
same list in the other languages.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from exporters.web.messages import ALL_LANGUAGES
from exporters.web.page import contact_html, header_html, notices_html
from exporters.web.parts import label_html, paragraph
from exporters.web.shell import Shell, page_html
from exporters.web.switcher import alternates
from handoutkit.context import RenderContext
from handoutkit.model import Origin
from handoutkit.present.html import HtmlOptions, lang_attrs, words_html
from handoutkit.present.view import HandoutView

__all__ = ["HOME_PAGE", "collection_page"]

HOME_PAGE = "../index.html"
"""The site's home page, from a page in ``output/<lang>/``."""


def _item(view: HandoutView, options: HtmlOptions) -> Markup:
    anchor = f"handout-{view.doc.slug}"
    parts = [
        Markup('<h2 id="{}"{}><a href="{}.html">{}</a></h2>').format(
            anchor, lang_attrs(view.title.lang, options.page_lang), view.doc.slug, label_html(view.title, options)
        )
    ]
    if view.main_message is not None:
        parts.append(paragraph(view.main_message, options, css_class="summary-text"))
    parts.append(notices_html(tuple(n for n in view.notices if n.warning), options))
    return Markup("<li>\n{}\n</li>").format(Markup("\n").join(p for p in parts if p))


def collection_page(views: Sequence[HandoutView], ctx: RenderContext) -> bytes:
    """The list of ``views`` (every handout built in ``ctx.language``), in their order."""
    file_name = f"{ctx.config.collection_file_name}.html"
    page_lang = ctx.language.tag
    options = HtmlOptions(page_lang, image=lambda _: Markup(""))
    ui = ctx.ui
    config_title = ctx.config.collection_title
    assert views, "the pipeline renders a collection only when a handout was built"
    title = views[0].phrases.words(ui(config_title), ui.lang(config_title), Origin("handoutkit.toml", 0))
    home = Markup('<p class="up"><a href="{}"{}>{}</a></p>').format(
        HOME_PAGE, lang_attrs(ui.lang(ALL_LANGUAGES), page_lang), ui(ALL_LANGUAGES)
    )
    header = Markup("\n").join([home, header_html(None, ctx, file_name, None)])
    if views[0].organization is not None:
        header = Markup("{}\n{}").format(
            paragraph(views[0].organization, options, css_class="organization"),
            header,
        )
    items = Markup("\n").join(_item(view, options) for view in views)
    main = Markup('<h1{}>{}</h1>\n<ul class="handouts">\n{}\n</ul>').format(
        lang_attrs(title.lang, page_lang), words_html(title, options), items
    )
    shell = Shell(
        title=title,
        header=header,
        main=main,
        footer=contact_html(views[0], options),
        alternates=alternates(ctx.config.languages, ctx.language, file_name),
    )
    return page_html(shell, ctx)
