"""The only way WeasyPrint gets a resource: the document's own images, read through ``ctx.assets``.

WeasyPrint's default fetcher reads any local file and the network. This one serves exactly the URLs
the exporter wrote into the page (``handoutkit-asset:images/x.svg``), each read through
:class:`~handoutkit.assets.Assets`, which refuses anything outside ``source/`` and serves the sanitized
bytes the EPUB and the web edition carry too (so the formats accept and refuse the same images, and
WeasyPrint never decodes a file nobody checked); every other URL
(``file:///etc/passwd``, ``http:``, a path an SVG image points at) is refused before any input or
output happens, and the refusal stops the rendering (``fail_on_errors=True``; WeasyPrint otherwise logs
it and leaves the image out). The refusals are kept so the exporter can say which document and line
asked for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from handoutkit.assets import AssetError, Assets
from handoutkit.model import Origin

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["ASSET_SCHEME", "AssetRequests", "RefusedURL", "asset_url", "make_fetcher"]

ASSET_SCHEME = "handoutkit-asset:"


class RefusedURL(ValueError):
    """A URL the fetcher will not open."""


def asset_url(src: str | PurePosixPath) -> str:
    """The URL the page uses for an image under ``source/``."""
    return ASSET_SCHEME + quote(str(src), safe="/")


@dataclass
class AssetRequests:
    """The images one page may load, and what was refused while it rendered."""

    assets: Assets
    allowed: dict[str, tuple[PurePosixPath, Origin]] = field(default_factory=dict)
    refused: list[tuple[str, str]] = field(default_factory=list)
    """(URL, reason) for every request that was turned down."""

    def allow(self, src: str | PurePosixPath, origin: Origin) -> str:
        """Allow one image and return its URL."""
        url = asset_url(src)
        self.allowed[url] = (PurePosixPath(str(src)), origin)
        return url

    def read(self, url: str) -> tuple[bytes, str]:
        """The bytes and media type behind an allowed URL (:class:`RefusedURL` for anything else)."""
        entry = self.allowed.get(url) or self.allowed.get(asset_url(unquote(url.removeprefix(ASSET_SCHEME))))
        if entry is None or not url.startswith(ASSET_SCHEME):
            reason = "only the document's own images under source/ are loaded"
            self.refused.append((url, reason))
            raise RefusedURL(f"refused to load {url!r}: {reason}")
        src, _ = entry
        try:
            image = self.assets.image(src)
        except AssetError as error:
            reason = str(error) or "the image cannot be used"
            self.refused.append((url, reason))
            raise RefusedURL(f"refused to load {url!r}: {reason}") from None
        return image.data, image.media_type

    def origin_of(self, url: str) -> Origin | None:
        """Where the image behind ``url`` is written in the source, if it is one of the document's."""
        entry = self.allowed.get(url)
        return entry[1] if entry else None


def make_fetcher(requests: AssetRequests) -> URLFetcher:
    """A WeasyPrint URL fetcher serving ``requests`` and nothing else (imports WeasyPrint)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types: URLFetcher is Any
        """Serves the allowed images; refuses every other URL without opening it."""

        def __init__(self) -> None:
            super().__init__(fail_on_errors=True, allowed_protocols=())

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            data, media_type = requests.read(url)
            return URLFetcherResponse(url, data, headers={"Content-Type": media_type})

    return AssetFetcher()
