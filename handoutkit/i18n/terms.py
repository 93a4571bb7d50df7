"""Do-not-translate terms: names that reach every translation as written (``[terms]`` in handoutkit.toml).

Apart from :mod:`handoutkit.i18n.facts`, which finds them in a text, so that reading the configuration
loads none of the meaning checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Term"]


@dataclass(frozen=True, slots=True)
class Term:
    """A do-not-translate term: a name that must reach every translation as written."""

    text: str
    """The term as the source writes it: ``National Cancer Institute``."""
    renderings: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Other accepted forms per language tag (``{"zh-Hans": ["美国国家癌症研究所"]}``)."""

    def accepted(self, lang: str) -> tuple[str, ...]:
        """The forms accepted in ``lang``: the term itself, then its renderings for the language (or,
        when none is given for the full tag, for its primary language: ``zh`` for ``zh-Hans``)."""
        wanted = _tag_key(lang)
        keys = {_tag_key(key): key for key in self.renderings}
        key = keys.get(wanted) or keys.get(wanted.split("-")[0])
        return (self.text, *(self.renderings[key] if key is not None else ()))


def _tag_key(tag: str) -> str:
    return tag.replace("_", "-").casefold()
