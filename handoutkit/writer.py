"""The only place that writes files: atomically, and only inside the folder it was given.

A file is written to a temporary name beside its target (``.<name>.<random>.tmp``) and renamed over it,
so a crash or a failed build never leaves half a file and never destroys the previous good one. A file
whose bytes are unchanged is not touched at all. An output that is withdrawn is moved aside whole (one
rename), never rewritten.

A process killed between creating its temporary file and renaming it (SIGKILL, power loss) leaves the
temporary file behind: :func:`remove_stale_temporaries` removes those of an earlier build. The writer
holds an exclusive ``flock`` on its temporary file until the rename, so a file that is still locked
belongs to a build that is running now and is left alone (the kernel drops the lock of a killed process).
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import sys
import time
from pathlib import Path

__all__ = ["HOLD_WRITE", "WriteError", "move_aside", "remove_file", "remove_stale_temporaries", "write_atomic"]

HOLD_WRITE = "HANDOUTKIT_TEST_HOLD_WRITE"
"""For tests only: with ``HANDOUTKIT_TEST_HOLD_WRITE=N`` in its environment, a process's Nth write stops
half-way through its temporary file, prints ``handoutkit: holding write N`` on stderr and sleeps (at
most 10 minutes), so a test can SIGKILL the build at exactly that point (tests/test_hostile_files.py)."""

_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""The names :func:`_new_temporary` gives (and :func:`tempfile.mkstemp`, with the same prefix and suffix)."""
_NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"

_writes = 0
"""Writes this process has made (counted only when :data:`HOLD_WRITE` is set)."""


class WriteError(OSError):
    """A write that was refused (outside the allowed folder) or failed: ``<file>: <why>``."""

    def __init__(self, shown: str, reason: str) -> None:
        super().__init__(f"{shown}: {reason}")
        self.shown = shown
        """The file (or folder), from the folder it was to be written in: ``output/en/a.txt``."""
        self.reason = reason
        """Why it could not be written, as a sentence to show after the file."""


def write_atomic(path: Path, data: bytes, *, inside: Path) -> bool:
    """Write ``data`` to ``path`` atomically; returns False when the file already held exactly that.

    ``inside``: the folder the file must stay within (``output/``, ``locales/``). :class:`WriteError`
    names the file and the reason (a folder in its place, a file in the place of a folder, a read-only
    folder...) when it cannot be written; the previous file, if any, is then left as it was.
    """
    target = _confined(path, inside)
    shown = _shown(target, inside)
    try:
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    _make_folder(target.parent, inside)
    if target.is_dir():
        raise WriteError(shown, "cannot be written: a folder is in its place (remove the folder)")
    try:
        handle, temporary = _locked_temporary(target)
    except OSError as error:
        raise WriteError(shown, f"cannot be written: {_reason(error)}") from error
    try:
        _write_all(handle, data)
        os.fsync(handle)
        os.fchmod(handle, 0o644)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise WriteError(shown, f"cannot be written: {_reason(error)}") from error
        raise
    finally:
        os.close(handle)  # after the rename: the lock is held until the file has its real name
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files that interrupted writes left under ``folder``; returns them.

    Only regular files named as :func:`write_atomic` names its temporary files, only under ``folder``
    (symbolic links to folders are not followed), and only those no running writer holds locked.
    """
    removed: list[Path] = []
    for current, _folders, names in os.walk(folder):
        for name in names:
            path = Path(current) / name
            if _TEMPORARY.match(name) and _remove_if_abandoned(path):
                removed.append(path)
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            return False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a build is writing it right now
        now = os.lstat(path)  # the name may have been renamed to its target meanwhile
        if (now.st_dev, now.st_ino) != (opened.st_dev, opened.st_ino):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(handle)


def _locked_temporary(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target``, locked; retried when a cleaner removed it before the lock."""
    for _attempt in range(5):
        handle, temporary = _new_temporary(target)
        fcntl.flock(handle, fcntl.LOCK_EX)
        if os.fstat(handle).st_nlink > 0:
            return handle, temporary
        os.close(handle)
    raise OSError(errno.EAGAIN, "its temporary file kept being removed by another build")


