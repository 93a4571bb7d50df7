"""SVG images rebuilt from an allow-list: what a handout's diagram may contain, and nothing else.

An SVG is a program as much as a picture: it can run scripts (``<script>``, ``onload``), embed HTML
(``<foreignObject>``), load files and track readers (``<image href="http://…">``, ``@import``,
``url(http://…)``, ``file:///…``), read local files through XML entities (XXE) and change its own links
while it is shown (``<set attributeName="href">``). A diagram needs none of that. :func:`rebuild_svg`
parses the bytes with lxml in its safe mode (no DTD loaded, no entity resolved, no network, libxml2's
default size limits) and writes a new document that holds only allowed SVG elements and attributes:

- refused (the image is not used, the reason names the element and its line in the SVG): a DOCTYPE,
  active content (scripts, event handlers, animation, HTML), any reference that is not an internal
  ``#fragment`` (``href``, ``xlink:href``, ``url(…)`` other than ``url(#id)``, ``@import``), CSS escapes
  (which can spell ``url`` without the letters), elements or attributes the list does not know;
- dropped without a word (they are never drawn): comments, processing instructions, ``<metadata>``,
  ``data-*`` attributes and the private namespaces of drawing programs (Inkscape, Sodipodi, RDF);
- kept: the drawing, and its accessible name and description (``title``, ``desc``, ``role``,
  ``aria-*``, ``lang``/``xml:lang``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from handoutkit.untrusted import find_unsafe

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["SVG_NS", "SvgRefused", "rebuild_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"

MAX_DEPTH = 200
"""Nesting (elements inside elements, and ``<use>`` chains) beyond which an SVG is refused."""

MAX_DRAWN = 100_000
"""Default number of elements an SVG may draw once every ``<use>`` is expanded (the project's diagram
draws about 100)."""


class SvgRefused(ValueError):
    """An SVG that is not used, and why (the message names the SVG's line when there is one)."""


def _names(text: str) -> frozenset[str]:
    """The names of a list written as words separated by white space."""
    return frozenset(text.split())


_ELEMENTS = _names(
    """svg g defs symbol use title desc a style switch
    path rect circle ellipse line polyline polygon
    text tspan textPath
    linearGradient radialGradient stop pattern clipPath mask marker
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
    feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur
    feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
    feTurbulence"""
)
"""The SVG elements a handout's image may contain (static SVG 1.1 and 2: shapes, text, paint servers,
clipping, masking, markers and filter primitives other than ``feImage``)."""

_FORBIDDEN = {
    "script": "runs code",
    "foreignObject": "embeds HTML",
    "image": "loads another image (put each image in source/ and reference it from the handout)",
    "feImage": "loads another image into a filter",
    "animate": "changes the image while it is shown",
    "animateMotion": "changes the image while it is shown",
    "animateTransform": "changes the image while it is shown",
    "animateColor": "changes the image while it is shown",
    "set": "changes the image while it is shown (it can rewrite a link)",
    "discard": "changes the image while it is shown",
    "iframe": "embeds another document",
    "video": "embeds a video",
    "audio": "embeds a sound",
    "canvas": "is drawn by a script",
    "font-face-uri": "loads a font from a file",
    "cursor": "loads a cursor image",
}
"""Elements refused with a reason of their own (the rest of the unknown ones get a general reason)."""

_DROPPED = frozenset({"metadata"})
"""SVG elements left out silently: they hold data about the file (author, tool), never drawing."""

_ATTRIBUTES = _names(
    """id class style lang tabindex role focusable version baseProfile
    x y width height viewBox preserveAspectRatio transform
    cx cy r rx ry fx fy fr x1 y1 x2 y2 points d pathLength
    dx dy rotate textLength lengthAdjust startOffset method spacing side
    gradientUnits gradientTransform spreadMethod offset
    patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
    markerUnits markerWidth markerHeight refX refY orient
    filterUnits primitiveUnits in in2 result mode type values operator k1 k2 k3 k4 stdDeviation edgeMode
    kernelMatrix order divisor bias targetX targetY preserveAlpha surfaceScale diffuseConstant
    specularConstant specularExponent kernelUnitLength scale xChannelSelector yChannelSelector radius
    azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle baseFrequency numOctaves seed
    stitchTiles tableValues slope intercept amplitude exponent media
    alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-rendering direction display dominant-baseline enable-background
    fill fill-opacity fill-rule filter flood-color flood-opacity font font-family font-size
    font-size-adjust font-stretch font-style font-variant font-weight glyph-orientation-horizontal
    glyph-orientation-vertical image-rendering isolation kerning letter-spacing lighting-color marker
    marker-start marker-mid marker-end mask mask-type mix-blend-mode opacity overflow paint-order
    pointer-events shape-rendering stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset
    stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke-width text-anchor
    text-decoration text-rendering transform-box transform-origin unicode-bidi vector-effect visibility
    white-space word-spacing writing-mode"""
)
"""Attributes without a namespace that may be kept (core, geometry, filter and presentation attributes)."""

_TEXT_ATTRIBUTES = frozenset({"lang", "role"})
"""Kept attributes whose value is words, not CSS (with every ``aria-*``): not checked as CSS."""

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]{0,20}):")
_FRAGMENT = re.compile(r"#[A-Za-z_][\w.:-]*")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_INTERNAL_URL = re.compile(r"""url\(\s*(['"]?)#([A-Za-z_][\w.:-]*)\1\s*\)""", re.IGNORECASE)
_CSS_FUNCTION = re.compile(r"([A-Za-z_-][\w-]*)\s*\(")
_CSS_LOADERS = frozenset(
    {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "element", "paint", "expression"}
)
"""CSS functions that load a file or run code: refused (``url(#id)`` is removed before the search)."""


