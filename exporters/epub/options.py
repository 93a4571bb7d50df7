"""``[epub]`` in ``handoutkit.toml``: the EPUB exporter's options (checked by the core, see handoutkit.options)."""

from __future__ import annotations

from dataclasses import dataclass, field

from handoutkit.options import option

__all__ = ["EpubOptions"]


@dataclass(frozen=True, slots=True)
class EpubOptions:
    """What the books say about themselves beyond the handout."""

    certified_by: str = field(
        default="",
        metadata=option(
            "The person or organization who evaluated the books' accessibility; when set, each book claims "
            "EPUB Accessibility 1.1 - WCAG 2.1 Level AA (`dcterms:conformsTo`) certified by them "
            "(`a11y:certifiedBy`); when empty, no claim is made. Passing EPUBCheck and Ace is not an evaluation"
        ),
    )
