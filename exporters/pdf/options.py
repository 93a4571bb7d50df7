"""``[pdf]`` in ``handoutkit.toml``: the large-print page (docs/standards.md section 1).

The core checks the table against :class:`PdfOptions` (see handoutkit.options): a body size below
18 pt or a line spacing below 1.15 is refused with the file and line. :func:`~exporters.pdf.layout
.page_layout` clamps to the same minimums, for a context made without loading a configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handoutkit.options import option

__all__ = ["MAX_BODY_SIZE", "MAX_LINE_SPACING", "MIN_BODY_SIZE", "MIN_LINE_SPACING", "PAGE_SIZE_NAMES", "PdfOptions"]

PAGE_SIZE_NAMES = ("letter", "a4")
MIN_BODY_SIZE = 18.0
"""Large print starts at 18 pt (APH, ACB)."""
MIN_LINE_SPACING = 1.15
"""The lowest line spacing any large-print guideline accepts (ACB 2022)."""
MAX_BODY_SIZE = 48.0
"""Beyond this a Letter page holds about eight characters to a line at the Arabic scale: a mistake."""
MAX_LINE_SPACING = 3.0
"""Double spacing is the most any guideline asks for; three is room to spare."""


@dataclass(frozen=True, slots=True)
class PdfOptions:
    """The large-print page of every PDF; defaults follow docs/standards.md section 1."""

    page_size: str = field(
        default="letter",
        metadata=option("The paper size: `letter` (US Letter, 8.5 × 11 in) or `a4`", choices=PAGE_SIZE_NAMES),
    )
    body_size: float = field(
        default=18.0,
        metadata=option(
            "Body text size in points; large print starts at 18", minimum=MIN_BODY_SIZE, maximum=MAX_BODY_SIZE
        ),
    )
    line_spacing: float = field(
        default=1.5,
        metadata=option(
            "Line height as a multiple of the font size", minimum=MIN_LINE_SPACING, maximum=MAX_LINE_SPACING
        ),
    )
