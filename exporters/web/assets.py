"""Images of the web edition: stored once for the whole site, under names made from their bytes.

An image is written to ``output/assets/<digest><suffix>`` (``<digest>``: the first 16 hex digits of the
SHA-256 of its bytes), whichever handout or language uses it, so every page links the same file and a
changed image gets a new name (no stale copy in a browser's cache). Pages live in ``output/<lang>/``
and link ``../assets/...``: relative links, which work from ``file://`` and under any server path.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from markupsafe import Markup

from handoutkit.assets import AssetError, Assets
from handoutkit.errors import ProblemError
from handoutkit.model import Image, Origin
from handoutkit.present.html import lang_attrs

__all__ = ["ASSETS_DIR", "AssetStore", "SiteAsset", "asset_name"]

ASSETS_DIR = "assets"
"""The folder under ``output/`` that holds every page's images."""


@dataclass(frozen=True, slots=True)
class SiteAsset:
    """A file shared by the whole site: ``output/<path>``."""

    path: str
    """Relative to ``output/``, with ``/``: ``assets/3f2a9c0d1e4b5a6c.svg``."""
    data: bytes


def asset_name(src: str | PurePosixPath, data: bytes) -> str:
    """``assets/<digest><suffix>`` for an image of ``data`` read from ``src``."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    return f"{ASSETS_DIR}/{digest}{PurePosixPath(str(src)).suffix.lower()}"


@dataclass
class AssetStore:
    """The images the pages of one render use, each read once from ``source/``."""

    assets: Assets
    page_lang: str
    prefix: str = "../"
    """From a page to ``output/``: pages are in ``output/<lang>/``."""
    _files: dict[str, SiteAsset] = field(default_factory=dict)

    def href(self, src: str, origin: Origin) -> str:
        """The link from a page to the image ``src`` (under ``source/``), storing it the first time."""
        try:
            data = self.assets.read(src)  # sanitized: the bytes the PDF and the EPUB carry too
        except AssetError as error:
            raise ProblemError.single("image", origin, f"image {error}") from None
        name = asset_name(src, data)
        self._files.setdefault(name, SiteAsset(name, data))
        return self.prefix + name

    def html(self, image: Image) -> Markup:
        """An image block: a figure with its text alternative, or a decorative image screen readers skip."""
        src = self.href(str(image.src), image.origin)
        if image.alt is None:
            return Markup('<div class="image"><img src="{}" alt="" /></div>').format(src)
        return Markup('<figure class="image"><img src="{}" alt="{}"{} /></figure>').format(
            src, image.alt.text, lang_attrs(image.alt.lang, self.page_lang)
        )

    @property
    def files(self) -> tuple[SiteAsset, ...]:
        """Every image stored so far, in order of first use."""
        return tuple(self._files.values())
