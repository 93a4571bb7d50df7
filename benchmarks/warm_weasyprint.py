"""The floor: WeasyPrint inside a warm process, rendering one page on request.

``python -m benchmarks.warm_weasyprint HTML CSS OUT`` imports WeasyPrint once, then, for every line read
from standard input, renders ``HTML`` with the style sheet ``CSS`` to ``OUT`` (PDF/UA-1, as the exporter
asks) and answers one line: the CPU seconds of this process and the wall seconds the rendering took.
Being a separate process, it alternates with the whole-process runs it is compared with.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

__all__ = ["main"]


def main(argv: list[str]) -> int:
    html, css, out = (Path(arg) for arg in argv)
    from weasyprint import CSS, HTML

    for _ in sys.stdin:
        cpu, wall = time.process_time(), time.perf_counter()
        HTML(filename=html).write_pdf(out, stylesheets=[CSS(filename=css)], pdf_variant="pdf/ua-1")
        print(f"{time.process_time() - cpu} {time.perf_counter() - wall}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
