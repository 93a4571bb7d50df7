"""The web edition: one accessible HTML page per handout and language, and one page per language
listing its handouts.

``output/<lang>/<slug>.html`` is the handout view (:mod:`handoutkit.present.view`) rendered by the
shared HTML renderer (:mod:`handoutkit.present.html`) with landmarks, a skip link and a language
switcher; ``output/<lang>/<collection file name>.html`` lists the language's handouts. The pages hold
no script and need none; their style sheet is in the page. Images are site files, written once as
``output/assets/<digest><suffix>`` (shared files of :meth:`WebExporter.render`); the site's home page,
``output/index.html``, is :func:`exporters.web.home.home_page` of what the build's manifest publishes
(:meth:`WebExporter.render_site`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from exporters.web.messages import WEB_UI_MESSAGES
from exporters.web.options import WebOptions
from handoutkit.exporter import OutputFile

if TYPE_CHECKING:  # the renderers are imported when a page is rendered, not when the exporter is discovered
    from exporters.web.home import HomeRecord
    from handoutkit.context import RenderContext
    from handoutkit.exporter import SiteRecord
    from handoutkit.model import Document

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
        from exporters.web.page import handout_page
        from handoutkit.present.view import handout_view

        page = handout_page(handout_view(doc, ctx), ctx)
        shared = [OutputFile("", asset.data, shared_path=asset.path) for asset in page.assets]
        return [OutputFile(".html", page.data), *shared]

    def render_collection(self, docs: Sequence[Document], ctx: RenderContext) -> Sequence[OutputFile]:
        """The list of every handout built in ``ctx.language``."""
        from exporters.web.collection import collection_page
        from handoutkit.present.view import handout_view

        return [OutputFile(".html", collection_page([handout_view(doc, ctx) for doc in docs], ctx))]

    def render_site(
        self, records: Sequence[SiteRecord], contexts: Mapping[str, RenderContext], site: RenderContext
    ) -> bytes:
        """The site's home page from what the manifest publishes (``records``), each language's part in
        its own words (``contexts`` by BCP 47 tag)."""
        from exporters.web.home import home_page

        return home_page([_home_record(record) for record in records], contexts, site)


def _home_record(record: SiteRecord) -> HomeRecord:
    from exporters.web.home import HomeHandout, HomeRecord

    handout = HomeHandout(record.slug, record.title, record.title_lang, record.reviewed)
    return HomeRecord(record.language, handout, tuple(record.files))
