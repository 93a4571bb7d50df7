"""SMS summaries: the front matter's ``sms`` messages, ready to send, and what each one costs.

For each message (translated like every block): ``{organization}`` and ``{phone}`` are filled in for the
language, the link to the full handout is appended when one is configured, left-to-right runs inside
right-to-left text (a phone number in Arabic) are isolated where their display would otherwise change
(each isolate costs a UCS-2 unit), and the result is counted as the network sends it
(:mod:`exporters.sms.segments`). ``<slug>.sms.txt`` holds exactly the texts to paste
or send, one per paragraph; ``<slug>.sms.json`` says how each one is encoded and split. A message over
its part budget is an error naming the catalog entry (or source line) it came from: medical text is
never cut to fit.

The link may name the handout by an opaque identifier (``{id}``, :func:`~exporters.sms.budget.link_id`)
rather than by its slug, which names the diagnosis; ``<slug>.sms.json`` gives it as ``link_id``, and the
collection file ``<collection>.sms-links.json`` maps every identifier of a language to its handout, for
the clinic's web server (a redirect from ``/h/<id>`` to the handout's page).

This module is what discovery loads: the class and its options; the work is :mod:`exporters.sms.sending`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

from exporters.sms.options import SmsOptions
from handoutkit.context import RenderContext
from handoutkit.errors import Problem, ProblemError
from handoutkit.exporter import CatalogHints, OutputFile
from handoutkit.model import Document
from handoutkit.ui import UiMessage

__all__ = ["SmsExporter"]


class SmsExporter:
    """``<slug>.sms.txt`` (the messages as sent) and ``<slug>.sms.json`` (their encoding and parts)."""

    name = "sms"
    description = "SMS summaries: the texts to send, with their encoding and parts, within a part budget"
    suffixes = (".sms.txt", ".sms.json")
    suffix_labels = MappingProxyType({".sms.txt": "SMS messages to send", ".sms.json": "SMS encoding and parts (JSON)"})
    links_suffix = ".sms-links.json"
    """The collection's file: every link identifier of one language and the handout it stands for."""
    ui_messages: tuple[UiMessage, ...] = ()
    options_class = SmsOptions

    def catalog_hints(self, doc: Document, ctx: RenderContext) -> CatalogHints | None:
        """Each SMS entry's budget in ``ctx.language``: a ``#.`` note and Weblate's ``max-length:N``."""
        from exporters.sms.catalog_hints import translator_hints

        return translator_hints(doc, ctx)

    def check(self, doc: Document, ctx: RenderContext) -> Sequence[Problem]:
        """Messages that cannot be sent as written: over budget, unknown or unset placeholders."""
        from exporters.sms.sending import measure

        return measure(doc, ctx)[1]

    def render(self, doc: Document, ctx: RenderContext) -> Sequence[OutputFile]:
        """Both files; none when the document has no SMS message. Raises ProblemError on any error."""
        from exporters.sms.sending import json_report, measure

        messages, problems = measure(doc, ctx)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise ProblemError(errors)
        if not messages:
            return ()
        text = "\n\n".join(m.count.text for m in messages) + "\n"
        return (
            OutputFile(".sms.txt", text.encode("utf-8")),
            OutputFile(".sms.json", json_report(doc, ctx, messages).encode("utf-8")),
        )

    def render_collection(self, docs: Sequence[Document], ctx: RenderContext) -> Sequence[OutputFile]:
        """``<collection>.sms-links.json``: each link identifier of ``ctx.language`` and its handout (the
        documents with SMS messages); an error if two handouts share one."""
        from exporters.sms.sending import collection_links

        text = collection_links(docs, ctx)
        return () if text is None else (OutputFile(self.links_suffix, text.encode("utf-8")),)
