"""``[sms]`` in ``handoutkit.toml``: the SMS exporter's options (checked by the core, see handoutkit.options)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handoutkit.options import option

__all__ = ["SmsOptions"]

_LINK_FIELD = re.compile(r"{([^{}]*)}")


def _link_placeholders(template: str) -> str | None:
    """A link a phone opens in its browser: ``https://`` and a host, no spaces, known fields only."""
    if not template:
        return None
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/\S*)?", template):
        return "must be an https:// web address (with no spaces), or empty for no link"
    from urllib.parse import unquote

    from handoutkit.untrusted import find_unsafe

    if (unsafe := find_unsafe(unquote(template), allow="")) is not None:
        return f"holds, once its %-escapes are decoded, {unsafe.describe()}"
    unknown = sorted(set(_LINK_FIELD.findall(template)) - {"lang", "slug", "id"})
    if unknown:
        return f"may use only {{id}}, {{lang}} and {{slug}}, not {unknown}"
    if "{" in _LINK_FIELD.sub("", template) or "}" in _LINK_FIELD.sub("", template):
        return "has a '{' or '}' that is not part of {id}, {lang} or {slug}"
    return None


@dataclass(frozen=True, slots=True)
class SmsOptions:
    """How SMS summaries are sent: the part budget, the link to the full handout, smart encoding."""

    parts: int = field(
        default=2,
        metadata=option(
            "How many SMS parts one message may take (a handout's `sms_parts` front matter overrides it)",
            minimum=1,
            maximum=10,
        ),
    )
    link_template: str = field(
        default="",
        metadata=option(
            "A link to the full handout, appended to the last SMS message of a handout (never the first, which "
            "shows on lock screens); it counts against the budget. `{id}`: a short opaque identifier of the "
            "handout and language that names no diagnosis (`link_id` in `<slug>.sms.json`, every one of a "
            "language in `<collection>.sms-links.json`); `{lang}`, `{slug}`: the language tag and the handout's "
            "name, which a lock screen or a shared phone would show. Empty: none",
            check=_link_placeholders,
        ),
    )
    smart_encoding: bool = field(
        default=False,
        metadata=option(
            "Replace curly quotes, dashes, the ellipsis and unusual spaces with their GSM-7 look-alikes when "
            "that makes a whole message GSM-7 (160 characters a part instead of 70); letters are never changed"
        ),
    )
