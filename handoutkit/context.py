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

    One context serves every document of one language (a collection too). Per-document facts, such
    as the review status and the catalog's revision date, live on the :class:`~handoutkit.model.Document`.
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

    @property
    def direction(self) -> str:
        """``ltr`` or ``rtl``."""
        return self.language.direction

    def options(self, schema: type[T]) -> T:
        """An exporter's checked options for ``language``, typed: ``ctx.options(PdfOptions).body_size``.

        ``schema`` is the exporter's ``options_class``; its defaults when the configuration sets none.
        """
        return self.settings.options(schema)