def rebuild_svg(data: bytes, max_drawn: int = MAX_DRAWN) -> bytes:
    """A new SVG document made of the allowed parts of ``data`` (UTF-8, no XML declaration, a final newline), or
    :class:`SvgRefused`; ``max_drawn`` bounds the elements it draws with every ``<use>`` expanded."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise SvgRefused(f"it is not well-formed XML ({_short(str(error))})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise SvgRefused("it has a DOCTYPE (an SVG image needs none; its entities could read local files)")
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SvgRefused(f"its root element is {_name(root)}, not <svg> in the SVG namespace ({SVG_NS})")
    builder = _Builder(uses_xlink=_uses_xlink(root))
    clean = builder.element(root, None, 0)
    assert clean is not None  # the root is <svg>, which is allowed
    _check_references(root, max_drawn)  # the original's elements know their lines; the rebuilt ones do not
    return etree.tostring(clean, encoding="utf-8") + b"\n"  # a clean SVG comes out as it went in


@dataclass
class _Builder:
    uses_xlink: bool
    nsmap: dict[str | None, str] = field(default_factory=dict)

    def element(self, source: etree._Element, parent: etree._Element | None, depth: int) -> etree._Element | None:
        """The rebuilt copy of ``source`` (appended to ``parent``), or None when it is dropped."""
        from lxml import etree

        if not isinstance(source.tag, str):  # an entity reference left unresolved: never copied
            return None
        namespace, local = _split(source.tag)
        line = source.sourceline
        if namespace == XHTML_NS:
            raise SvgRefused(f"line {line} of the SVG: <{local}> is an HTML element (an image may not embed HTML)")
        if namespace != SVG_NS or local in _DROPPED:
            return None  # a drawing program's private data, or the file's metadata: never drawn
        if local in _FORBIDDEN:
            raise SvgRefused(f"line {line} of the SVG: the <{local}> element {_FORBIDDEN[local]}")
        if local not in _ELEMENTS:
            raise SvgRefused(f"line {line} of the SVG: <{local}> is not an SVG element a handout's image may contain")
        if depth > MAX_DEPTH:
            raise SvgRefused(f"line {line} of the SVG: elements are nested more than {MAX_DEPTH} deep")
        attributes = dict(self.attributes(source, local))
        if parent is None:
            nsmap: dict[str | None, str] = {None: SVG_NS}
            if self.uses_xlink:
                nsmap["xlink"] = XLINK_NS
            clean = etree.Element(source.tag, attributes, nsmap=nsmap)
        else:
            clean = etree.SubElement(parent, source.tag, attributes)
        for words in (source.text, source.tail):
            if words and (unsafe := find_unsafe(words, "\t\n\r")) is not None:
                raise SvgRefused(f"line {line} of the SVG: its text holds {unsafe.describe()}")
        text = source.text
        if local == "style" and text:
            if problem := _css_problem(text):
                raise SvgRefused(f"line {line} of the SVG: the <style> element {problem}")
            text = _canonical_urls(text)
        clean.text = text
        for child in source:
            kept = self.element(child, clean, depth + 1)
            if kept is not None:
                kept.tail = child.tail
            elif child.tail:  # the dropped element's tail is its parent's text
                last = clean[-1] if len(clean) else None
                if last is None:
                    clean.text = (clean.text or "") + child.tail
                else:
                    last.tail = (last.tail or "") + child.tail
        return clean

    def attributes(self, source: etree._Element, local: str) -> Iterator[tuple[str, str]]:
        """The allowed attributes of ``source`` in document order (:class:`SvgRefused` for a dangerous one)."""
        line = source.sourceline
        for key, value in source.attrib.items():
            name = str(key)
            namespace, attribute = _split(name)
            where = f"line {line} of the SVG: the {attribute!r} attribute of <{local}>"
            if attribute.lower().startswith("on"):
                raise SvgRefused(f"{where} is an event handler (it runs code)")
            if attribute == "href" and namespace in ("", XLINK_NS):
                if not _FRAGMENT.fullmatch(value.strip()):
                    raise SvgRefused(f"{where} points outside the image ({_target(value)}); only #id links are allowed")
                yield name, value.strip()
            elif namespace == XML_NS and attribute in ("lang", "space"):
                yield name, value
            elif namespace == XML_NS:
                raise SvgRefused(f"{where} is not allowed (only xml:lang and xml:space are)")
            elif namespace:
                continue  # xlink:title, inkscape:label...: never drawn
            elif attribute.startswith("data-"):
                continue
            elif attribute.startswith("aria-") or attribute in _TEXT_ATTRIBUTES:
                yield name, value
            elif attribute in _ATTRIBUTES:
                if problem := _css_problem(value):
                    raise SvgRefused(f"{where} {problem}")
                yield name, _canonical_urls(value)
            else:
                raise SvgRefused(f"{where} is not one a handout's image may use")


def _css_problem(css: str) -> str | None:
    """Why a stylesheet or an attribute value (both read as CSS) may load a file or run code, or None."""
    if "\\" in css:
        return "has a CSS escape (\\), which can hide what it loads"
    text = _CSS_COMMENT.sub(" ", css)
    if "/*" in text:
        return "has an unfinished CSS comment"
    if "@import" in text.lower():
        return "imports another stylesheet (@import)"
    text = _INTERNAL_URL.sub(" ", text)
    for match in _CSS_FUNCTION.finditer(text):
        if match.group(1).lower() in _CSS_LOADERS:
            return f"loads something from outside the image ({match.group(1)}(…); only url(#id) is allowed)"
    return None


def _canonical_urls(css: str) -> str:
    """``css`` with every internal reference written ``url(#id)``: WeasyPrint 70 takes the quotes of
    ``url('#id')`` as part of the id and fails to draw the image, which a browser shows."""
    return _INTERNAL_URL.sub(r"url(#\2)", css)


def _check_references(root: etree._Element, max_drawn: int) -> None:
    """Refuse ``<use>`` chains that loop or that would draw more than ``max_drawn`` elements (a
    "billion laughs" made of ``<use>``)."""
    nodes = list(root.iter())  # keeps every proxy alive, so id() names one element for the whole walk
    ids = {str(el.get("id")): el for el in nodes if el.get("id")}
    counted: dict[int, int] = {}
    open_: set[int] = set()

    def drawn(el: etree._Element, depth: int) -> int:
        key = id(el)
        if key in counted:
            return counted[key]
        if key in open_:
            raise SvgRefused(f"line {el.sourceline} of the SVG: <use> elements refer to each other in a loop")
        if depth > MAX_DEPTH:
            raise SvgRefused(f"line {el.sourceline} of the SVG: <use> elements are chained more than {MAX_DEPTH} deep")
        open_.add(key)
        total = 1 + sum(drawn(child, depth + 1) for child in el)
        href = el.get("href") or el.get(f"{{{XLINK_NS}}}href")
        if _split(str(el.tag))[1] == "use" and href and (target := ids.get(href[1:])) is not None:
            total += drawn(target, depth + 1)
        open_.discard(key)
        counted[key] = total
        if total > max_drawn:
            raise SvgRefused(f"it would draw more than {max_drawn} elements (<use> repeats others)")
        return total

    drawn(root, 0)


def _uses_xlink(root: etree._Element) -> bool:
    return any(f"{{{XLINK_NS}}}href" in el.attrib for el in root.iter())


def _split(tag: str) -> tuple[str, str]:
    """``(namespace, local name)`` of a Clark-notation name (``{ns}local``)."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _name(el: etree._Element) -> str:
    namespace, local = _split(str(el.tag))
    return f"<{local}> in namespace {namespace!r}" if namespace else f"<{local}> without a namespace"


def _target(href: str) -> str:
    """What a link points at, in words that quote none of it (a URL can carry a tracking token)."""
    scheme = _SCHEME.match(href.strip())
    if scheme:
        return f"a {scheme.group(1).lower()}: URL"
    return "a path to another file" if href.strip() else "an empty link"


def _short(text: str, limit: int = 60) -> str:
    """A short, escaped excerpt of untrusted text for a message."""
    excerpt = text if len(text) <= limit else text[:limit] + "..."
    return ascii(excerpt)
