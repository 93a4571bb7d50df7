"""A figure's printed caption goes inside its Figure, so its words are read once.

WeasyPrint 70 tags ``<figure><img alt=…><figcaption>`` as a grouping element holding a ``/Figure``
(the image, with the description as ``/Alt``) and a ``/Caption`` beside it. Our caption prints the
same description as the ``/Alt``, so a screen reader announced it twice: the ``/Alt`` for the Figure,
then the Caption's text. ISO 32000-1 14.9.3 has assistive technology read a Figure's ``/Alt`` in
place of its content, so with the Caption moved into the Figure (as its last kid) the words are read
once, and the printed caption stays tagged content (not an artifact) for tools that read the tree.

Only the structure changes: each marked-content sequence keeps its structure element (the Caption
object itself moves), so ``/ParentTree`` and the MCIDs stay valid and the pages are unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

__all__ = ["captions_into_figures"]


def captions_into_figures(pdf: pikepdf.Pdf) -> int:
    """Move each ``/Caption`` that directly follows a described ``/Figure`` into that Figure; returns
    how many moved."""
    import pikepdf

    moved = 0
    stack: list[pikepdf.Object] = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        if not isinstance(kids, pikepdf.Array):
            if isinstance(kids, pikepdf.Dictionary) and "/S" in kids:
                stack.append(kids)
            continue
        index = 0
        while index < len(kids):
            figure = _figure_in(kids[index])
            following = kids[index + 1] if index + 1 < len(kids) else None
            if figure is not None and _is(following, "/Caption"):
                assert following is not None
                _append_kid(figure, following)
                following.P = figure
                del kids[index + 1]
                moved += 1
            index += 1
        stack.extend(k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k)
    return moved


def _is(obj: pikepdf.Object | None, kind: str) -> bool:
    import pikepdf

    return isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == kind


def _figure_in(obj: pikepdf.Object) -> pikepdf.Object | None:
    """``obj`` if it is a described Figure, or the one such Figure that groupings wrap it in (WeasyPrint
    puts the image's line box around it: NonStruct > Figure); None otherwise."""
    import pikepdf

    while _is(obj, "/NonStruct") or _is(obj, "/Div"):
        kids = obj.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        if len(items) != 1 or items[0] is None:
            return None
        obj = items[0]
    if _is(obj, "/Figure") and str(obj.get("/Alt", "")).strip():
        return obj
    return None


def _append_kid(parent: pikepdf.Object, kid: pikepdf.Object) -> None:
    import pikepdf

    kids = parent.get("/K")
    if kids is None:
        parent.K = pikepdf.Array([kid])
    elif isinstance(kids, pikepdf.Array):
        kids.append(kid)
    else:
        parent.K = pikepdf.Array([kids, kid])
