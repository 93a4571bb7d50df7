"""The page's HTML and CSS, from Jinja2 templates with autoescaping.

Translated text only ever reaches a template as a value, never as template source, so ``{{ 7*7 }}`` in
a catalog prints as written; HTML values are escaped by autoescaping or by the shared renderer
(:mod:`handoutkit.present.html`), and text that goes into CSS (the page number line) is escaped for CSS
strings by :func:`css_string`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from exporters.pdf.fonts import FontSet
from exporters.pdf.languages import LanguageMarks
from exporters.pdf.layout import LIST_INDENT_EM, NUMBERED_INDENT_EM, PageLayout
from exporters.pdf.page import NOBREAK_MAX, PageContent, break_urls

__all__ = ["css_string", "environment", "footer_content", "render_css", "render_html"]

FIGURE_WIDTH = 0.60
"""The share of the text width a figure is printed at (at least 60%, so that its details can be seen)."""
CAPTION_LINES = 2
"""Lines of a figure's caption that always fit on the figure's page: an image is never printed taller
than the text area less these (a taller one is scaled down, narrower)."""


@cache
def environment() -> Environment:
    """The exporter's template environment (autoescaping on for every template)."""
    return Environment(
        loader=PackageLoader("exporters.pdf", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(page: PageContent, layout: PageLayout | None = None) -> Markup:
    """The handout as one HTML document (web addresses broken only after ``/`` and ``.``; with a
    ``layout``, no piece kept whole is longer than its line holds)."""
    html = environment().get_template("handout.html.j2").render(page=page)
    keep_whole = min(NOBREAK_MAX, line_chars(layout)) if layout else NOBREAK_MAX
    return Markup(break_urls(html, keep_whole))


def line_chars(layout: PageLayout) -> int:
    """About how many characters of a web address a line holds (0.6 em each: Latin letters are narrower)."""
    return int(layout.text_width / (0.6 * layout.body))


def render_css(
    page: PageContent, layout: PageLayout, fonts: Iterable[tuple[str, FontSet]], marks: LanguageMarks | None = None
) -> str:
    """The stylesheet: the large-print layout, one ``:lang()`` font rule per language printed, and
    the colour that marks each language for the tag tree (:mod:`exporters.pdf.languages`).

    ``fonts`` pairs each BCP 47 tag with its font set, the document's language first.
    """
    pairs = list(fonts)
    rules = [("html", Markup(pairs[0][1].css))] + [(Markup(f":lang({tag})"), Markup(fs.css)) for tag, fs in pairs]
    return (
        environment()
        .get_template("handout.css.j2")
        .render(
            layout=layout,
            font_rules=rules,
            language_marks=marks.css() if marks is not None else Markup(""),
            footer=footer_content(page.footer.text),
            footer_fonts=Markup(pairs[0][1].css),
            list_indent=LIST_INDENT_EM,
            numbered_indent=NUMBERED_INDENT_EM,
            figure_width=f"{FIGURE_WIDTH:.0%}",
            image_max_height=layout.text_height - CAPTION_LINES * layout.line - layout.body,
        )
    )


_CSS_SAFE = re.compile(r"[A-Za-z0-9]")


def css_string(text: str) -> Markup:
    """``text`` as a double-quoted CSS string, everything but ASCII letters and digits escaped.

    Spaces are escaped too: a hex escape swallows the one space that follows it.
    """
    body = "".join(char if _CSS_SAFE.fullmatch(char) else f"\\{ord(char):06x}" for char in text)
    return Markup(f'"{body}"')


_COUNTERS = re.compile(r"\{(page|pages)\}")


def footer_content(template: str) -> Markup:
    """The CSS ``content`` value for a page number line such as ``Page {page} of {pages}``."""
    parts: list[str] = []
    position = 0
    for match in _COUNTERS.finditer(template):
        if match.start() > position:
            parts.append(css_string(template[position : match.start()]))
        parts.append(f"counter({match.group(1)})")
        position = match.end()
    if position < len(template):
        parts.append(css_string(template[position:]))
    return Markup(" ".join(parts) or '""')
