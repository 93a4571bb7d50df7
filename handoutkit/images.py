"""Every image is decoded, checked and written anew before any format uses it.

Images under ``source/`` come from contributors and are untrusted. :func:`sanitize` turns the bytes of
one file into the bytes every exporter carries, or refuses them (:class:`ImageRefused`, with a reason a
person can act on):

- the content must be the type its name says (a PNG named ``.jpg`` is refused, not guessed);
- raster images (PNG, JPEG, GIF, WebP) are opened by Pillow, refused above ``max_pixels`` before a
  single pixel is decoded (a decompression bomb declares a huge size and compresses to almost nothing),
  checked (``verify()``) and fully decoded (``load()``: a truncated or corrupt file fails here, not in a
  reader's e-book app), turned upright by their EXIF orientation, converted to sRGB when they carry a
  colour profile, and re-encoded with no metadata at all (EXIF, XMP, text chunks, comments);
- SVG images are rebuilt from an allow-list (:mod:`handoutkit.svg`).

The output depends only on the input bytes and the library versions in ``requirements.lock``, so builds
stay byte-reproducible. Pillow and lxml are imported when the first image is checked, not with the core.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handoutkit.svg import MAX_DRAWN, SvgRefused, rebuild_svg

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["DEFAULT_LIMITS", "ImageLimits", "ImageRefused", "SanitizedImage", "sanitize"]


@dataclass(frozen=True, slots=True)
class ImageLimits:
    """How large an image may be; each default is far above what a printed handout needs."""

    max_bytes: int = 16 * 1024 * 1024
    """The size of the file (16 MiB)."""
    max_pixels: int = 40_000_000
    """Width × height of a raster image (a 300 dpi full-page photo on A4 or letter is under 9 million).
    Pillow refuses on its own anything above twice ``PIL.Image.MAX_IMAGE_PIXELS`` (about 179 million)."""
    max_svg_drawn: int = MAX_DRAWN
    """Elements an SVG may draw once every ``<use>`` is expanded."""


DEFAULT_LIMITS = ImageLimits()


class ImageRefused(ValueError):
    """An image that is not used, and why."""


@dataclass(frozen=True, slots=True)
class SanitizedImage:
    """The bytes every format carries for one image."""

    data: bytes
    media_type: str
    """``image/png``, ``image/jpeg``, ``image/gif``, ``image/webp`` or ``image/svg+xml``."""


_KINDS = {
    ".svg": "SVG",
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WEBP",
}
"""The content each supported file name suffix promises (Pillow's format names, and SVG)."""

_MEDIA_TYPES = {
    "SVG": "image/svg+xml",
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}

_DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, IndexError, KeyError, TypeError, struct.error, zlib.error)
"""What Pillow's decoders raise on malformed input (``UnidentifiedImageError`` is an ``OSError``; a
truncated file gives ``OSError``, a broken chunk ``SyntaxError`` or ``zlib.error``)."""


def sanitize(data: bytes, suffix: str, limits: ImageLimits = DEFAULT_LIMITS) -> SanitizedImage:
    """The checked, re-encoded bytes of an image whose file name ends in ``suffix`` (``.png``), or
    :class:`ImageRefused`."""
    expected = _KINDS.get(suffix.lower())
    if expected is None:
        raise ImageRefused(f"{suffix!r} is not a supported image type ({', '.join(sorted(_KINDS))})")
    if len(data) > limits.max_bytes:
        raise ImageRefused(f"the file has {len(data):,} bytes, more than the limit of {limits.max_bytes:,}")
    found = content_kind(data)
    if found != expected and not (expected == "SVG" and found is None):
        what = f"{_a(found)} image" if found else "not an image of a supported type"
        raise ImageRefused(f"its name says {_label(expected)} but its content is {what}")
    if expected == "SVG":
        try:
            return SanitizedImage(rebuild_svg(data, limits.max_svg_drawn), _MEDIA_TYPES["SVG"])
        except SvgRefused as error:
            raise ImageRefused(str(error)) from None
    return SanitizedImage(_raster(data, expected, limits), _MEDIA_TYPES[expected])


