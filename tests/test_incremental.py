"""Incremental builds: a job runs again exactly when something its bytes depend on changed (its source,
an image it uses, its catalog, the ui catalog, a configuration value it reads, its exporter), or when
its output was deleted or edited; ``--force`` runs everything; the result is the bytes a fresh build
writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from handoutkit import build_state
from handoutkit.i18n import po
from tests.conftest import DATA, run_cli
from tests.incremental_support import FORMATS, rendered, statuses, tree, two_handouts

ES_PO = "locales/es/LC_MESSAGES/basic.po"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """The two-handout project built once (text, SMS and JSON), serially."""
    project = two_handouts(tmp_path / "project")
    code, output = run_cli(project, "--format", FORMATS, "--jobs", "1")
    assert code == 0, output
    return project


def rebuild(project: Path, *extra: str) -> set[tuple[str, str, str]]:
    code, output = run_cli(project, "--format", FORMATS, "--jobs", "1", *extra)
    assert code == 0, output
    return rendered(output)


def jobs(names: set[str], langs: set[str], formats: set[str]) -> set[tuple[str, str, str]]:
    return {(n, lang, f) for n in names for lang in langs for f in formats}


ALL = {"text", "sms", "json"}
COLLECTION = "fixture-handouts"
"""The collection file name of the fixture (SMS makes one: the links of every handout of a language)."""


def test_a_build_with_nothing_changed_runs_no_job_and_writes_the_same_bytes(built: Path) -> None:
    before = tree(built / "output")
    code, output = run_cli(built, "--format", FORMATS, "--jobs", "1")
    assert code == 0, output
    assert set(statuses(output).values()) <= {"up to date", "skipped"}
    assert "not rebuilt" in output
    assert tree(built / "output") == before


def test_editing_a_source_rebuilds_that_handout_only(built: Path) -> None:
    source = built / "source/other.md"
    source.write_text(source.read_text() + "\nOne more paragraph.\n")
    assert rebuild(built) == jobs({"other"}, {"en"}, ALL) | {(COLLECTION, "en", "sms")}


def test_changing_an_image_rebuilds_the_handouts_that_use_it(built: Path) -> None:
    Image.new("RGB", (8, 8), (200, 0, 0)).save(built / "source/square.png")
    assert rebuild(built) == jobs({"other"}, {"en"}, ALL) | {(COLLECTION, "en", "sms")}


def test_editing_a_catalog_rebuilds_that_handout_in_that_language(built: Path) -> None:
    catalog = built / ES_PO
    catalog.write_text(catalog.read_text() + "\n# a translator's note\n")
    assert rebuild(built) == jobs({"basic"}, {"es"}, ALL) | {(COLLECTION, "es", "sms")}


def test_adding_the_ui_catalog_redecides_that_language_and_only_what_links_it(built: Path) -> None:
    shutil.copy(built / "locales/ui.pot", built / "locales/es/LC_MESSAGES/ui.po")  # nothing translated
    code, output = run_cli(built, "--format", FORMATS, "--jobs", "1")
    found = statuses(output)
    assert code == 0, output
    assert found[("basic", "es", "*")] == "skipped"  # its interface words are not translated now
    assert found[("basic", "en", "text")] == "built"  # it no longer links a Spanish edition
    assert {job for job, status in found.items() if job[0] == "other" and job[1] == "en"} == {
        ("other", "en", f) for f in ALL
    }
    assert {found[("other", "en", f)] for f in ALL} == {"up to date"}


def test_a_configuration_value_rebuilds_the_jobs_that_read_it(built: Path) -> None:
    config = built / "handoutkit.toml"
    config.write_text(config.read_text().replace("parts = 2", "parts = 3"))
    expected = jobs({"basic"}, {"en", "es"}, {"sms"}) | jobs({"other"}, {"en"}, {"sms"})
    assert rebuild(built) == expected | {(COLLECTION, "en", "sms"), (COLLECTION, "es", "sms")}


def test_a_new_exporter_version_rebuilds_its_jobs_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(DATA / "plugins/toy-site", site)
    monkeypatch.syspath_prepend(str(site))
    project = two_handouts(tmp_path / "project")
    code, output = run_cli(project, "--format", "text,toy", "--jobs", "1")
    assert code == 0, output
    metadata = site / "toy_exporter-1.0.dist-info/METADATA"
    metadata.write_text(metadata.read_text().replace("Version: 1.0", "Version: 1.1"))

    code, output = run_cli(project, "--format", "text,toy", "--jobs", "1")

    assert code == 0, output
    assert rendered(output) == {("basic", "en", "toy"), ("basic", "es", "toy"), ("other", "en", "toy")}
    assert statuses(output)[("basic", "en", "text")] == "up to date"


def test_a_deleted_or_edited_output_is_rebuilt(built: Path) -> None:
    (built / "output/en/basic.txt").unlink()
    (built / "output/es/basic.sms.txt").write_text("edited by hand\n")
    assert rebuild(built) == {("basic", "en", "text"), ("basic", "es", "sms")}


def test_force_runs_every_job_and_gives_the_same_bytes(built: Path) -> None:
    before = tree(built / "output")
    touched = rebuild(built, "--force")
    assert touched >= jobs({"basic"}, {"en", "es"}, ALL) | jobs({"other"}, {"en"}, ALL)
    assert tree(built / "output") == before


def test_an_incremental_rebuild_writes_what_a_fresh_build_writes(built: Path, tmp_path: Path) -> None:
    catalog = built / ES_PO
    catalog.write_text(catalog.read_text() + "\n# a translator's note\n")
    rebuild(built)
    fresh = two_handouts(tmp_path / "fresh")
    shutil.copy(catalog, fresh / ES_PO)
    code, output = run_cli(fresh, "--format", FORMATS, "--jobs", "1")
    assert code == 0, output
    assert tree(built / "output") == tree(fresh / "output")


def test_a_catalog_saved_while_the_build_reads_it_is_not_published_under_its_earlier_key(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A translator saves the catalog just after the build took its digest for the job keys and before
    # the plan reads it: what the plan read is not what the key says, so nothing made from it may be
    # published or recorded as up to date (found by an outsider swapping the file during builds).
    catalog = built / ES_PO
    before = catalog.read_bytes()
    saved = before.replace('msgstr "Folleto básico"'.encode(), b'msgstr "Folleto guardado"', 1)
    assert saved != before
    real_digest = build_state.keys.file_digest

    def digest_then_save(path: Path) -> str:
        found = real_digest(path)
        if path == catalog:
            catalog.write_bytes(saved)
        return found

    catalog.write_bytes(before + b"\n")  # an edit, so that the plan runs again
    monkeypatch.setattr(build_state.keys, "file_digest", digest_then_save)
    code, output = run_cli(built, "--format", FORMATS, "--jobs", "1")
    monkeypatch.undo()
    assert code == 1
    assert f"{ES_PO}: error: changed while this build was reading it: nothing was made from it; build again" in output
    assert statuses(output)[("basic", "es", "*")] == "failed"

    code, output = run_cli(built, "--format", FORMATS, "--jobs", "1")
    assert code == 0, output
    assert {(n, lang) for n, lang, _ in rendered(output)} >= {("basic", "es")}
    assert "Folleto guardado" in (built / "output/es/basic.txt").read_text(encoding="utf-8")


def test_a_ui_catalog_read_in_two_versions_by_one_build_fails_rather_than_publishes(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The ui catalog is read more than once per process (its words, then the review's digest): a save
    # between two reads left the first version's words published and "up to date" (an outsider's repro).
    ui = built / "locales/es/LC_MESSAGES/ui.po"
    before = ui.read_bytes()
    other = before.replace(b'msgstr "Mensaje principal"', b'msgstr "Mensaje CAMBIADO"', 1)
    assert other != before
    reads = {"ui": 0}
    real = po.read_input

    def second_read_sees_the_other_version(path: Path, display: str, **options: object) -> bytes:
        if Path(path).resolve() == ui.resolve():
            reads["ui"] += 1
            if reads["ui"] == 1:  # the first read gets the saved version, the file is then put back
                ui.write_bytes(other)
                try:
                    return real(path, display, **options)  # type: ignore[arg-type]
                finally:
                    ui.write_bytes(before)
        return real(path, display, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(po, "read_input", second_read_sees_the_other_version)
    code, output = run_cli(built, "--format", FORMATS, "--jobs", "1", "--force")
    monkeypatch.undo()
    assert reads["ui"] >= 2
    assert code == 1, output
    assert "locales/es/LC_MESSAGES/ui.po: error: changed while this build was reading it" in output

    code, output = run_cli(built, "--format", FORMATS, "--jobs", "1")
    assert code == 0, output
    assert "CAMBIADO" not in (built / "output/es/basic.txt").read_text(encoding="utf-8")
