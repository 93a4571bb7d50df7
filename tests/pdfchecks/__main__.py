"""``python -m tests.pdfchecks FILE.pdf...``: print every failure of each file; exit 1 if there is one.

The language is taken from the file's folder (``output/<lang>/<slug>.pdf``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.pdfchecks import all_failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PDF/UA-1 and large-print checks")
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--body-size", type=float, default=18.0)
    parser.add_argument("--line-spacing", type=float, default=1.15)
    args = parser.parse_args(argv)
    failed = False
    for pdf in args.pdfs:
        failures = all_failures(pdf, pdf.parent.name, body_size=args.body_size, line_spacing=args.line_spacing)
        print(f"{pdf}: {'ok' if not failures else f'{len(failures)} failures'}")
        for failure in failures:
            print(f"  {failure}")
        failed = failed or bool(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
