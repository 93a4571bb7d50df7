"""A language's catalogs are found under the spelling a translator's tool gives their folder.

handoutkit names a language as Babel resolves it (``zh-TW`` is ``zh_Hant_TW``); Poedit names the folder
``zh_TW``, Weblate may write ``pt-BR`` or ``zh_hant``. Such a folder is the language's when it is the only
spelling of that locale in ``locales/``; otherwise the translations were silently not found and the
language reported 0% translated."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from handoutkit.i18n.po import catalog_path, locale_folder
from tests.conftest import run_cli


def _with_language(project: Path, code: str, folder: str) -> None:
    """Build ``code`` instead of Arabic, with the Spanish catalogs copied to ``locales/<folder>/`` (their
    Spanish text is rejected as another language's: these tests build with ``--min-coverage 0``)."""
    config = project / "handoutkit.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('"ar"]', f'"{code}"]'), encoding="utf-8")
    shutil.copytree(project / "locales/es", project / "locales" / folder)
    for catalog in (project / "locales" / folder / "LC_MESSAGES").glob("*.po"):
        text = catalog.read_text(encoding="utf-8").replace('"Language: es\\n"', f'"Language: {folder}\\n"')
        catalog.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("code", "folder", "tag"),
    [("zh-TW", "zh_TW", "zh-Hant-TW"), ("pt-BR", "pt-BR", "pt-BR"), ("zh-Hant", "zh_hant", "zh-Hant")],
)
def test_catalogs_in_a_translation_tools_folder_are_the_languages(
    project_copy: Callable[..., Path], code: str, folder: str, tag: str
) -> None:
    project = project_copy("basic")
    _with_language(project, code, folder)
    code_, output = run_cli(project, "--format", "text", "--lang", code, "--min-coverage", "0")
    assert code_ == 0, output
    assert (project / f"output/{tag}/basic.txt").is_file(), output
    assert "skipped 0, failed 0" in output


def test_its_header_in_the_tools_spelling_is_not_another_language(project_copy: Callable[..., Path]) -> None:
    project = project_copy("basic")
    _with_language(project, "zh-TW", "zh_TW")
    _, output = run_cli(project, "check", "--lang", "zh-TW")
    assert "[po-header]" not in output


def test_the_folder_named_as_handoutkit_names_the_language_wins(tmp_path: Path) -> None:
    (tmp_path / "zh_TW").mkdir()
    assert locale_folder(tmp_path, "zh_Hant_TW") == "zh_TW"
    (tmp_path / "zh_Hant_TW").mkdir()
    assert locale_folder(tmp_path, "zh_Hant_TW") == "zh_Hant_TW"


def test_two_other_spellings_of_one_locale_are_not_guessed_between(tmp_path: Path) -> None:
    for name in ("zh_TW", "zh-TW", "images"):
        (tmp_path / name).mkdir()
    assert locale_folder(tmp_path, "zh_Hant_TW") == "zh_Hant_TW"
    assert catalog_path(tmp_path, "es", "ui") == tmp_path / "es/LC_MESSAGES/ui.po"


def test_check_names_a_folder_the_build_does_not_read(project_copy) -> None:
    # A translator's work in a second spelling, an old code or a language not configured was ignored
    # without a word (an outsider's edits in locales/zh-Hans/ beside locales/zh_Hans/ were lost).
    project = project_copy("basic")
    for name in ("ES", "fr", "iw", "images"):
        shutil.copytree(project / "locales" / "es", project / "locales" / name)
    _, output = run_cli(project, "check")
    assert "locales/ES: warning: not read: this folder holds es, whose catalogs are read from locales/es/" in output
    assert (
        "locales/fr: warning: not read: this folder holds fr, which is not in 'languages' in handoutkit.toml" in output
    )
    assert "locales/iw: warning: not read: this folder is named by an old code for he" in output
    assert "locales/images" not in output and "locales/es: warning" not in output