def content_kind(data: bytes) -> str | None:
    """What the bytes are, from their first bytes: a Pillow format name, ``SVG`` (XML text), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "SVG"
    return None


def _label(kind: str) -> str:
    """The name people use for a format ("WebP" for Pillow's ``WEBP``)."""
    return "WebP" if kind == "WEBP" else kind


def _a(kind: str) -> str:
    """The format's name with its indefinite article: "an SVG", "a PNG", "a JPEG"."""
    label = _label(kind)
    return f"an {label}" if label[0] in "AEFHILMNORSX" else f"a {label}"


def _raster(data: bytes, kind: str, limits: ImageLimits) -> bytes:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit decides below
            with Image.open(io.BytesIO(data), formats=[kind]) as probe:
                _check_size(probe, limits)
                probe.verify()
            with Image.open(io.BytesIO(data), formats=[kind]) as opened:
                _check_size(opened, limits)
                if (frames := int(getattr(opened, "n_frames", 1))) > 1:
                    raise ImageRefused(f"the {_label(kind)} is animated ({frames} frames); a handout's image is still")
                opened.load()
                upright = ImageOps.exif_transpose(opened) or opened
                clean = _without_metadata(upright, opened)
                return _encode(clean, opened, kind)
    except ImageRefused:
        raise
    except Image.DecompressionBombError as error:  # above twice Pillow's own limit: refused before ours
        declared = re.search(r"\((\d+) pixels\)", str(error))
        size = f"{int(declared.group(1)):,}" if declared else f"more than {2 * (Image.MAX_IMAGE_PIXELS or 0):,}"
        raise ImageRefused(
            f"it declares {size} pixels, more than the limit of {limits.max_pixels:,}: "
            "a decompression bomb, or far too large for a handout"
        ) from None
    except UnidentifiedImageError:
        raise ImageRefused(f"the {_label(kind)} image cannot be decoded (the file is damaged)") from None
    except _DECODE_ERRORS as error:
        reason = str(error).strip() or type(error).__name__
        raise ImageRefused(f"the {_label(kind)} image cannot be decoded ({reason})") from None


def _check_size(image: Image.Image, limits: ImageLimits) -> None:
    width, height = image.size
    if width * height > limits.max_pixels:
        raise ImageRefused(
            f"it declares {width} × {height} pixels ({width * height:,}), more than the limit of "
            f"{limits.max_pixels:,}: a decompression bomb, or far too large for a handout"
        )


def _without_metadata(image: Image.Image, original: Image.Image) -> Image.Image:
    """A copy of ``image`` in sRGB that keeps only what drawing needs: pixels, palette, transparency."""
    from PIL import ImageCms

    clean = image.copy()
    profile = original.info.get("icc_profile")
    if profile and clean.mode in ("RGB", "RGBA", "CMYK"):
        # A colour profile changes how the pixels look: apply it once, then leave it out.
        try:
            converted = ImageCms.profileToProfile(
                clean,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if clean.mode == "RGBA" else "RGB",
            )
        except ImageCms.PyCMSError as error:
            raise ImageRefused(f"its colour profile cannot be applied ({str(error).strip() or 'unreadable'})") from None
        assert converted is not None  # inPlace=False returns the new image
        clean = converted
    if clean.mode not in _DRAWN_MODES:
        # 16-bit and 32-bit grey, or other modes WeasyPrint cannot draw ("Unknown image mode: I;16") while
        # browsers can: brought to 8 bits, so that every format shows the same image.
        clean = _to_eight_bits(clean)
    transparency = original.info.get("transparency") if clean.mode == original.mode else None
    clean.info = {} if transparency is None else {"transparency": transparency}
    return clean


_DRAWN_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "CMYK"})
"""Pillow modes every format draws."""


def _to_eight_bits(image: Image.Image) -> Image.Image:
    """A grey image of 16 or 32 bits (or a float one) as 8-bit grey; anything else as RGB(A)."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        from PIL import ImageMath

        _, high = image.getextrema()
        deep = image.mode.startswith("I;16") or (isinstance(high, (int, float)) and high > 255)
        top = 65535.0 if deep else 255.0
        scaled: Image.Image = ImageMath.lambda_eval(
            lambda a: a["convert"](a["image"], "F") * (255.0 / top), image=image
        )
        return scaled.convert("L")
    return image.convert("RGBA" if "A" in image.getbands() else "RGB")


def _encode(image: Image.Image, original: Image.Image, kind: str) -> bytes:
    """``image`` written in ``kind`` with no metadata (nothing but the pixels and their resolution)."""
    from PIL import JpegImagePlugin

    out = io.BytesIO()
    dpi = original.info.get("dpi")
    options: dict[str, object] = {"dpi": tuple(round(float(d)) for d in dpi)} if dpi else {}
    if kind == "JPEG":
        # The original's quantization tables and subsampling: re-encoding changes the pixels as little
        # as a JPEG allows.
        if quantization := getattr(original, "quantization", None):
            options["qtables"] = quantization
        else:
            options["quality"] = 95
        sampling = JpegImagePlugin.get_sampling(original)
        if sampling != -1:
            options["subsampling"] = sampling
    elif kind == "WEBP":
        options = {"lossless": True, "exact": True}
    image.save(out, kind, **options)
    return out.getvalue()
