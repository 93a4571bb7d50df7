"""One link annotation per area: the copies WeasyPrint stacks on the same rectangle are removed.

WeasyPrint 70 writes a link annotation for every inline box inside a link, so a link whose words are
in a span (an English title in an Arabic reference, a web address isolated left to right) gets two or
three annotations with the same rectangle and target on the same line (up to 11 for one Arabic
reference over four lines). A keyboard user tabbing through the links lands on the same link two or
three times in a row, and a screen reader announces it as often. Validators accept it; people do not.

After the fragments of each link are merged (:mod:`.structure`), each annotation that repeats an
earlier one of the same page (same rectangle, same target, same ``/Link`` element) leaves the page's
``/Annots``, its ``/Link``'s kids and the ``/ParentTree``; the pages look the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

__all__ = ["drop_stacked_links"]


def drop_stacked_links(pdf: pikepdf.Pdf) -> int:
    """Remove the repeated link annotations of ``pdf`` (see the module's description); returns how many."""
    import pikepdf

    parents = _parent_entries(pdf)
    dropped: set[tuple[int, int]] = set()
    keys: set[int] = set()
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        seen: set[tuple[object, ...]] = set()
        kept = pikepdf.Array()
        for annotation in annotations:
            if annotation.get("/Subtype") != "/Link":
                kept.append(annotation)
                continue
            owner = parents.get(int(annotation.get("/StructParent", -1)))
            key = (_rect(annotation), _target(annotation), owner.objgen if owner is not None else None)
            if key in seen:
                dropped.add(annotation.objgen)
                keys.add(int(annotation.get("/StructParent", -1)))
                continue
            seen.add(key)
            kept.append(annotation)
        if len(kept) != len(annotations):
            page.obj.Annots = kept
    if dropped:
        _forget(pdf, dropped, keys)
    return len(dropped)


def _rect(annotation: pikepdf.Object) -> tuple[float, ...]:
    return tuple(round(float(value), 1) for value in annotation.get("/Rect", []))


def _target(annotation: pikepdf.Object) -> str:
    action = annotation.get("/A")
    if action is not None:
        return repr(action.get("/URI")) + repr(action.get("/D"))
    return repr(annotation.get("/Dest"))


def _parent_entries(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    """``/ParentTree`` keys that name one structure element (annotations') -> that element."""
    import pikepdf

    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {
        int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2) if isinstance(nums[i + 1], pikepdf.Dictionary)
    }


def _forget(pdf: pikepdf.Pdf, dropped: set[tuple[int, int]], keys: set[int]) -> None:
    """Take the dropped annotations out of their ``/Link`` elements, and their ``/StructParent`` ``keys``
    out of ``/ParentTree``."""
    import pikepdf

    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        if not isinstance(kids, pikepdf.Array):
            if isinstance(kids, pikepdf.Dictionary) and "/S" in kids:
                stack.append(kids)
            continue
        for index in reversed(range(len(kids))):
            kid = kids[index]
            if not isinstance(kid, pikepdf.Dictionary):
                continue
            if kid.get("/Type") == "/OBJR" and kid.Obj.objgen in dropped:
                del kids[index]
            elif "/S" in kid:
                stack.append(kid)
    tree = pdf.Root.StructTreeRoot.ParentTree
    nums = tree.Nums
    tree.Nums = pikepdf.Array(
        [item for i in range(0, len(nums) - 1, 2) if int(nums[i]) not in keys for item in (nums[i], nums[i + 1])]
    )
