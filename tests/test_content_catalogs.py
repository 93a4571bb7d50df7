"""The project's real catalogs: complete, real translations in the right script, numbers unchanged,
valid for GNU gettext, with a review status that says who reviewed them or that they are drafts."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import polib
import pytest

from handoutkit.i18n.po import REVIEW_STATUS, REVIEWED_BY, REVIEWED_ON
from handoutkit.project import Project
from handoutkit.ui import UI_DOMAIN
from tests.conftest import REPO

LOCALES = REPO / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))
PROJECT = Project.load(REPO)
LANGUAGES = {lang.gettext for lang in PROJECT.config.languages if lang != PROJECT.config.source_language}
DOMAINS = {*PROJECT.slugs(), UI_DOMAIN}

SCRIPTS = {
    "es": re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ¿¡]"),
    "vi": re.compile(r"[A-Za-zÀ-ỹĐđ]"),
    "zh_Hans": re.compile(r"[\u4e00-\u9fff]"),
    "ar": re.compile(r"[\u0600-\u06ff]"),
}
"""Letters that count as the language's own script."""
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "your",
        "you",
        "with",
        "for",
        "that",
        "this",
        "can",
        "it",
        "be",
        "or",
        "not",
        "have",
        "has",
        "from",
        "will",
        "may",
        "when",
        "about",
    ]
)
"""Common English words: a Latin-script translation made mostly of them was left in English."""
VIETNAMESE_MARKS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
NATIVE_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
NAMES_ONLY = re.compile(r"^[\W\d_]*$|^(NSCLC|SCLC|MRI|CT|PET)\b")


def catalog_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem}"


def test_every_language_has_every_catalog():
    found = {(p.parent.parent.name, p.stem) for p in CATALOGS}
    assert found == {(lang, domain) for lang in LANGUAGES for domain in DOMAINS}


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_gnu_msgfmt_check_passes(path):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_the_header_states_a_review_only_with_its_reviewer_and_date(path):
    header = polib.pofile(str(path)).metadata
    reviewed = bool(header.get(REVIEWED_BY, "").strip())
    assert reviewed == bool(header.get(REVIEWED_ON, "").strip())
    assert ("draft" in header[REVIEW_STATUS]) != reviewed
    assert header["Language"] == path.parent.parent.name


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_every_message_is_translated_and_none_is_fuzzy(path):
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        assert entry.msgstr.strip(), f"{path}:{entry.linenum}: untranslated {entry.msgid!r}"
        assert "fuzzy" not in entry.flags, f"{path}:{entry.linenum}: fuzzy {entry.msgid!r}"


def _letters(text: str) -> str:
    without_markup = re.sub(r"\]\([^)]*\)|\{[a-z]+\}|https?://\S+", "", text)
    return "".join(ch for ch in without_markup if unicodedata.category(ch).startswith("L"))


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_each_translation_is_in_the_language_s_script_and_differs_from_the_source(path):
    lang = path.parent.parent.name
    script = SCRIPTS[lang]
    for entry in polib.pofile(str(path)):
        if entry.obsolete or NAMES_ONLY.match(entry.msgid):
            continue
        where = f"{path.relative_to(REPO)}:{entry.linenum}"
        assert entry.msgstr != entry.msgid, f"{where}: not translated: {entry.msgid!r}"
        letters = _letters(entry.msgstr)
        own = sum(1 for ch in letters if script.match(ch))
        reference = entry.comment.startswith("Reference")
        # A reference keeps the publication's English title so readers can find it; the rest is translated.
        share = 0.15 if reference else 0.5
        assert letters and own / len(letters) >= share, f"{where}: not in the {lang} script: {entry.msgstr!r}"
        if lang in ("es", "vi") and not reference:
            words = re.findall(r"[a-z]+", entry.msgstr.lower())
            english = sum(1 for word in words if word in ENGLISH_WORDS)
            assert english <= max(1, len(words) // 5), f"{where}: reads as English: {entry.msgstr!r}"
        if lang == "vi" and len(letters) > 12:
            assert VIETNAMESE_MARKS.search(entry.msgstr), f"{where}: no Vietnamese letters: {entry.msgstr!r}"


def numbers(text: str) -> list[str]:
    text = re.sub(r"\]\([^)]*\)|https?://\S+", "", text).translate(NATIVE_DIGITS)
    return sorted(re.findall(r"\d+", text))


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_numbers_and_percentages_are_those_of_the_source(path):
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        assert numbers(entry.msgstr) == numbers(entry.msgid), (
            f"{path.relative_to(REPO)}:{entry.linenum}: {numbers(entry.msgid)} in the source, "
            f"{numbers(entry.msgstr)} in the translation"
        )
        if "%" in entry.msgid:
            assert entry.msgstr.count("%") + entry.msgstr.count("٪") == entry.msgid.count("%")


def test_the_english_check_catches_an_untranslated_sentence():
    words = re.findall(r"[a-z]+", "talk with your care team about the choices you have".lower())
    assert sum(1 for word in words if word in ENGLISH_WORDS) > len(words) // 5


def test_the_number_check_catches_a_changed_figure():
    assert numbers("survival is 8%") != numbers("la supervivencia es del 18%")
    assert numbers("5-year rate of 8%") == numbers("معدل ٥ سنوات ٨٪")


def test_the_shipped_templates_and_catalogs_are_what_update_writes(tmp_path):
    # Notes, flags and SMS budgets come from the code and the sources: a catalog out of step with them
    # shows translators wrong advice (a max-length a message can no longer keep).
    import shutil

    from tests.conftest import run_cli

    for name in ("source", "locales"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "handoutkit.toml", tmp_path / "handoutkit.toml")
    code, output = run_cli(tmp_path, "update")
    assert code == 0, output
    changed = [
        str(path.relative_to(tmp_path))
        for path in sorted((tmp_path / "locales").rglob("*.po*"))
        if path.read_bytes() != (REPO / path.relative_to(tmp_path)).read_bytes()
    ]
    assert changed == [], "run: python export.py update"
