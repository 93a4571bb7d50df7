"""Which fonts a language is printed in, where they are, and which characters they cover.

Each writing system has a font set: a short list of families, the script's own face first, then the
Latin face (:data:`LATIN`) for the Latin letters, digits and punctuation that text in that script still
holds (drug names, phone numbers, web addresses). A Latin-script language whose letters the Latin face
lacks has a face of its own (:data:`LANGUAGE_FAMILIES`). The stylesheet picks the set with ``:lang()``;
the coverage check asks the same set whether every character of the document can be drawn before
WeasyPrint runs, because Pango would otherwise fall back, silently, to whatever installed font has the
character.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from handoutkit.languages import language_script, parse_language

__all__ = [
    "FONT_DIRS",
    "FontFace",
    "FontNotInstalled",
    "FontSet",
    "covered",
    "font_face",
    "font_set",
    "glyph_ids",
    "glyph_overhang",
    "installed_fonts",
    "needs_glyph",
    "pdf_font_faces",
    "pdf_font_names",
    "script_scale",
    "x_height",
]

LATIN = "Atkinson Hyperlegible Next"
"""The Latin face: its capital I (with serifs), lower-case l (with a tail) and digit 1 (with a flag and a
foot) differ, as the large-print rule asks (docs/standards.md section 1); Noto Sans draws I and l alike."""

LANGUAGE_FAMILIES: dict[str, tuple[str, ...]] = {"vi": ("Andika",)}
"""Faces for Latin-script languages the Latin face cannot print, by language subtag. Atkinson Hyperlegible
Next 2.001 has no Vietnamese (no horn, dot below or hook above: ơ ư ạ ả ĩ ũ...), and drawing those letters
from another face would mix two designs in half the words; SIL Andika has every Vietnamese letter and
distinct I, l and 1."""

SCRIPT_FAMILIES: dict[str, tuple[str, ...]] = {
    "Latn": (LATIN,),
    "Cyrl": ("Noto Sans",),  # Atkinson Hyperlegible Next has no Cyrillic and no Greek
    "Grek": ("Noto Sans",),
    "Arab": ("Noto Sans Arabic", LATIN),
    "Hebr": ("Noto Sans Hebrew", LATIN),
    "Hans": ("Noto Sans CJK SC", LATIN),
    "Hant": ("Noto Sans CJK TC", LATIN),
    "Jpan": ("Noto Sans CJK JP", LATIN),
    "Kore": ("Noto Sans CJK KR", LATIN),
    "Deva": ("Noto Sans Devanagari", LATIN),
    "Beng": ("Noto Sans Bengali", LATIN),
    "Thai": ("Noto Sans Thai", LATIN),
    "Ethi": ("Noto Sans Ethiopic", LATIN),
    "Armn": ("Noto Sans Armenian", LATIN),
    "Geor": ("Noto Sans Georgian", LATIN),
    "Khmr": ("Noto Sans Khmer", LATIN),
}
"""Font families by ISO 15924 script, in the order the stylesheet lists them."""

MAX_SCRIPT_SCALE = 4 / 3
"""The most a script's body size is raised over the configured size (18 pt -> 24 pt at most): matching
Noto Sans Arabic's x-height exactly would ask for 25.8 pt, and the line would hold too few words."""

DEBIAN_PACKAGES = {
    "Noto Sans CJK": "Debian package fonts-noto-cjk",
    "Andika": "Debian package fonts-sil-andika",
    "Atkinson Hyperlegible Next": "npm package @expo-google-fonts/atkinson-hyperlegible-next, scripts/install-fonts.sh",
}
"""Where a family comes from (anything not listed: Debian package fonts-noto-core)."""

WEIGHTS = ("regular", "bold")
"""The weights the stylesheet uses; every family must have both (no synthesized bold)."""


