"""The language switcher: a link to the same page in every language it is published in, each
language named in its own script (``hreflang``, ``lang`` and ``dir`` on the link), the current one
marked ``aria-current``.

The build decides before rendering which languages each handout is published in (its gate plan) and
hands them over in the context (:attr:`handoutkit.context.RenderContext.published_languages`); a
language skipped for that handout is not linked. Without that (a context made outside a build, a
collection page), every configured language is.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from exporters.web.messages import LANGUAGES
from exporters.web.shell import Alternate
from handoutkit.context import RenderContext
from handoutkit.languages import Language
from handoutkit.present.html import lang_attrs

__all__ = ["alternates", "language_name", "language_nav"]


def language_name(language: Language) -> str:
    """The language's name in itself, capitalized as a menu item is (``Español``; scripts without
    capitals are unchanged)."""
    name = language.native_name
    return name[:1].upper() + name[1:]


def _href(language: Language, file_name: str) -> str:
    return f"../{language.tag}/{file_name}"


def alternates(languages: Sequence[Language], current: Language, file_name: str) -> tuple[Alternate, ...]:
    """``<link rel="alternate">`` targets: the page in every other language."""
    return tuple(Alternate(language.tag, _href(language, file_name)) for language in languages if language != current)


def language_nav(ctx: RenderContext, file_name: str, languages: Sequence[Language] | None = None) -> Markup:
    """The switcher for the page ``output/<lang>/<file_name>`` (by default the languages the page's
    handout is published in: :meth:`~handoutkit.context.RenderContext.linkable_languages`)."""
    shown = ctx.linkable_languages() if languages is None else languages
    if len(shown) < 2:
        return Markup("")
    page_lang = ctx.language.tag
    items = []
    for language in shown:
        current = Markup(' aria-current="page"') if language == ctx.language else Markup("")
        items.append(
            Markup('<li><a href="{}" hreflang="{}"{}{}>{}</a></li>').format(
                _href(language, file_name),
                language.tag,
                lang_attrs(language.tag, page_lang),
                current,
                language_name(language),
            )
        )
    return Markup(
        '<nav class="languages" aria-labelledby="languages-label">\n'
        '<p id="languages-label"{}>{}</p>\n<ul>\n{}\n</ul>\n</nav>'
    ).format(lang_attrs(ctx.ui.lang(LANGUAGES), page_lang), ctx.ui(LANGUAGES), Markup("\n").join(items))
