"""The web edition: one accessible HTML page per handout and language, and one page per language
listing its handouts.

``output/<lang>/<slug>.html`` is the handout view (:mod:`handoutkit.present.view`) rendered by the
shared HTML renderer (:mod:`handoutkit.present.html`) with landmarks, a skip link and a language
switcher; ``output/<lang>/<collection file name>.html`` lists the language's handouts. The pages hold
no script and need none; their style sheet is in the page. Images are site files, written once as
``output/assets/<digest><suffix>`` (shared files of :meth:`WebExporter.render`); the site's home page is
:func:`exporters.web.home.home_page`.
"""

from __future__ import annotations

from collections.abc import Sequence

from exporters.web.collection import collection_page
from exporters.web.messages import WEB_UI_MESSAGES
from exporters.web.options import WebOptions
from exporters.web.page import handout_page
from handoutkit.context import RenderContext
from handoutkit.exporter import OutputFile
from handoutkit.model import Document
from handoutkit.present.view import handout_view

__all__ = ["WebExporter"]


class WebExporter:
    """Accessible web pages: one per handout and language, and each language's list of handouts."""

    name = "web"
    description = "Accessible web pages (HTML5, WCAG 2.2 AA, no script), one per handout plus a list per language"
    suffixes = (".html",)
    label = "Web page"
    ui_messages = WEB_UI_MESSAGES
    options_class = WebOptions

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """The page of one handout in ``ctx.language``."""
        page = handout_page(handout_view(doc, ctx), ctx)
        shared = [OutputFile("", asset.data, shared_path=asset.path) for asset in page.assets]
        return [OutputFile(".html", page.data), *shared]

    def render_collection(self, docs: Sequence[Document], ctx: RenderContext) -> Sequence[OutputFile]:
        """The list of every handout built in ``ctx.language``."""
        return [OutputFile(".html", collection_page([handout_view(doc, ctx) for doc in docs], ctx))]