def _new_temporary(target: Path) -> tuple[int, str]:
    """A new file ``.<name>.XXXXXXXX.tmp`` beside ``target``, opened for this process alone (mode 0600, as
    :func:`tempfile.mkstemp` makes it; that module is not imported: a text build does not need its 7 ms)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _attempt in range(100):
        token = "".join(_NAME_LETTERS[byte % len(_NAME_LETTERS)] for byte in os.urandom(8))
        path = os.path.join(target.parent, f".{target.name}.{token}.tmp")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(target.parent))


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    if _hold_here():
        half = len(view) // 2
        _write_view(handle, view[:half])
        os.fsync(handle)
        print(f"handoutkit: holding write {_writes}", file=sys.stderr, flush=True)
        time.sleep(600)
        view = view[half:]
    _write_view(handle, view)


def _write_view(handle: int, view: memoryview) -> None:
    while view:
        view = view[os.write(handle, view) :]


def _hold_here() -> bool:
    """Whether this write is the one :data:`HOLD_WRITE` asks to stop in (tests only)."""
    global _writes
    hold = os.environ.get(HOLD_WRITE)
    if not hold:
        return False
    _writes += 1
    return str(_writes) == hold.strip()


def _make_folder(folder: Path, inside: Path) -> None:
    """Create ``folder`` (and its parents); a file in the way is named."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return
    except OSError as error:
        failure = error
    root = inside.resolve()
    for step in (folder, *folder.parents):
        if step.exists() and not step.is_dir():
            where = "it is a file" if step == folder else f"{_shown(step, inside)} is a file"
            raise WriteError(_shown(folder, inside), f"cannot be created as a folder: {where} (remove the file)")
        if step == root:
            break
    raise WriteError(_shown(folder, inside), f"cannot be created as a folder: {_reason(failure)}") from failure


def _reason(error: OSError) -> str:
    match error.errno:
        case errno.EROFS:
            return "the file system is read-only"
        case errno.EACCES | errno.EPERM:
            return "permission denied (is the folder read-only?)"
        case errno.EISDIR:
            return "a folder is in its place (remove the folder)"
        case errno.ENOSPC | errno.EDQUOT:
            return "no space left on the device"
        case _:
            return error.strerror or str(error)


def _shown(path: Path, inside: Path) -> str:
    """``path`` as messages show it: from the folder ``inside`` (``output/en/a.txt``)."""
    for root, where in ((inside.resolve(), path), (inside.absolute(), path.absolute())):
        try:
            return (Path(root.name) / where.relative_to(root)).as_posix()
        except ValueError:
            continue
    return str(path)


def _confined(path: Path, inside: Path) -> Path:
    root = inside.resolve()
    target = path.resolve()
    if not target.is_relative_to(root):
        reason = f"refused: it leads outside {inside.absolute().name}/ (through a symbolic link, or '..')"
        raise WriteError(_shown(path, inside), reason)
    return target


def move_aside(path: Path, destination: Path, *, inside: Path) -> None:
    """Move ``path`` to ``destination`` in one rename (replacing an earlier file there); both stay in ``inside``."""
    source = _confined(path, inside)
    target = _confined(destination, inside)
    _make_folder(target.parent, inside)
    try:
        os.replace(source, target)
    except OSError as error:
        where = f"{_shown(source, inside)} -> {_shown(target, inside)}"
        raise WriteError(where, f"cannot be moved: {_reason(error)}") from error


def remove_file(path: Path, *, inside: Path) -> bool:
    """Delete ``path`` (within ``inside``) if it exists; returns whether it did."""
    target = _confined(path, inside)
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise WriteError(_shown(target, inside), f"cannot be removed: {_reason(error)}") from error
    return True
