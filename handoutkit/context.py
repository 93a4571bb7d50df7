"""What an exporter knows besides the document: the render context of one language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from handoutkit.assets import Assets
from handoutkit.config import Config, Settings
from handoutkit.languages import Language
from handoutkit.ui import UiText

__all__ = ["RenderContext"]

T = TypeVar("T")


@dataclass(frozen=True)
class RenderContext:
    """Everything a renderer may use besides the document(s) it renders.

    One context serves every document of one language (a collection too), except for
    :attr:`published_languages`, which the build sets per document. Other per-document facts, such as the
    review status and the catalog's revision date, live on the :class:`~handoutkit.model.Document`.
    """

    language: Language
    """The language being built: ``language.tag`` (BCP 47, ``zh-Hans``), ``language.gettext``
    (``zh_Hans``), ``language.direction`` (``ltr``/``rtl``), its English and native names."""
    source_language: Language
    """The language the handouts are written in."""
    ui: UiText
    """Interface words in ``language``: ``ctx.ui("References")``, ``ctx.ui.date(d)``."""
    settings: Settings
    """The configuration for ``language`` (per-language overrides applied)."""
    config: Config
    """The whole project configuration (collection title and file name, languages...)."""
    assets: Assets
    """Read-only access to images under ``source/``."""
    published_languages: tuple[Language, ...] = ()
    """The languages in which the document being rendered is published by this build (or by earlier
    ones), in configuration order; empty when that is not known (a collection, a context made outside a
    build): every configured language may then be linked. See :meth:`linkable_languages`."""

    def linkable_languages(self) -> tuple[Language, ...]:
        """The languages a page of the document may link to: those it is published in, else every
        configured one."""
        return self.published_languages or self.config.languages

    @property
    def direction(self) -> str:
        """``ltr`` or ``rtl``."""
        return self.language.direction

    def options(self, schema: type[T]) -> T:
        """An exporter's checked options for ``language``, typed: ``ctx.options(PdfOptions).body_size``.

        ``schema`` is the exporter's ``options_class``; its defaults when the configuration sets none.
        """
        return self.settings.options(schema)
