"""One structure element per logical element: WeasyPrint's page and line fragments merged again.

WeasyPrint 70 builds the tag tree page by page from the layout's boxes (``weasyprint/pdf/tags.py``,
``_build_box_tree``), so a list, paragraph or link that crosses a page or a line becomes several
sibling structure elements (WeasyPrint issue #2903, open): English stage 4 had 16 ``/L`` for 11 lists,
a wrapped link two ``/Link``, each contents entry a ``/Link`` (the entry) holding a ``/Link`` (its
``::after`` page number), and in right-to-left text a link's inner ``<span>`` owns an annotation of its
own, which fails PDF/UA-1 7.18.5 (veraPDF's rule set). The reporter of #2903 merged the fragments
afterwards by rewriting ``/K`` and ``/P``, and the file still validated; this module does the same.

What was one element in the HTML cannot be guessed from the PDF: a paragraph that ends at the foot
of a page followed by another at the top of the next looks exactly like one paragraph split in two.
So the signal comes from WeasyPrint itself: while it writes the PDF, :func:`source_marks` wraps
``_build_box_tree`` (the one place that turns a box into a structure element; it calls itself through
the module, so the wrapper sees every box) and gives each element it yields the number of the HTML
element (and pseudo-element) its box was made from, as ``/HKSource``. Every fragment box of one HTML
element keeps that element, so its fragments carry one number. :func:`merge_fragments` then merges
consecutive siblings of one type and one source (top down, so the fragments of a page-split list
become siblings of one ``/L`` before its items are merged), folds a ``/Link`` inside a ``/Link`` and
any annotation owned below a ``/Link`` into that link, turns MCIDs that moved to another page's element
into marked-content references, rewrites ``/ParentTree`` (every MCID and annotation points at the element
that holds it) and removes ``/HKSource``. Marked content is not touched: the pages look the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pikepdf

__all__ = ["SOURCE_KEY", "merge_fragments", "source_marks"]

SOURCE_KEY = "/HKSource"
"""The structure element's HTML element number, written during rendering, removed by the merge."""

_ACTIVE: ContextVar[dict[tuple[int, str], int] | None] = ContextVar("handoutkit_source_marks", default=None)
_installed = False


@contextmanager
def source_marks() -> Iterator[None]:
    """While WeasyPrint writes a PDF inside this block, each structure element carries ``/HKSource``."""
    _install()
    token = _ACTIVE.set({})
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def _install() -> None:
    """Wrap ``weasyprint.pdf.tags._build_box_tree`` once (a no-op outside :func:`source_marks`)."""
    global _installed
    if _installed:
        return
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    if getattr(original, "__name__", "") != "_build_box_tree":
        raise RuntimeError("weasyprint.pdf.tags._build_box_tree is not the function this module wraps")

    def build_box_tree(box: Any, *args: Any) -> Iterator[Any]:
        sources = _ACTIVE.get()
        for element in original(box, *args):
            if sources is not None and "HKSource" not in element and getattr(box, "element", None) is not None:
                key = (id(box.element), str(box.element_tag))
                element["HKSource"] = sources.setdefault(key, len(sources) + 1)
            yield element

    tags._build_box_tree = build_box_tree
    _installed = True


def merge_fragments(pdf: pikepdf.Pdf) -> None:
    """Merge the fragments of ``pdf``'s structure tree (see the module's description)."""
    import pikepdf

    root = pdf.Root.StructTreeRoot
    for top in _elements(root):
        _merge(top)
    tree = root.ParentTree
    nums = tree.Nums
    pages = {page.obj.objgen: page.obj for page in pdf.pages}
    owners: dict[tuple[tuple[int, int], int], pikepdf.Object] = {}
    annotation_owners: dict[int, pikepdf.Object] = {}
    for top in _elements(root):
        _owners(top, owners, annotation_owners)
    rebuilt = []
    page_keys = {int(page.StructParents): page for page in pages.values() if "/StructParents" in page}
    for index in range(0, len(nums), 2):
        key, value = int(nums[index]), nums[index + 1]
        if isinstance(value, pikepdf.Array) and key in page_keys:
            page = page_keys[key].objgen
            value = pikepdf.Array([owners.get((page, mcid), old) for mcid, old in enumerate(value)])
        elif key in annotation_owners:
            value = annotation_owners[key]
        rebuilt += [key, value]
    tree.Nums = pikepdf.Array(rebuilt)
    for top in _elements(root):
        _forget_sources(top)


