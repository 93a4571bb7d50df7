"""Problems and errors. Every one names the file and line it is about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from handoutkit.model import Origin

__all__ = ["ConfigError", "HandoutError", "Problem", "ProblemError", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input, found by the reader, a catalog check or an exporter."""

    kind: str
    """A short machine-readable name: ``heading-order``, ``fuzzy``, ``sms-over-budget``..."""
    origin: Origin
    """The file and line the problem is about."""
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.origin}: {self.severity}: {self.message} [{self.kind}]"


class HandoutError(Exception):
    """Base class of the errors the toolkit reports to its user."""


class ProblemError(HandoutError):
    """One or more problems that stop a document (or a language of it) from being built."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, kind: str, origin: Origin, message: str) -> ProblemError:
        """An error made of one problem."""
        return cls([Problem(kind, origin, message)])


class ConfigError(ProblemError):
    """An error in ``handoutkit.toml``."""

    def __init__(self, origin: Origin, message: str) -> None:
        super().__init__([Problem("config", origin, message)])
