"""The page shell every web page shares: ``<html>`` with the page's language and direction, the
style sheet (in the page, so that one file is the whole page, from ``file://`` as from a server), the
skip link, then the header, ``main`` and footer a page fills. No script: nothing needs JavaScript."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from exporters.web.messages import SKIP
from exporters.web.options import WebOptions
from handoutkit.context import RenderContext
from handoutkit.model import plain_text
from handoutkit.present.html import lang_attrs
from handoutkit.present.phrases import Words

__all__ = ["Alternate", "Shell", "page_html", "stylesheet"]


@dataclass(frozen=True, slots=True)
class Alternate:
    """The same page in another language: ``<link rel="alternate" hreflang>``."""

    tag: str
    href: str


@dataclass(frozen=True, slots=True)
class Shell:
    """What one page puts in the shell."""

    title: Words
    header: Markup
    main: Markup
    footer: Markup | None = None
    alternates: Sequence[Alternate] = ()


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("exporters.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _css() -> str:
    return files("exporters.web").joinpath("style.css").read_text(encoding="utf-8")


def stylesheet(options: WebOptions) -> Markup:
    """The style sheet with the configured text size and line length."""
    sizes = f":root {{ --body-size: {options.body_size / 16:g}rem; --measure: {options.measure}em; }}\n"
    return Markup(sizes + _css())  # our own file: no text from a document or a catalog


def page_html(shell: Shell, ctx: RenderContext, *, lang: str | None = None, direction: str | None = None) -> bytes:
    """A complete page in ``ctx.language`` (or ``lang``/``direction``)."""
    page_lang = lang or ctx.language.tag
    html = (
        _environment()
        .get_template("page.html.j2")
        .render(
            lang=page_lang,
            dir=direction or ctx.language.direction,
            title=plain_text(shell.title.inlines),
            title_attrs=lang_attrs(shell.title.lang, page_lang),
            alternates=shell.alternates,
            css=stylesheet(ctx.options(WebOptions)),
            skip=ctx.ui(SKIP),
            skip_attrs=lang_attrs(ctx.ui.lang(SKIP), page_lang),
            header=shell.header,
            main=shell.main,
            footer=shell.footer or "",
        )
    )
    return html.encode("utf-8")