def _items(element: pikepdf.Object) -> list[pikepdf.Object]:
    import pikepdf

    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _is_element(item: object) -> bool:
    import pikepdf

    return isinstance(item, pikepdf.Dictionary) and "/S" in item


def _elements(element: pikepdf.Object) -> list[pikepdf.Object]:
    return [item for item in _items(element) if _is_element(item)]


def _same_source(a: pikepdf.Object, b: pikepdf.Object) -> bool:
    source = a.get(SOURCE_KEY)
    return source is not None and source == b.get(SOURCE_KEY) and a.S == b.S


def _merge(element: pikepdf.Object) -> None:
    """Merge ``element``'s consecutive same-source children, fold links, then do the same below."""
    import pikepdf

    kept: list[pikepdf.Object] = []
    for item in _items(element):
        if kept and _is_element(item) and _is_element(kept[-1]) and _same_source(kept[-1], item):
            _absorb(kept[-1], item)
        else:
            kept.append(item)
    if element.get("/S") == "/Link":
        kept = _fold_link(element, kept)
    element.K = pikepdf.Array(kept)
    for item in kept:
        if _is_element(item):
            _merge(item)


def _moved(item: pikepdf.Object, source: pikepdf.Object, target: pikepdf.Object) -> pikepdf.Object:
    """``item`` of ``source``'s /K as an item of ``target``'s: an MCID of another page becomes an MCR."""
    import pikepdf

    if isinstance(item, int) and "/Pg" in source and source.Pg.objgen != target.get("/Pg", source.Pg).objgen:
        return pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=source.Pg, MCID=int(item))
    if _is_element(item):
        item.P = target
    return item


def _absorb(target: pikepdf.Object, fragment: pikepdf.Object) -> None:
    """Append ``fragment``'s content to ``target`` (the fragment leaves the tree)."""
    import pikepdf

    moved = [_moved(item, fragment, target) for item in _items(fragment)]
    target.K = pikepdf.Array(_items(target) + moved)
    for key in ("/Lang", "/ActualText", "/Alt"):
        if key in fragment and key not in target:
            target[key] = fragment[key]


def _fold_link(link: pikepdf.Object, kept: list[pikepdf.Object]) -> list[pikepdf.Object]:
    """A /Link inside ``link`` (the contents entry's ``::after`` page number) gives its content to
    ``link``; an annotation owned by an element below ``link`` (an isolating span) moves to ``link``."""
    folded: list[pikepdf.Object] = []
    for item in kept:
        if _is_element(item) and item.S == "/Link":
            inner = _fold_link(item, _items(item))
            folded += [_moved(kid, item, link) for kid in inner]
        else:
            if _is_element(item):
                folded += _take_annotations(item)
            folded.append(item)
    return folded


def _take_annotations(element: pikepdf.Object) -> list[pikepdf.Object]:
    """The object references to annotations held at or below ``element``, removed from there."""
    import pikepdf

    taken: list[pikepdf.Object] = []
    kept: list[pikepdf.Object] = []
    for item in _items(element):
        if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/OBJR":
            taken.append(item)
        else:
            if _is_element(item) and item.S != "/Link":
                taken += _take_annotations(item)
            kept.append(item)
    if taken:
        element.K = pikepdf.Array(kept)
    return taken


def _owners(
    element: pikepdf.Object,
    owners: dict[tuple[tuple[int, int], int], pikepdf.Object],
    annotation_owners: dict[int, pikepdf.Object],
) -> None:
    """Who holds each (page, MCID) and each annotation (by its /StructParent) under ``element``."""
    import pikepdf

    page = element.Pg.objgen if "/Pg" in element else None
    for item in _items(element):
        if isinstance(item, int) and page is not None:
            owners[(page, int(item))] = element
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/MCR":
            owners[(item.Pg.objgen if "/Pg" in item else page or (0, 0), int(item.MCID))] = element
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/OBJR":
            if "/StructParent" in item.Obj:
                annotation_owners[int(item.Obj.StructParent)] = element
        elif _is_element(item):
            _owners(item, owners, annotation_owners)


def _forget_sources(element: pikepdf.Object) -> None:
    if SOURCE_KEY in element:
        del element[SOURCE_KEY]
    for kid in _elements(element):
        _forget_sources(kid)
