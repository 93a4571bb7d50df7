"""Reading the project's input files (handouts, catalogs, the configuration, images) safely.

Every input is untrusted: a contributed ``source/leak.md`` may be a symbolic link to a file outside the
project, a catalog may be a link to ``/etc/passwd``, a handout may be a folder or a named pipe. An input
is read only when it is a regular file that resolves inside the project; otherwise the problem names the
file as the project shows it, and never the link's target nor anything it holds (CI logs are often public).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path, PurePosixPath

from handoutkit.errors import ProblemError
from handoutkit.model import Origin

__all__ = ["INPUT_FILE", "MIXED", "forget_reads", "read_digest", "read_input", "root_of"]

INPUT_FILE = "input-file"
"""The kind of every problem this module reports."""

_CHUNK = 1 << 20

_READ: dict[str, str] = {}
"""The SHA-256 of the bytes this process read from each input, by resolved path, or :data:`MIXED` once
two reads differed: a job's key is made from digests taken before the job reads its files, and a file
edited in between (a translator saving a catalog during a build) would otherwise be published under
the key of its earlier bytes. A file read twice (a ``ui`` catalog: once for a language's words, again
for a review) may have been used in either version, so two versions never match a key."""

MIXED = "read in two versions"
"""What :func:`read_digest` gives for a file whose reads differed: it equals no digest."""


def read_digest(path: Path) -> str | None:
    """The SHA-256 of the bytes this process read from ``path``, :data:`MIXED` if its reads differed
    (None: it read none)."""
    try:
        return _READ.get(str(path.resolve()))
    except (OSError, RuntimeError):
        return None


def forget_reads() -> None:
    """Start a new record of reads (a command run; tests run many in one process)."""
    _READ.clear()


def read_input(path: Path, display: str, *, root: Path, limit: int | None = None) -> bytes:
    """The bytes of the input file ``path``, shown as ``display`` in messages.

    ``root``: the folder the file must resolve inside (the project, or ``source/`` for images); a
    symbolic link is followed only when its target stays inside it. ``limit``: the most bytes the file
    may hold. :class:`ProblemError` (kind ``input-file``, line 0: it is about the whole file) when the
    file is missing, leaves ``root``, is not a regular file, cannot be read or is larger than ``limit``.
    """
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links (Python 3.11 and 3.12)
        raise _problem(display, "is a symbolic link that could not be followed (a loop?): refused") from None
    if not resolved.is_relative_to(root.resolve()):
        if path.is_symlink():  # the link's target is deliberately not named: it may be a secret's path
            raise _problem(
                display, "is a symbolic link that leads outside the project: refused (put the file itself here)"
            )
        raise _problem(display, "is reached through a symbolic link that leaves the project: refused")
    try:
        # O_NOFOLLOW: the last component was resolved above, so a link swapped in since is refused;
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        descriptor = os.open(resolved, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _problem(display, _open_failure(error)) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise _problem(display, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise _problem(display, "is not a regular file (a device, socket or named pipe): refused")
        if limit is not None and info.st_size > limit:
            raise _problem(display, _too_large(info.st_size, limit))
        data = _read_all(descriptor, display, limit)
    finally:
        os.close(descriptor)
    digest, key = hashlib.sha256(data).hexdigest(), str(resolved)
    _READ[key] = digest if _READ.get(key, digest) == digest else MIXED
    return data


def root_of(path: Path, display: str) -> Path:
    """The folder ``display`` names ``path`` from: ``display`` is the path relative to the project, as
    :meth:`handoutkit.project.Project.display` gives it, so this is the project's folder. When
    ``display`` is not the end of ``path`` (a test's own label), the file's own folder."""
    shown = PurePosixPath(display).parts
    if shown and not PurePosixPath(display).is_absolute() and path.parts[-len(shown) :] == shown:
        return Path(*path.parts[: -len(shown)]) if len(path.parts) > len(shown) else Path(".")
    return path.parent


def _read_all(descriptor: int, display: str, limit: int | None) -> bytes:
    """Read to the end (the size can change after ``fstat``: the limit is checked on what is read)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(descriptor, _CHUNK)
        except OSError as error:
            raise _problem(display, f"cannot be read: {error.strerror or type(error).__name__}") from None
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if limit is not None and total > limit:
            raise _problem(display, _too_large(total, limit))
        chunks.append(chunk)


def _open_failure(error: OSError) -> str:
    match error.errno:
        case errno.ENOENT:
            return "does not exist"
        case errno.ELOOP:
            return "is a symbolic link that could not be followed: refused"
        case errno.EACCES | errno.EPERM:
            return "cannot be read: permission denied"
        case _:
            return f"cannot be opened: {error.strerror or type(error).__name__}"


def _too_large(size: int, limit: int) -> str:
    return f"is larger than the limit of {limit:,} bytes (at least {size:,} bytes): refused"


def _problem(display: str, message: str) -> ProblemError:
    return ProblemError.single(INPUT_FILE, Origin(display, 0), message)