class FontNotInstalled(LookupError):
    """A family of a font set is missing from the system."""

    def __init__(self, family: str, weight: str) -> None:
        source = next(
            (p for prefix, p in DEBIAN_PACKAGES.items() if family.startswith(prefix)), "Debian package fonts-noto-core"
        )
        super().__init__(f"the font {family!r} ({weight}) is not installed ({source})")
        self.family = family


@dataclass(frozen=True, slots=True)
class FontSet:
    """The font families one language is printed in."""

    script: str
    families: tuple[str, ...]

    @property
    def css(self) -> str:
        """The CSS ``font-family`` value (family names contain only letters and spaces)."""
        return ", ".join(f'"{family}"' for family in self.families)

    def __str__(self) -> str:
        return ", ".join(self.families)


FALLBACK = "Noto Sans"
"""The last family of every set: the symbols the Latin face lacks (µ, ⅓, №, ℃...) and the text of an SVG
drawing (which names a generic family) come from it, never from whatever else is installed."""


@cache
def font_set(lang: str) -> FontSet:
    """The font set for a BCP 47 tag (``LookupError`` for a script that has none)."""
    script = language_script(lang)
    language = parse_language(lang).locale.language
    if script == "Latn" and language in LANGUAGE_FAMILIES:
        families = LANGUAGE_FAMILIES[language]
    elif script in SCRIPT_FAMILIES:
        families = SCRIPT_FAMILIES[script]
    else:
        raise LookupError(f"no font set for the {script} script of {lang!r} (exporters/pdf/fonts.py)")
    return FontSet(script, tuple(dict.fromkeys((*families, FALLBACK))))


@dataclass(frozen=True, slots=True)
class FontFace:
    """One installed font file (a face of a collection, for ``.ttc`` files)."""

    family: str
    weight: str
    path: Path
    index: int


@cache
def font_face(family: str, weight: str) -> FontFace:
    """The file fontconfig uses for ``family`` at ``weight`` (:class:`FontNotInstalled` if it would substitute)."""
    pattern = f"{family}:weight={'bold' if weight == 'bold' else 'regular'}"
    try:
        result = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}\t%{family}\t%{weight}", pattern],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise FontNotInstalled(family, weight) from error
    path, index, families, found_weight = [*result.stdout.split("\t"), "", "", "", ""][:4]
    names = {name.strip() for name in families.split(",")}
    bold = int(found_weight or 0) >= 200
    if family not in names or bold != (weight == "bold"):
        raise FontNotInstalled(family, weight)
    return FontFace(family, weight, Path(path), int(index or 0))


@cache
def x_height(family: str, weight: str = "regular") -> float | None:
    """The face's x-height as a fraction of the em (OS/2 ``sxHeight`` / ``unitsPerEm``), None when
    the font does not say."""
    from fontTools.ttLib import TTFont

    face = font_face(family, weight)
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        value = getattr(font.get("OS/2"), "sxHeight", 0)
        return float(value) / float(font["head"].unitsPerEm) if value else None


@cache
def _vertical_extent(family: str, weight: str) -> float:
    """Ascent plus descent (``hhea``, what Pango lays lines out with) as a fraction of the em."""
    from fontTools.ttLib import TTFont

    face = font_face(family, weight)
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        hhea = font["hhea"]
        return float(hhea.ascent - hhea.descent) / float(font["head"].unitsPerEm)


def glyph_overhang(fonts: FontSet, line_spacing: float) -> float:
    """How far (in em) glyphs of ``fonts`` may reach past a line box ``line_spacing`` em tall, above or
    below: half of what the tallest face's ascent plus descent exceeds it by (Atkinson Hyperlegible Next
    1.30 em: 0.03 at 1.25; Andika 1.61 em: 0.18; Noto Sans Arabic 2.11 em: 0.43)."""
    extent = max(_vertical_extent(family, weight) for family in fonts.families for weight in WEIGHTS)
    return max(0.0, (extent - line_spacing) / 2)


