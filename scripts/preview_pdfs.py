#!/usr/bin/env python3
"""Render page 1 and the last page of every PDF handout to PNG, to look at before handing them out.

    python scripts/preview_pdfs.py                  # every output/<lang>/*.pdf -> previews/<lang>/
    python scripts/preview_pdfs.py out/ar/x.pdf --dpi 150 --out /tmp/previews
    python scripts/preview_pdfs.py --every-page     # every page (page breaks, the running title, figures)

Each PDF gives ``<slug>-page-1.png`` and ``<slug>-page-<last>.png``, and each language folder gets
``contact-sheet.png`` with those pages side by side. Uses pdftoppm (Debian poppler-utils) and Pillow.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return len(document.pages)


def render_page(pdf: Path, page: int, dpi: int, target: Path) -> Path:
    """One page as ``target`` (PNG)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    command = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)]
    subprocess.run(command, check=True)
    return target


def contact_sheet(pages: list[Path], target: Path) -> None:
    """The pages side by side, with a grey gap, scaled to the height of the first."""
    from PIL import Image

    images = [Image.open(page).convert("RGB") for page in pages]
    height = images[0].height
    images = [im.resize((round(im.width * height / im.height), height)) for im in images]
    gap = 12
    sheet = Image.new("RGB", (sum(im.width for im in images) + gap * (len(images) + 1), height + 2 * gap), "#888")
    x = gap
    for im in images:
        sheet.paste(im, (x, gap))
        x += im.width + gap
    sheet.save(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDF files or folders (default: output/)")
    parser.add_argument("--out", type=Path, default=ROOT / "previews", help="where to write (default: previews/)")
    parser.add_argument("--dpi", type=int, default=110, help="resolution (default: 110)")
    parser.add_argument("--every-page", action="store_true", help="every page, not only the first and the last")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("error: pdftoppm not found (Debian package poppler-utils)", file=sys.stderr)
        return 1
    sources = args.pdfs or [ROOT / "output"]
    pdfs = sorted({p for s in sources for p in ([s] if s.is_file() else s.rglob("*.pdf"))})
    if not pdfs:
        print("no PDF found; build them first (make export)", file=sys.stderr)
        return 1
    sheets: dict[Path, list[Path]] = {}
    for pdf in pdfs:
        folder = args.out / pdf.parent.name
        last = page_count(pdf)
        for page in range(1, last + 1) if args.every_page else dict.fromkeys((1, last)):
            png = render_page(pdf, page, args.dpi, folder / f"{pdf.stem}-page-{page}.png")
            sheets.setdefault(folder, []).append(png)
            print(png)
    for folder, pages in sheets.items():
        contact_sheet(pages, folder / "contact-sheet.png")
        print(folder / "contact-sheet.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
