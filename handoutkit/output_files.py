"""Writing one job's files under ``output/``: each atomically (:mod:`handoutkit.writer`), the site-wide
ones at their shared path, with the page counts the exporter gives; a bad path or a failed write is that
job's problem alone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from handoutkit import keys
from handoutkit.errors import Problem, ProblemError
from handoutkit.exporter import OutputFile
from handoutkit.languages import Language
from handoutkit.model import Origin
from handoutkit.project import Project
from handoutkit.registry import Registered
from handoutkit.writer import WriteError, write_atomic

__all__ = ["Written", "write_job"]

_SHARED_SEGMENT = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}$")


@dataclass(frozen=True)
class Written:
    """What writing one job's files did."""

    files: tuple[Path, ...] = ()
    shared: tuple[tuple[str, str], ...] = ()
    """The site files it wrote (path under ``output/``, digest)."""
    pages: tuple[tuple[str, int], ...] = ()
    problems: tuple[Problem, ...] = ()
    """Why the writing failed (nothing else then counts as written)."""


def _write_shared(project: Project, exporter: Registered, file: OutputFile) -> str:
    """Write a site-wide file under ``output/`` unless it is there with the same bytes; its path."""
    segments = file.shared_path.split("/")
    if len(segments) > 4 or not all(_SHARED_SEGMENT.match(s) and s not in (".", "..") for s in segments):
        raise ProblemError.single(
            "output-path",
            Origin(exporter.target, 0),
            f"exporter {exporter.name!r} returned a bad path {file.shared_path!r}",
        )
    path = project.output_dir.joinpath(*segments)
    write_atomic(path, file.data, inside=project.output_dir)
    return "/".join(segments)


def write_job(
    project: Project, exporter: Registered, name: str, language: Language, files: Sequence[OutputFile]
) -> Written:
    """Write one job's files: the files, the site files (path, digest) and the page counts, or the problem."""
    written: list[Path] = []
    shared: list[tuple[str, str]] = []
    pages: list[tuple[str, int]] = []
    try:
        for file in files:
            if file.shared_path:
                shared.append((_write_shared(project, exporter, file), keys.digest_bytes(file.data)))
                continue
            if not file.suffix.startswith(".") or "/" in file.suffix or "\\" in file.suffix:
                raise ProblemError.single(
                    "output-path",
                    Origin(exporter.target, 0),
                    f"exporter {exporter.name!r} returned a bad suffix {file.suffix!r}",
                )
            path = project.output_path(language, name + file.suffix)
            write_atomic(path, file.data, inside=project.output_dir)
            written.append(path)
            count = exporter.pages(file.suffix, file.data)
            if count is not None:
                pages.append((f"{language.tag}/{name}{file.suffix}", count))
    except ProblemError as error:
        return Written(problems=tuple(error.problems))
    except WriteError as error:
        return Written(problems=(Problem("write", Origin(error.shown, 0), error.reason),))
    except OSError as error:
        where = Origin(project.display(project.output_dir), 0)
        return Written(problems=(Problem("write", where, f"could not write: {error}"),))
    return Written(tuple(written), tuple(sorted(set(shared))), tuple(sorted(pages)))
