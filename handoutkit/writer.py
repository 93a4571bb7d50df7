"""The only place that writes files: atomically, and only inside the folder it was given.

A file is written to a temporary name beside its target and renamed over it, so a crash or a failed
build never leaves half a file and never destroys the previous good one. A file whose bytes are
unchanged is not touched at all. An output that is withdrawn is moved aside whole (one rename), never
rewritten.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["WriteError", "move_aside", "remove_file", "write_atomic"]


class WriteError(OSError):
    """A write that was refused (outside the allowed folder) or failed."""


def write_atomic(path: Path, data: bytes, *, inside: Path) -> bool:
    """Write ``data`` to ``path`` atomically; returns False when the file already held exactly that.

    ``inside``: the folder the file must stay within (``output/``, ``locales/``).
    """
    target = _confined(path, inside)
    try:
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _confined(path: Path, inside: Path) -> Path:
    root = inside.resolve()
    target = path.resolve()
    if not target.is_relative_to(root):
        raise WriteError(f"refusing to write {path}: it is outside {inside}")
    return target


def move_aside(path: Path, destination: Path, *, inside: Path) -> None:
    """Move ``path`` to ``destination`` in one rename (replacing an earlier file there); both stay in ``inside``."""
    source = _confined(path, inside)
    target = _confined(destination, inside)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def remove_file(path: Path, *, inside: Path) -> bool:
    """Delete ``path`` (within ``inside``) if it exists; returns whether it did."""
    target = _confined(path, inside)
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True
