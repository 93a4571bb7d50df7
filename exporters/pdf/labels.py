"""List labels painted before their items: the content stream in the order of the structure.

WeasyPrint 70 paints a list item's body first and its ``::marker`` (bullet, reference number) after the
whole list on that page, so text extraction and any reader that follows the page's content rather
than the tag tree read ``the brain … the liver • • • •`` (pdfium; outloud's ORD-001 counts the pages),
while the tag tree says Lbl, then LBody. No WeasyPrint issue was found for this order (searched
Kozea/WeasyPrint's issues for marker, Lbl and reading order); the markers are drawn by
``weasyprint/draw`` after the line boxes of the list.

:func:`order_labels` moves each label's marked-content sequence (with the ``q``/``Q`` pairs that wrap
only it) to just before the first marked content of its item's body on the same page. The sequence
draws at its own text position, so it paints the same glyphs in the same place; where the graphics
state in force differs between the two places (a fill colour, an ExtGState, a text-state parameter),
the state of the original place is set again inside an added ``q``/``Q`` pair, and a label is not
moved when the transformation matrix differs or the place is inside a text object. The page's MCIDs
are then numbered again in content order, with the structure elements and ``/ParentTree``.
Run it before fragments are merged (:mod:`exporters.pdf.structure`): each element then lies on one page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pikepdf

__all__ = ["order_labels"]

_FILL = frozenset({"rg", "g", "k", "sc", "scn", "cs"})
_STROKE = frozenset({"RG", "G", "K", "SC", "SCN", "CS"})
_TEXT_STATE = frozenset({"Tc", "Tw", "Tz", "TL", "Ts", "Tr", "Tf"})
_LINE_STATE = frozenset({"w", "J", "j", "M", "d", "ri", "i"})

_State = tuple[Any, ...]
"""The transformation (the ``cm`` operands in force), then (name, value) pairs of the rest."""
_Instruction = Any
"""A content stream instruction or inline image, as pikepdf parses them."""


def order_labels(pdf: pikepdf.Pdf) -> None:
    """Paint every list label of ``pdf`` before its item's body (see the module's description)."""
    import pikepdf

    root = pdf.Root.StructTreeRoot
    nums = root.ParentTree.Nums
    arrays = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2) if isinstance(nums[i + 1], pikepdf.Array)}
    items: dict[tuple[int, int], list[tuple[list[int], list[int]]]] = {}
    for element in _walk(root):
        if element.get("/S") == "/LI" and "/Pg" in element:
            labels = [m for kid in _kids(element) if kid.S == "/Lbl" for m in _mcids(kid)]
            bodies = [m for kid in _kids(element) if kid.S == "/LBody" for m in _mcids(kid)]
            if labels and bodies:
                items.setdefault(element.Pg.objgen, []).append((labels, bodies))
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if page.obj.objgen in items and key is not None and int(key) in arrays:
            instructions = _reorder(page, items[page.obj.objgen])
            if instructions is not None:
                order = [mcid for mcid in (_mcid_of(i) for i in instructions) if mcid is not None]
                mapping = {old: new for new, old in enumerate(order)}
                instructions = [_numbered(instruction, mapping) for instruction in instructions]
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
                index = next(i for i in range(0, len(nums), 2) if int(nums[i]) == int(key))
                nums[index + 1] = _renumber(pikepdf.Array(arrays[int(key)]), order)


def _walk(element: pikepdf.Object) -> Iterator[pikepdf.Object]:
    for kid in _kids(element):
        yield kid
        yield from _walk(kid)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    import pikepdf

    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _mcids(element: pikepdf.Object) -> list[int]:
    """The MCIDs at and below ``element`` (all on its page: fragments are not merged yet)."""
    import pikepdf

    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    found = [int(k) for k in items if isinstance(k, int)]
    for kid in _kids(element):
        found += _mcids(kid)
    return found


def _reorder(page: pikepdf.Page, items: list[tuple[list[int], list[int]]]) -> list[_Instruction] | None:
    """The page's instructions with each label moved before its body; None when nothing moves."""
    import pikepdf

    instructions = list(pikepdf.parse_content_stream(page))
    spans = _sequences(instructions)
    states, in_text = _states(instructions)
    moves: dict[int, list[tuple[int, int]]] = {}
    for labels, bodies in items:
        if not all(m in spans for m in labels + bodies):
            continue
        target = min(spans[m][0] for m in bodies)
        for mcid in sorted(labels, key=lambda m: spans[m][0]):
            start, end = _wrapped(instructions, *spans[mcid])
            if start > target and not in_text[target] and states[start][0] == states[target][0]:
                moves.setdefault(target, []).append((start, end))
    if not moves:
        return None
    moved = {i for chunks in moves.values() for start, end in chunks for i in range(start, end + 1)}
    result: list[_Instruction] = []
    for index, instruction in enumerate(instructions):
        for start, end in moves.get(index, []):
            result += _restate(states[start], states[index])
            result += instructions[start : end + 1]
            result.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("Q")))
        if index not in moved:
            result.append(instruction)
    return result


def _mcid_of(instruction: _Instruction) -> int | None:
    import pikepdf

    if str(instruction.operator) != "BDC" or len(instruction.operands) != 2:
        return None
    properties = instruction.operands[1]
    return int(properties.MCID) if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties else None


