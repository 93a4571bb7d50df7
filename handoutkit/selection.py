"""What a command works on: documents, languages and formats chosen on the command line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handoutkit.errors import HandoutError
from handoutkit.languages import Language, LanguageError, parse_language
from handoutkit.project import Project
from handoutkit.registry import Registered

__all__ = ["Selection", "SelectionError", "select"]


class SelectionError(HandoutError):
    """A document, language or format name on the command line that does not exist."""


@dataclass(frozen=True)
class Selection:
    """The documents, languages and formats one command covers."""

    slugs: tuple[str, ...]
    languages: tuple[Language, ...]
    exporters: tuple[Registered, ...]
    min_coverage: float
    """Percent of a document's and the ui catalog's messages that must be translated to export it."""
    collections: bool = True
    """Build collection files (every document of a language in one); off when ``--doc`` narrows the build."""


def _split(values: Sequence[str] | None, option: str) -> list[str]:
    """The names given to ``option`` (repeated or comma-separated); an option given only empty values
    (``--lang "$UNSET"``) is an error, not a request for everything."""
    names = [v.strip() for value in values or () for v in value.split(",") if v.strip()]
    if values and not names:
        raise SelectionError(f"{option}: no name given (leave the option out to build every one)")
    return names


def select(
    project: Project,
    exporters: dict[str, Registered],
    *,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    docs: Sequence[str] | None = None,
    min_coverage: float | None = None,
) -> Selection:
    """Resolve command-line names; :class:`SelectionError` names what does not exist and what does."""
    configured = project.config.languages
    languages: list[Language] = []
    for code in _split(langs, "--lang"):
        try:
            language = parse_language(code)
        except LanguageError as error:
            raise SelectionError(f"--lang: {error}") from None
        if language not in configured:
            known = ", ".join(lang.tag for lang in configured)
            raise SelectionError(
                f"--lang: {code!r} is not one of the project's languages ({known}); add it to "
                "'languages' in handoutkit.toml"
            )
        if language not in languages:
            languages.append(language)

    chosen: list[Registered] = []
    for name in _split(formats, "--format"):
        if name not in exporters:
            raise SelectionError(f"--format: unknown format {name!r} (known: {', '.join(exporters)})")
        if exporters[name] not in chosen:
            chosen.append(exporters[name])

    available = project.slugs()
    slugs: list[str] = []
    for slug in _split(docs, "--doc"):
        slug = slug.removesuffix(".md").removeprefix("source/")
        if slug not in available:
            raise SelectionError(f"--doc: no handout {slug!r} in source/ (found: {', '.join(available) or 'none'})")
        if slug not in slugs:
            slugs.append(slug)

    coverage = project.config.min_coverage if min_coverage is None else min_coverage
    if not 0 <= coverage <= 100:
        raise SelectionError(f"--min-coverage: {coverage:g} is not between 0 and 100")
    return Selection(
        slugs=tuple(slugs or available),
        languages=tuple(languages or configured),
        exporters=tuple(chosen or [e for e in exporters.values() if e.default]),
        min_coverage=coverage,
        collections=not slugs,
    )
