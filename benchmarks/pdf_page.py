"""Write the HTML and CSS the PDF exporter gives WeasyPrint for one handout, as files WeasyPrint's own
command line can read: ``python -m benchmarks.pdf_page PROJECT SLUG LANG FOLDER``.

The page is the exporter's (``exporters.pdf.handout.prepare``); only its image addresses change, from
the exporter's private ``handoutkit-asset:`` scheme to paths relative to ``FOLDER``, into which the
images are copied. Both the WeasyPrint command and the warm in-process floor render these files.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["write_page"]


def write_page(project_root: Path, slug: str, lang: str, folder: Path) -> tuple[Path, Path]:
    """Write ``page.html``, ``page.css`` and the images of ``slug`` in ``lang`` into ``folder``."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from exporters.pdf.fetcher import ASSET_SCHEME
    from exporters.pdf.handout import prepare
    from handoutkit.languages import parse_language
    from handoutkit.project import Project

    project = Project.load(project_root)
    language = parse_language(lang)
    page = prepare(project.translate(slug, language).document, project.context(language))
    folder.mkdir(parents=True, exist_ok=True)
    for url, (src, _) in page.requests.allowed.items():
        target = folder / src
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(project.source_dir / src, target)
        assert url.startswith(ASSET_SCHEME)
    html, css = folder / "page.html", folder / "page.css"
    html.write_text(page.html.replace(ASSET_SCHEME, ""), encoding="utf-8")
    css.write_text(page.css.replace(ASSET_SCHEME, ""), encoding="utf-8")
    return html, css


if __name__ == "__main__":
    root, slug, lang, folder = sys.argv[1:5]
    write_page(Path(root), slug, lang, Path(folder))
