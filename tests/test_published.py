"""No stale outputs: what output/ publishes always matches the current sources and catalogs.

An output whose handout is now skipped in its language, or that this build could not rebuild although
its inputs changed, is moved to output/.withdrawn/ intact; the index says why it is not available; a
narrowed run never touches what it did not select; a user's own file is never touched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from tests.conftest import DATA, run_cli

ES = "locales/es/LC_MESSAGES/basic.po"


def make_spanish_fuzzy(project: Path) -> None:
    """A source edit, then ``update``: the Spanish entries of the changed blocks become fuzzy."""
    source = project / "source/basic.md"
    text = source.read_text().replace("continues on a second line.", "goes on to a second line.")
    source.write_text(text.replace("### A smaller part", "### A smaller section"))
    code, output = run_cli(project, "update")
    assert code == 0, output
    assert (project / ES).read_text().count(", fuzzy\n") == 2


def index(project: Path) -> str:
    return (project / "output/index.html").read_text()


def test_after_a_source_edit_makes_spanish_entries_fuzzy_the_next_build_withdraws_the_spanish_outputs(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "--format", "text,sms")
    assert code == 0, output
    earlier = (project / "output/es/basic.txt").read_bytes()
    make_spanish_fuzzy(project)

    code, output = run_cli(project, "--format", "text,sms")

    assert code == 0, output
    assert sorted(p.name for p in (project / "output/es").iterdir() if p.name.startswith("basic")) == []
    assert (project / "output/.withdrawn/es/basic.txt").read_bytes() == earlier
    assert "skipped es basic *: 89% translated (16 of 18 messages, 2 fuzzy" in output
    assert "withdrawn es basic text: output/es/basic.txt (translation 89% complete)" in output
    assert "withdrawn es basic sms: output/es/basic.sms.json, output/es/basic.sms.txt" in output
    page = index(project)
    assert "es/basic" not in page and ".withdrawn" not in page
    assert "Withdrawn: translation 89% complete." in page
    assert "en/basic.txt" in page


def test_a_handout_built_with_a_lowered_threshold_leaves_output_after_the_next_normal_build(project_copy):
    project = project_copy("basic")
    shutil.copy(DATA / "catalogs/rejections.po", project / ES)
    code, output = run_cli(project, "--format", "text", "--lang", "es", "--min-coverage", "20")
    assert code == 0, output
    assert "es/basic.txt" in index(project)

    _, output = run_cli(project, "--format", "text")

    assert not (project / "output/es/basic.txt").exists()
    assert "withdrawn es basic text: output/es/basic.txt (translation 72% complete)" in output
    assert "es/basic.txt" not in index(project)
    assert "Withdrawn: translation 72% complete." in index(project)


def test_a_skip_makes_the_exit_status_non_zero_with_fail_on_skip(project_copy):
    project = project_copy("basic")
    code, _ = run_cli(project, "--format", "text", "--lang", "en,es", "--fail-on-skip")
    assert code == 0
    code, output = run_cli(project, "--format", "text", "--fail-on-skip")
    assert code == 1
    assert "skipped ar basic *" in output


def test_a_narrowed_run_leaves_outputs_outside_its_selection_alone_while_their_sources_hold(project_copy):
    project = project_copy("basic")
    run_cli(project, "--format", "text,sms")
    for narrowed in (["--lang", "en"], ["--doc", "basic", "--lang", "en"], ["--format", "text"]):
        code, output = run_cli(project, *(["--format", "text,sms"] if narrowed[0] != "--format" else []), *narrowed)
        assert code == 0, output
        assert "withdrawn 0" in output
        assert (project / "output/es/basic.txt").is_file() and (project / "output/es/basic.sms.txt").is_file()
        assert "es/basic.txt" in index(project) and "es/basic.sms.txt" in index(project)


def test_a_narrowed_run_withdraws_outputs_outside_its_selection_whose_sources_changed(project_copy):
    """An output that no longer matches its sources is never left published, whatever the run builds."""
    project = project_copy("basic")
    run_cli(project, "--format", "text,sms")
    make_spanish_fuzzy(project)
    manifest = project / "output/.handoutkit-manifest.json"

    code, output = run_cli(project, "--format", "text", "--lang", "en")

    assert code == 0, output
    assert "withdrawn es basic text: output/es/basic.txt (out of date: its sources changed" in output
    assert "withdrawn es basic sms" in output and "withdrawn en basic sms" in output
    assert not (project / "output/es/basic.txt").exists() and not (project / "output/es/basic.sms.txt").exists()
    assert "es/basic.txt" not in index(project)
    assert '"path": "es/basic.sms.txt"' not in manifest.read_text()  # listed as withdrawn only
    assert (project / "output/.withdrawn/es/basic.txt").is_file()


def test_a_users_own_files_in_output_are_never_touched_nor_listed(project_copy):
    project = project_copy("basic")
    (project / "output/ar").mkdir(parents=True)
    (project / "output/ar/basic.txt").write_text("my own Arabic notes\n")
    (project / "output/notes.txt").write_text("mine\n")
    run_cli(project, "--format", "text")
    make_spanish_fuzzy(project)
    (project / "output/es/basic.txt").write_text("edited by hand after the build\n")

    code, output = run_cli(project, "--format", "text")

    assert code == 0, output
    assert (project / "output/ar/basic.txt").read_text() == "my own Arabic notes\n"
    assert (project / "output/notes.txt").read_text() == "mine\n"
    assert (project / "output/es/basic.txt").read_text() == "edited by hand after the build\n"
    assert "output/es/basic.txt: warning: changed since handoutkit wrote it: left in place, no longer listed" in output
    page = index(project)
    assert "ar/basic.txt" not in page and "es/basic.txt" not in page and "notes.txt" not in page


def test_a_failed_write_keeps_an_output_whose_inputs_did_not_change(project_copy, monkeypatch):
    project = project_copy("basic")
    run_cli(project, "--format", "text", "--lang", "en,es")
    before = (project / "output/es/basic.txt").read_bytes()

    def disk_full(path: Path, data: bytes, *, inside: Path) -> bool:
        raise OSError("No space left on device")

    monkeypatch.setattr("handoutkit.output_files.write_atomic", disk_full)
    code, output = run_cli(project, "--format", "text", "--lang", "en,es", "--force")  # up to date otherwise

    assert code == 1
    assert "FAILED  es basic text: writing failed" in output and "withdrawn 0" in output
    assert (project / "output/es/basic.txt").read_bytes() == before
    assert "es/basic.txt" in index(project)


def test_the_manifest_records_each_output_with_its_files_inputs_and_digests_deterministically(project_copy):
    project = project_copy("basic")
    run_cli(project, "--format", "text", "--lang", "en,es")
    path = project / "output/.handoutkit-manifest.json"
    first = path.read_bytes()
    run_cli(project, "--format", "text", "--lang", "en,es")
    assert path.read_bytes() == first

    data = json.loads(first)
    assert [(o["name"], o["lang"], o["format"]) for o in data["outputs"]] == [
        ("basic", "en", "text"),
        ("basic", "es", "text"),
    ]
    spanish = data["outputs"][1]
    text = project / "output/es/basic.txt"
    assert spanish["files"] == [{"path": "es/basic.txt", "sha256": hashlib.sha256(text.read_bytes()).hexdigest()}]
    assert [i["path"] for i in spanish["inputs"]] == [
        "handoutkit.toml",
        "locales/es/LC_MESSAGES/basic.po",
        "locales/es/LC_MESSAGES/ui.po",
        "source/basic.md",
        "source/images/dot.svg",
    ]


def test_a_removed_handout_is_withdrawn_by_the_next_build_narrowed_or_not(project_copy):
    project = project_copy("basic")
    shutil.copy(project / "source/basic.md", project / "source/second.md")
    run_cli(project, "--format", "text", "--lang", "en")
    (project / "source/second.md").unlink()
    code, output = run_cli(project, "--format", "text", "--lang", "en", "--doc", "basic")
    assert code == 0, output
    assert "withdrawn en second text: output/en/second.txt (no handout source/second.md any more)" in output
    assert not (project / "output/en/second.txt").exists()
    code, output = run_cli(project, "--format", "text", "--lang", "en")
    assert code == 0 and "withdrawn 0" in output


def test_an_image_that_changed_leaves_its_old_site_file_with_no_page_linking_it_aside(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "--format", "web")
    assert code == 0, output
    [earlier] = (project / "output/assets").iterdir()
    earlier_bytes = earlier.read_bytes()
    image = project / "source/images/dot.svg"
    image.write_text(image.read_text().replace('r="5"', 'r="7"'))

    code, output = run_cli(project, "--format", "web")

    assert code == 0, output
    [now] = (project / "output/assets").iterdir()
    assert now.name != earlier.name and 'r="7"' in now.read_text()
    assert all(earlier.name not in page.read_text() for page in (project / "output").glob("*/basic.html"))
    assert (project / "output/.withdrawn/assets" / earlier.name).read_bytes() == earlier_bytes
    assert f"withdrawn site files: output/assets/{earlier.name} (no published page links it any more)" in output
    assert ", withdrawn 0 in" in output  # a site file is not an output


def test_a_site_file_stays_while_any_published_page_links_it(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "--format", "web", "--min-coverage", "50")
    assert code == 0, output
    [asset] = (project / "output/assets").iterdir()
    assert asset.name in (project / "output/es/basic.html").read_text()
    (project / ES).unlink()

    code, output = run_cli(project, "--format", "web", "--min-coverage", "50")

    assert code == 0, output
    assert "withdrawn es basic web: output/es/basic.html" in output and "site files" not in output
    assert asset.is_file() and asset.name in (project / "output/en/basic.html").read_text()
    code, output = run_cli(project, "--format", "text")  # a run that builds no web page keeps it too
    assert code == 0 and "site files" not in output and asset.is_file(), output
