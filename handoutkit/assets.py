"""Read access to a project's assets (images), confined to its ``source/`` folder, sanitized.

Renderers never open files themselves: they ask the context's :class:`Assets`, which refuses any path
that leaves ``source/`` (``..``, absolute paths, symbolic links pointing out) and any URL, and hands out
an image only as :func:`handoutkit.images.sanitize` rewrote it. Every format (PDF, EPUB, web) gets the
same sanitized bytes, so they accept and refuse the same images; :meth:`Assets.resolve` checks the
content too, so the reader refuses a hostile image at the line of the handout that shows it.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from handoutkit.errors import ProblemError
from handoutkit.files import read_input
from handoutkit.images import DEFAULT_LIMITS, ImageLimits, ImageRefused, SanitizedImage, sanitize

__all__ = ["MEDIA_TYPES", "AssetError", "Assets"]

MEDIA_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
"""The image types every exporter can carry (EPUB core media types)."""


class AssetError(ValueError):
    """An asset reference that is not a readable image under ``source/``."""


@dataclass(frozen=True)
class Assets:
    """The images under one project's ``source/`` folder."""

    root: Path
    """The ``source/`` folder."""
    limits: ImageLimits = DEFAULT_LIMITS
    """How large an image may be (bytes, pixels, SVG elements drawn)."""
    _cache: dict[PurePosixPath, SanitizedImage | AssetError] = field(default_factory=dict, compare=False, repr=False)

    def resolve(self, src: str | PurePosixPath) -> Path:
        """The file for ``src`` (relative to ``source/``), or :class:`AssetError` if it is not allowed:
        a path that leaves ``source/``, or a file whose content is refused (it is decoded and checked
        here, once, so that a document showing a refused image fails where it shows it)."""
        path = self._path(src)
        self.image(src)
        return path

    def image(self, src: str | PurePosixPath) -> SanitizedImage:
        """The sanitized image ``src`` (read and checked the first time; a refusal is remembered too)."""
        key = PurePosixPath(str(src))
        cached = self._cache.get(key)
        if cached is None:
            cached = self._sanitized(key)
            self._cache[key] = cached
        if isinstance(cached, AssetError):
            raise AssetError(str(cached))
        return cached

    def read(self, src: str | PurePosixPath) -> bytes:
        """The sanitized bytes of an image under ``source/``: what every format carries."""
        return self.image(src).data

    def _sanitized(self, key: PurePosixPath) -> SanitizedImage | AssetError:
        try:
            path = self._path(key)
            data = read_input(path, str(key), root=self.root, limit=self.limits.max_bytes)
            return sanitize(data, key.suffix, self.limits)
        except AssetError as error:
            return error
        except ProblemError as error:
            return AssetError(f"{_quoted(str(key))} {error.problems[0].message}")
        except ImageRefused as error:
            return AssetError(f"{_quoted(str(key))} cannot be used: {error}")

    def _path(self, src: str | PurePosixPath) -> Path:
        """The file ``src`` names under ``source/`` (nothing is read)."""
        text = str(src)
        if "://" in text or text.startswith(("/", "\\")) or ":" in text.split("/")[0]:
            raise AssetError(f"{_quoted(text)} is not a path inside source/ (only local images under source/ are used)")
        relative = PurePosixPath(text)
        if ".." in relative.parts:
            raise AssetError(f"{_quoted(text)} leaves the source/ folder")
        if relative.suffix.lower() not in MEDIA_TYPES:
            raise AssetError(f"{_quoted(text)} is not a supported image type ({', '.join(sorted(MEDIA_TYPES))})")
        try:
            root = self.root.resolve()
            path = (root / relative).resolve()
            if not path.is_relative_to(root):
                raise AssetError(f"{_quoted(text)} points outside the source/ folder")
            if not path.is_file():
                raise AssetError(f"{_quoted(text)} does not exist under source/")
        except (OSError, RuntimeError) as error:  # a name too long for the file system, a loop of links
            reason = error.strerror if isinstance(error, OSError) and error.strerror else "a loop of symbolic links?"
            raise AssetError(f"{_quoted(text)} cannot be opened ({reason})") from None
        return path

    @staticmethod
    def media_type(src: str | PurePosixPath) -> str:
        """The MIME type of an image, from its suffix."""
        suffix = PurePosixPath(str(src)).suffix.lower()
        return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(str(src))[0] or "application/octet-stream"


def _quoted(src: str, limit: int = 80) -> str:
    """``src`` quoted for a message, shortened when it is long (a 300-character name is not repeated)."""
    return repr(src if len(src) <= limit else src[:limit] + "…")
