"""Job keys: one digest of everything the bytes of a job's outputs depend on.

A key is the SHA-256 of a canonical JSON value (sorted keys, no whitespace), so the same inputs give the
same key on every machine, path, time zone and hash seed. What goes in:

- the environment (:func:`environment`): handoutkit's version and a digest of its own files (code and
  templates), the versions of the libraries that render (WeasyPrint, Jinja, ebooklib...), Python's and
  zlib's versions (a zip's compressed bytes depend on zlib); fonts are the PDF exporter's
  ``key_material`` (the faces it prints with, and every installed font file), since no other format
  depends on them;
- per document and language (:func:`plan_key`): the source file, its catalog and the ``ui`` catalog,
  the configuration values translation and the gate read, the minimum coverage and the ``ui`` messages
  the selected formats need;
- per job (:func:`document_key`, :func:`collection_key`): the plan's key, the images the document uses,
  the exporter (:func:`exporter_fingerprint`: name, entry point, distribution and version, a digest of
  its module or package files, and what its optional ``key_material(ctx)`` adds), the configuration the
  render context carries for that language and exporter (:func:`context_material`), and the languages
  in which the document is published.

Being conservative is the rule: a key may change when the bytes do not (a rebuild), never the reverse.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType

from handoutkit import installed
from handoutkit.config import Config
from handoutkit.context import RenderContext
from handoutkit.languages import Language
from handoutkit.registry import Registered

__all__ = [
    "RENDERING_DISTRIBUTIONS",
    "collection_key",
    "context_material",
    "core_config_material",
    "digest_bytes",
    "digest_json",
    "document_key",
    "environment",
    "exporter_fingerprint",
    "file_digest",
    "plan_key",
    "tree_digest",
]

RENDERING_DISTRIBUTIONS = (
    "babel",
    "brotli",
    "cssselect2",
    "ebooklib",
    "fonttools",
    "gsm0338",
    "jinja2",
    "lxml",
    "markdown-it-py",
    "markupsafe",
    "mdit-py-plugins",
    "pikepdf",
    "pillow",
    "polib",
    "pydyf",
    "pyphen",
    "python-bidi",
    "pyyaml",
    "regex",
    "tinycss2",
    "tinyhtml5",
    "unicode-segmentation-rs",
    "weasyprint",
    "zopfli",
)
"""Distributions whose version can change the bytes of an output (a missing one counts as ``-``)."""


def digest_json(value: object) -> str:
    """The SHA-256 of ``value`` as canonical JSON (values JSON cannot hold are written with ``repr``)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest_bytes(data: bytes) -> str:
    """The SHA-256 of ``data``, in hexadecimal."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a regular file's bytes; ``''`` when it does not exist, cannot be read or is not a
    regular file (a named pipe would block the build: the read that matters, :func:`handoutkit.files
    .read_input`, refuses it with a message)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def tree_digest(root: Path) -> str:
    """A digest of every file under ``root`` (its relative path and bytes), caches left out."""
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    )
    return digest_json([(p.relative_to(root).as_posix(), file_digest(p)) for p in files])


def _version(name: str, found: list[installed.Distribution] | None = None) -> str:
    return installed.version(name, found) or "-"


@functools.cache
def environment() -> str:
    """The digest of the environment every job depends on (computed once per process)."""
    package = Path(__file__).resolve().parent
    found = installed.distributions()
    return digest_json(
        {
            "handoutkit": [_version("handoutkit", found), tree_digest(package)],
            "libraries": {name: _version(name, found) for name in RENDERING_DISTRIBUTIONS},
            "python": list(sys.version_info[:3]),
            "zlib": zlib.ZLIB_RUNTIME_VERSION,
        }
    )


def _module_files_digest(module: ModuleType) -> str:
    """A package's whole folder (templates and style sheets too), or a lone module's file."""
    paths = getattr(module, "__path__", None)
    if paths:
        return digest_json([tree_digest(Path(p)) for p in paths])
    file = getattr(module, "__file__", None)
    return file_digest(Path(file)) if file else ""


@functools.cache
def _exporter_code(target: str) -> str:
    module = sys.modules.get(target.partition(":")[0])
    return _module_files_digest(module) if module is not None else ""


def exporter_fingerprint(exporter: Registered, ctx: RenderContext) -> str:
    """What identifies an exporter's output: its name, entry point, distribution and version, its files,
    and its optional ``key_material(ctx)`` (fonts it resolves, a system library's version...)."""
    return digest_json(
        {
            "name": exporter.name,
            "target": exporter.target,
            "origin": exporter.origin,
            "version": str(getattr(exporter.exporter, "version", "")),
            "code": _exporter_code(exporter.target),
            "extra": exporter.key_material(ctx),
        }
    )


def _plain(value: object) -> object:
    """A configuration value as JSON-able data (dataclasses as dicts, mappings sorted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "__type__": type(value).__qualname__,
            **{f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)},
        }
    if isinstance(value, Language):
        return value.tag
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda item: str(item[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return value.as_posix()
    return value


def core_config_material(config: Config) -> object:
    """The configuration values every job may read, other exporters' options and line numbers left out."""
    return {
        "source_language": config.source_language.tag,
        "languages": [language.tag for language in config.languages],
        "collection_title": config.collection_title,
        "collection_file_name": config.collection_file_name,
        "do_not_translate": _plain(config.do_not_translate),
        "max_grade": config.max_grade,
        "min_inflesz": config.min_inflesz,
    }


def context_material(ctx: RenderContext, exporter: Registered, source_dir: Path) -> object:
    """What the render context of ``ctx.language`` carries for ``exporter``: the core settings of that
    language (the organization's logo file too), that exporter's options, the core configuration."""
    settings = ctx.settings
    schema = exporter.options_class
    logo = settings.organization.logo
    return {
        "core": core_config_material(ctx.config),
        "organization": _plain(settings.organization),
        "logo": file_digest(source_dir / logo) if logo else "",
        "publisher": settings.publisher,
        "rights": settings.rights,
        "options": _plain(settings.options(schema)) if schema is not None else None,
    }


def plan_key(
    *,
    slug: str,
    language: Language,
    files: Mapping[str, str],
    config: Config,
    min_coverage: float,
    required_ui: Sequence[str],
) -> str:
    """The key of one document's plan (translate and gate) in one language.

    ``files``: the digests of the source, its catalog and the ``ui`` catalog, by project-relative path.
    """
    return digest_json(
        {
            "kind": "plan",
            "environment": environment(),
            "slug": slug,
            "lang": language.tag,
            "files": dict(files),
            "config": core_config_material(config),
            "min_coverage": min_coverage,
            "required_ui": sorted(required_ui),
        }
    )


def document_key(
    *,
    plan: str,
    assets: Iterable[tuple[str, str]],
    exporter: str,
    context: object,
    published_languages: Sequence[str],
) -> str:
    """The key of one document's output in one language and format."""
    return digest_json(
        {
            "kind": "document",
            "plan": plan,
            "assets": sorted(assets),
            "exporter": exporter,
            "context": context,
            "published_languages": list(published_languages),
        }
    )


def collection_key(
    *, members: Sequence[tuple[str, str, Sequence[tuple[str, str]]]], exporter: str, context: object
) -> str:
    """The key of one language's collection in one format: each member's (slug, plan key, assets)."""
    return digest_json(
        {
            "kind": "collection",
            "environment": environment(),
            "members": [[slug, plan, sorted(assets)] for slug, plan, assets in members],
            "exporter": exporter,
            "context": context,
        }
    )