def _sequences(instructions: list[_Instruction]) -> dict[int, tuple[int, int]]:
    """MCID -> (index of its BDC, index of its EMC)."""
    found: dict[int, tuple[int, int]] = {}
    stack: list[tuple[int, int | None]] = []
    for index, instruction in enumerate(instructions):
        operator = str(instruction.operator)
        if operator in ("BDC", "BMC"):
            stack.append((index, _mcid_of(instruction)))
        elif operator == "EMC" and stack:
            start, mcid = stack.pop()
            if mcid is not None:
                found[mcid] = (start, index)
    return found


def _wrapped(instructions: list[_Instruction], start: int, end: int) -> tuple[int, int]:
    """(start, end) widened over the ``q``/``Q`` pairs that wrap only this sequence."""
    while (
        start > 0
        and end + 1 < len(instructions)
        and str(instructions[start - 1].operator) == "q"
        and str(instructions[end + 1].operator) == "Q"
    ):
        start, end = start - 1, end + 1
    return start, end


def _states(instructions: list[_Instruction]) -> tuple[list[_State], list[bool]]:
    """The graphics state in force before each instruction (transformation first), and whether the
    instruction is inside a text object."""
    current: dict[str, tuple[object, ...]] = {"cm": ()}
    saved: list[dict[str, tuple[object, ...]]] = []
    states: list[_State] = []
    in_text: list[bool] = []
    text = False
    for instruction in instructions:
        states.append((current["cm"], *sorted(((k, v) for k, v in current.items() if k != "cm"), key=str)))
        in_text.append(text)
        operator = str(instruction.operator)
        operands = tuple(_plain(value) for value in instruction.operands)
        if operator == "q":
            saved.append(dict(current))
        elif operator == "Q" and saved:
            current = saved.pop()
        elif operator == "cm":
            current["cm"] = (*current["cm"], operands)
        elif operator == "BT":
            text = True
        elif operator == "ET":
            text = False
        elif operator == "gs":
            current["gs"] = (*current.get("gs", ()), operands)
        elif operator in _FILL:
            current["fill"] = (*(current.get("fill", ()) if operator in ("sc", "scn") else ()), (operator, operands))
        elif operator in _STROKE:
            current["stroke"] = (
                *(current.get("stroke", ()) if operator in ("SC", "SCN") else ()),
                (operator, operands),
            )
        elif operator in _TEXT_STATE or operator in _LINE_STATE:
            current[operator] = operands
    states.append((current["cm"],))
    in_text.append(text)
    return states, in_text


def _plain(value: object) -> object:
    """An operand as a comparable, printable value."""
    import pikepdf

    if isinstance(value, pikepdf.Object):
        return bytes(value.unparse())
    return value


def _restate(wanted: _State, present: _State) -> list[_Instruction]:
    """``q`` and the operators that turn the ``present`` state into the ``wanted`` one (the caller
    closes with ``Q``)."""
    import pikepdf

    out = [pikepdf.ContentStreamInstruction([], pikepdf.Operator("q"))]
    have: dict[str, Any] = dict(present[1:])
    for name, value in wanted[1:]:
        if have.get(name) == value:
            continue
        if name in ("fill", "stroke", "gs"):
            steps = [(str(op), ops) for op, ops in value] if name != "gs" else [("gs", ops) for ops in value]
        else:
            steps = [(str(name), value)]
        out += [_instruction(operator, operands) for operator, operands in steps]
    return out


def _instruction(operator: str, operands: object) -> pikepdf.ContentStreamInstruction:
    """An instruction from printed operands (each as :meth:`pikepdf.Object.unparse` wrote it)."""
    import pikepdf

    values = operands if isinstance(operands, tuple) else ()
    data = b" ".join(v if isinstance(v, bytes) else str(v).encode() for v in values) + b" " + operator.encode()
    pdf = pikepdf.new()
    (instruction,) = pikepdf.parse_content_stream(pikepdf.Stream(pdf, data))
    assert isinstance(instruction, pikepdf.ContentStreamInstruction)
    return pikepdf.ContentStreamInstruction(instruction.operands, instruction.operator)


def _numbered(instruction: _Instruction, mapping: dict[int, int]) -> _Instruction:
    """``instruction`` with its MCID (if any) renumbered."""
    import pikepdf

    mcid = _mcid_of(instruction)
    if mcid is None or mapping.get(mcid, mcid) == mcid:
        return instruction
    properties = pikepdf.Dictionary({str(k): v for k, v in instruction.operands[1].items()})
    properties.MCID = mapping[mcid]
    return pikepdf.ContentStreamInstruction([instruction.operands[0], properties], instruction.operator)


def _renumber(parents: pikepdf.Array, order: list[int]) -> pikepdf.Array:
    """The elements of the page's parent array with their MCIDs numbered in content ``order`` (old
    MCIDs); returns the new parent array."""
    import pikepdf

    mapping = {old: new for new, old in enumerate(order)}
    elements = list(parents)
    done: set[tuple[int, int]] = set()
    for element in elements:
        if element.objgen in done:
            continue
        done.add(element.objgen)
        kids = element.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        element.K = pikepdf.Array([mapping.get(int(k), int(k)) if isinstance(k, int) else k for k in items])
    return pikepdf.Array([elements[old] for old in order])