def script_scale(fonts: FontSet) -> float:
    """How much larger than Latin text a font set's body text is set, so that it looks no smaller:
    the Latin face's x-height over the script's first face's, at the regular weight, between 1 and
    :data:`MAX_SCRIPT_SCALE` (Atkinson Hyperlegible Next 496/1000 over Noto Sans Arabic 374/1000 -> 1.33).

    The x-height is what the eye reads as a face's size; Noto Sans CJK SC (543) and the other Noto
    faces report one at least Latin's, and a face that reports none is not scaled.
    """
    latin = x_height(LATIN)
    own = x_height(fonts.families[0])
    if fonts.families[0] == LATIN or latin is None or own is None:
        return 1.0
    return min(max(latin / own, 1.0), MAX_SCRIPT_SCALE)


@dataclass(frozen=True, slots=True)
class _FaceTables:
    code_points: frozenset[int]
    mirrored_ids: dict[str, int]


@cache
def _face_tables(family: str, weight: str) -> _FaceTables:
    """One face's cmap and the glyph ids of its :data:`MIRRORED` characters, read once per process."""
    from fontTools.ttLib import TTFont

    face = font_face(family, weight)
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        cmap = font.getBestCmap() or {}
        ids = {char: font.getGlyphID(cmap[ord(char)]) for char in MIRRORED if ord(char) in cmap}
    return _FaceTables(frozenset(cmap), ids)


@cache
def covered(family: str) -> frozenset[int]:
    """The code points ``family`` draws in every weight the stylesheet uses."""
    return frozenset.intersection(*(_face_tables(family, weight).code_points for weight in WEIGHTS))


def needs_glyph(char: str) -> bool:
    """False for characters no font has to draw: controls, format characters (ZWJ, bidi marks), line ends."""
    if char in " \t\n\r":
        return False
    return unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")


def missing_characters(text: str, fonts: FontSet) -> list[str]:
    """The characters of ``text`` that no family of ``fonts`` covers, in order of first appearance."""
    found: list[str] = []
    for char in dict.fromkeys(text):
        if needs_glyph(char) and not any(ord(char) in covered(family) for family in fonts.families):
            found.append(char)
    return found


def pdf_font_faces(families: Iterable[str]) -> dict[str, tuple[str, str]]:
    """(family, weight) by the ``BaseFont`` name (after the subset tag) WeasyPrint gives each face."""
    faces: dict[str, tuple[str, str]] = {}
    for family in families:
        base = family.replace(" ", "-")
        faces[base] = (family, "regular")
        faces[f"{base}-Bold"] = (family, "bold")
    return faces


def pdf_font_names(families: Iterable[str]) -> frozenset[str]:
    """The ``BaseFont`` names (after the subset tag) WeasyPrint gives these families at both weights."""
    return frozenset(pdf_font_faces(families))


MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "«": "»", "»": "«", "‹": "›", "›": "‹"}
"""Paired punctuation that right-to-left text draws with its mirror image's glyph."""


def glyph_ids(family: str, weight: str) -> dict[str, int]:
    """The glyph id of each :data:`MIRRORED` character in one face."""
    return _face_tables(family, weight).mirrored_ids


FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
"""Where fontconfig looks by default (``/etc/fonts/fonts.conf``)."""


@cache
def installed_fonts() -> tuple[tuple[str, int, int], ...]:
    """Every file under fontconfig's usual folders (path, size, modification time), sorted: cheap to list,
    and it shows any font change, even one Pango would only fall back to (read once per process)."""
    found: list[tuple[str, int, int]] = []
    for folder in FONT_DIRS:
        base = Path(os.path.expanduser(folder))
        if not base.is_dir():
            continue
        for dirpath, _, names in os.walk(base):
            for name in names:
                try:
                    stat = Path(dirpath, name).stat()
                except OSError:
                    continue
                found.append((Path(dirpath, name).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))
