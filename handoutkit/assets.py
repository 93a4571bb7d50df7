"""Read access to a project's assets (images), confined to its ``source/`` folder.

Renderers never open files themselves: they ask the context's :class:`Assets`, which refuses any path
that leaves ``source/`` (``..``, absolute paths, symbolic links pointing out) and any URL.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

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
    _cache: dict[PurePosixPath, bytes] = field(default_factory=dict, compare=False, repr=False)

    def resolve(self, src: str | PurePosixPath) -> Path:
        """The file for ``src`` (relative to ``source/``), or :class:`AssetError` if it is not allowed."""
        text = str(src)
        if "://" in text or text.startswith(("/", "\\")) or ":" in text.split("/")[0]:
            raise AssetError(f"{text!r} is not a path inside source/ (only local images under source/ are used)")
        relative = PurePosixPath(text)
        if ".." in relative.parts:
            raise AssetError(f"{text!r} leaves the source/ folder")
        if relative.suffix.lower() not in MEDIA_TYPES:
            raise AssetError(f"{text!r} is not a supported image type ({', '.join(sorted(MEDIA_TYPES))})")
        root = self.root.resolve()
        path = (root / relative).resolve()
        if not path.is_relative_to(root):
            raise AssetError(f"{text!r} points outside the source/ folder")
        if not path.is_file():
            raise AssetError(f"{text!r} does not exist under source/")
        return path

    def read(self, src: str | PurePosixPath) -> bytes:
        """The bytes of an image under ``source/``."""
        key = PurePosixPath(str(src))
        if key not in self._cache:
            self._cache[key] = self.resolve(key).read_bytes()
        return self._cache[key]

    @staticmethod
    def media_type(src: str | PurePosixPath) -> str:
        """The MIME type of an image, from its suffix."""
        suffix = PurePosixPath(str(src)).suffix.lower()
        return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(str(src))[0] or "application/octet-stream"
