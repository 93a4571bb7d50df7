"""``[web]`` in ``handoutkit.toml``: the web exporter's options (checked by the core, see handoutkit.options)."""

from __future__ import annotations

from dataclasses import dataclass, field

from handoutkit.options import option

__all__ = ["WebOptions"]


@dataclass(frozen=True, slots=True)
class WebOptions:
    """How the web pages show the text; the reader's own browser settings still scale it."""

    body_size: int = field(
        default=20,
        metadata=option(
            "Body text size in CSS pixels at the browser's default text size (written in `rem`, so a reader's "
            "larger default or zoom scales it); at least 18",
            minimum=18,
            maximum=32,
        ),
    )
    measure: int = field(
        default=36,
        metadata=option(
            "Longest line, in `em` of the body text (shorter lines are easier to follow); narrower screens wrap sooner",
            minimum=20,
            maximum=60,
        ),
    )
