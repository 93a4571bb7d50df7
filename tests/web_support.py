"""The web edition of a project written to a folder the way the build writes it: every handout page
and each language's list in ``<lang>/``, the site files (images) once under ``assets/``, and the home
page as ``index.html``; and Chromium run over the pages (``tests/web_pages.cjs``: axe-core, widths,
character positions), one browser for every page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from exporters.web import WebExporter
from exporters.web.home import HomeHandout, HomeRecord, home_page
from handoutkit.exporter import SiteFile
from handoutkit.project import Project
from tests.browser_support import _tools

SCRIPT = Path(__file__).with_name("web_pages.cjs")
TIMEOUT = 300
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


@dataclass(frozen=True)
class Site:
    root: Path
    pages: dict[str, Path]
    """Every page by its path under ``root`` (``ar/stage-4-lung-cancer.html``, ``index.html``)."""


def write_site(project: Project, folder: Path) -> Site:
    """Every language of every handout of ``project`` as web pages under ``folder``."""
    exporter = WebExporter()
    pages: dict[str, Path] = {}
    records: list[HomeRecord] = []
    contexts = {}

    def write(relative: str, data: bytes) -> Path:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            assert path.read_bytes() == data, f"{relative} written twice with different bytes"
        path.write_bytes(data)
        return path

    for language in project.config.languages:
        ctx = project.context(language)
        contexts[language.tag] = ctx
        docs = [project.translate(slug, language).document for slug in project.slugs()]
        for doc in docs:
            files = exporter.render(doc, ctx)
            (page,) = [file for file in files if not file.shared_path]
            relative = f"{language.tag}/{doc.slug}{page.suffix}"
            pages[relative] = write(relative, page.data)
            for asset in files:
                if asset.shared_path:
                    write(asset.shared_path, asset.data)
            handout = HomeHandout(doc.slug, doc.meta.title.text, doc.meta.title.lang, doc.review.reviewed)
            records.append(HomeRecord(language, handout, (SiteFile(relative, "web", ".html"),)))
        (collection,) = exporter.render_collection(docs, ctx)
        relative = f"{language.tag}/{project.config.collection_file_name}{collection.suffix}"
        pages[relative] = write(relative, collection.data)
    site = project.context(project.config.source_language)
    pages["index.html"] = write("index.html", home_page(records, contexts, site))
    return Site(folder, pages)


def browse(requests: Mapping[Path, Mapping[str, Any]]) -> dict[Path, dict[str, Any]]:
    """For each page, what ``tests/web_pages.cjs`` measured as its request asks (keys ``axe``: run
    axe-core with :data:`AXE_TAGS`; ``widths``: list of viewport widths to measure the page's
    scroll width at; ``chars``: strings whose characters' boxes to read back). One Chromium."""
    node, wrapper, modules = _tools()
    axe = modules / "axe-core" / "axe.min.js"
    if not axe.is_file():
        pytest.fail(f"axe-core is not installed in {modules}: run scripts/install-validators.sh")
    request = {"axe": str(axe), "tags": list(AXE_TAGS), "pages": {str(p): dict(r) for p, r in requests.items()}}
    with tempfile.TemporaryDirectory(prefix="handoutkit-web-") as profile:
        done = subprocess.run(
            [node, str(SCRIPT), str(wrapper), profile],
            input=json.dumps(request).encode("utf-8"),
            env={**os.environ, "NODE_PATH": str(modules)},
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    if done.returncode != 0:
        pytest.fail(f"Chromium could not check the pages (exit {done.returncode}): {done.stderr.decode()[-2000:]}")
    found: dict[str, dict[str, Any]] = json.loads(done.stdout.decode("utf-8"))
    return {Path(page): result for page, result in found.items()}


def copy_project(repo: Path, folder: Path, names: Sequence[str] = ("source", "locales")) -> Project:
    """A copy of the project at ``repo`` (sources, catalogs, configuration) under ``folder``."""
    for name in names:
        shutil.copytree(repo / name, folder / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(repo / "handoutkit.toml", folder / "handoutkit.toml")
    return Project.load(folder)
