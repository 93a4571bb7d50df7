"""Images in a book: the sanitized bytes of ``source/``'s images (:class:`~handoutkit.assets.Assets`, the
same bytes the PDF and the web edition use) under stable names, shown with their text alternative."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from markupsafe import Markup

from exporters.epub.book import Resource
from exporters.epub.xhtml import attrs_for
from handoutkit.assets import AssetError, Assets
from handoutkit.errors import ProblemError
from handoutkit.model import Image

__all__ = ["ImageStore"]


@dataclass
class ImageStore:
    """The images one book uses, named ``images/img-<n><suffix>`` in order of first use.

    One store serves every document of a collection, so an image used twice is stored once.
    """

    assets: Assets
    book_lang: str
    _names: dict[PurePosixPath, str] = field(default_factory=dict)
    _resources: list[Resource] = field(default_factory=list)
    informative: bool = False
    """True once an image with a text alternative has been shown."""

    def file_name(self, image: Image) -> str:
        """The image's path inside the book, reading it from ``source/`` the first time (:class:`ProblemError`
        at the image's line when it cannot be used)."""
        key = PurePosixPath(str(image.src))
        if key not in self._names:
            try:
                sanitized = self.assets.image(key)
            except AssetError as error:
                raise ProblemError.single("image", image.origin, f"image {error}") from None
            name = f"images/img-{len(self._names) + 1}{key.suffix.lower()}"
            self._names[key] = name
            self._resources.append(Resource(name, sanitized.media_type, sanitized.data))
        return self._names[key]

    def html(self, image: Image) -> Markup:
        """The image as XHTML: a figure with alt text, or a decorative image hidden from assistive technology."""
        src = self.file_name(image)
        if image.alt is None:
            return Markup('<div class="image"><img src="{}" alt="" role="presentation" /></div>').format(src)
        self.informative = True
        return Markup('<figure class="image"><img src="{}" alt="{}"{} /></figure>').format(
            src, image.alt.text, attrs_for(image.alt.lang, self.book_lang)
        )

    @property
    def resources(self) -> tuple[Resource, ...]:
        """Every image stored so far, in order of first use."""
        return tuple(self._resources)
