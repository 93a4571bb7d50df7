"""The liblouis child process: forward translation with emphasis, through the C library.

Run as a script by :mod:`exporters.brf.louis` (``python -I child.py``), never imported by the build:
liblouis keeps a process-wide table cache and is not thread-safe, and a crash in a table must not take
the build down, so the library lives in a process of its own, as ``lou_translate`` did.

Why a hand-written ctypes call and not a binding or ``lou_translate``: ``lou_translate`` (liblouis 3.24)
reads text only, with no way to pass a typeform, so it cannot mark bold words or transcriber's notes;
liblouis's own Python binding is not on PyPI (liblouis/liblouis#1700, #1114: PyPI's ``louis`` 1.3 is
an empty package) and Debian's ``python3-louis`` serves the system Python only. This file calls three
functions of ``liblouis.so.20``: ``lou_charSize`` (the build's ``widechar`` of 2 or 4 bytes),
``lou_getTypeformForEmphClass`` (the typeform bit of an emphasis class such as ``bold``, which
depends on the order of the table's ``emphclass`` lines) and ``lou_translateString``.

Protocol (UTF-8 JSON on standard input, one object): ``{"tables": "...", "classes": ["bold", ...],
"lines": [[text, [flags...]], ...]}``; each flag is a bit set over ``classes`` (bit 0 the first), one
per character. Output: ``{"classes": {"bold": 4, ...}, "lines": [braille, ...]}``, where a class the
tables do not define maps to 0 (its flags are dropped). Errors go to standard error, exit status 1.
"""

from __future__ import annotations

import ctypes
import json
import sys

_LIBRARY = "liblouis.so.20"


def _library() -> ctypes.CDLL:
    lib = ctypes.CDLL(_LIBRARY)
    lib.lou_charSize.restype = ctypes.c_int
    lib.lou_charSize.argtypes = []
    lib.lou_getTypeformForEmphClass.restype = ctypes.c_ushort
    lib.lou_getTypeformForEmphClass.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.lou_translateString.restype = ctypes.c_int
    return lib


def _translate(lib: ctypes.CDLL, tables: bytes, text: str, typeform: list[int]) -> str:
    widechar = ctypes.c_uint32 if lib.lou_charSize() == 4 else ctypes.c_uint16
    codes = [ord(char) for char in text]
    if widechar is ctypes.c_uint16 and any(code > 0xFFFF for code in codes):
        raise ValueError(f"this liblouis build has 16-bit characters and cannot take {text!r}")
    size = len(codes) * 4 + 64
    while True:
        inbuf = (widechar * max(1, len(codes)))(*codes)
        outbuf = (widechar * size)()
        inlen, outlen = ctypes.c_int(len(codes)), ctypes.c_int(size)
        # liblouis writes the output's typeforms back into this array: it must be as long as outbuf
        forms = (ctypes.c_ushort * size)(*typeform)
        done = lib.lou_translateString(tables, inbuf, ctypes.byref(inlen), outbuf, ctypes.byref(outlen), forms, None, 0)
        if not done:
            raise RuntimeError(f"liblouis could not translate {text[:60]!r} with {tables.decode()}")
        if inlen.value >= len(codes) or size > len(codes) * 64 + 4096:
            return "".join(chr(outbuf[index]) for index in range(outlen.value))
        size *= 4  # the output did not fit: liblouis stopped early


def main() -> int:
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    tables = str(request["tables"]).encode("utf-8")
    lib = _library()
    bits = {name: int(lib.lou_getTypeformForEmphClass(tables, name.encode("ascii"))) for name in request["classes"]}
    order = [bits[name] for name in request["classes"]]
    out = []
    for text, flags in request["lines"]:
        typeform = [sum(bit for index, bit in enumerate(order) if flag >> index & 1) for flag in flags]
        out.append(_translate(lib, tables, text, typeform or [0] * len(text)))
    sys.stdout.buffer.write(json.dumps({"classes": bits, "lines": out}).encode("utf-8"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError, RuntimeError, KeyError) as error:
        print(f"liblouis: {error}", file=sys.stderr)
        sys.exit(1)
