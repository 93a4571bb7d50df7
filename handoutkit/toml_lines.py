"""Where things were written in a TOML file, for messages that name the line: tomllib keeps no positions."""

from __future__ import annotations

import re

__all__ = ["TomlLines", "line_from_message"]


def line_from_message(message: str) -> int:
    """The line number tomllib gives in an error message (``... (at line 3, column 7)``), 0 without one."""
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 0


class TomlLines:
    """Finds the line a dotted key was written on, for error messages (tomllib keeps no positions)."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
    _KEY = re.compile(
        r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            if header := self._HEADER.match(line):
                table = self._split(header.group(1))
                self.positions.setdefault(table, number)
            elif key := self._KEY.match(line):
                self.positions.setdefault(table + self._split(key.group(1)), number)

    @staticmethod
    def _split(dotted: str) -> tuple[str, ...]:
        parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", dotted)
        return tuple(next(p for p in part if p) if any(part) else "" for part in parts)

    def item_line(self, keys: tuple[str, ...], item: str, occurrence: int) -> int:
        """The line of the ``occurrence``-th (from 1) string ``item`` of the array at ``keys`` (the key's
        line when it cannot be told, as with an item written with escapes)."""
        start = self.line(keys)
        if start:
            seen = 0
            for number, line in enumerate(self.text.splitlines()[start - 1 :], start=start):
                seen += sum(line.count(f"{quote}{item}{quote}") for quote in "\"'")
                if seen >= occurrence:
                    return number
        return start

    def line(self, keys: tuple[str, ...]) -> int:
        for end in range(len(keys), 0, -1):
            prefix = keys[:end]
            if prefix in self.positions:
                return self.positions[prefix]
            below = [line for key, line in self.positions.items() if key[:end] == prefix]
            if below:
                return min(below)
        return 0
