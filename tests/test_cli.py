"""The command line: what it builds, skips and fails, its exit status, and what it refuses."""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, run_cli


def test_a_build_writes_each_language_into_its_bcp47_folder(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "--format", "text")
    assert code == 0, output
    assert (project / "output/en/basic.txt").is_file() and (project / "output/es/basic.txt").is_file()
    assert "built 2 (2 files), skipped 1, failed 0" in output


def test_a_language_below_the_coverage_threshold_is_skipped_with_the_reason(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "--format", "text")
    assert code == 0
    assert (
        "skipped ar basic *: no catalog locales/ar/LC_MESSAGES/basic.po (run: init --lang ar); "
        "0% translated (0 of 18 messages); interface words 0% translated"
    ) in output
    assert not (project / "output/ar").exists()


def test_a_lower_threshold_exports_with_source_text_kept(project_copy):
    project = project_copy("basic")
    code, output = run_cli(project, "--format", "text", "--lang", "ar", "--min-coverage", "0")
    assert code == 0, output
    text = (project / "output/ar/basic.txt").read_text()
    assert text.startswith("Language: العربية\n\nFixture Clinic\n\nBasic handout\n")


def test_lang_accepts_gettext_and_bcp47_forms(project_copy):
    project = project_copy("basic")
    shutil.copytree(project / "locales/es", project / "locales/zh_Hans")  # Spanish text: all rejected
    (project / "handoutkit.toml").write_text('languages = ["en", "zh-Hans"]\n')
    for form in ("zh_Hans", "zh-Hans"):
        code, output = run_cli(project, "--format", "text", "--lang", form, "--min-coverage", "0")
        assert code == 0, output
    assert (project / "output/zh-Hans/basic.txt").is_file()
    assert not (project / "output/zh_Hans").exists()


def with_arabic_catalog(project: Path, fixture: str) -> Path:
    """The project with ``tests/data/catalogs/<fixture>`` as its Arabic catalog of ``basic``."""
    (project / "locales/ar/LC_MESSAGES").mkdir(parents=True)
    shutil.copy(DATA / "catalogs" / fixture, project / "locales/ar/LC_MESSAGES/basic.po")
    return project


def test_a_broken_catalog_fails_its_language_only_and_the_exit_status_says_so(project_copy):
    project = with_arabic_catalog(project_copy("basic"), "syntax-error.po")
    code, output = run_cli(project, "--format", "text")
    assert code == 1
    assert "locales/ar/LC_MESSAGES/basic.po:10: error: not valid .po syntax" in output
    assert "FAILED  ar basic *: its catalog has errors" in output
    assert (project / "output/es/basic.txt").is_file()


def test_a_broken_ui_catalog_fails_its_language_and_the_index_is_still_written(project_copy):
    project = project_copy("basic")
    with (project / "locales/es/LC_MESSAGES/ui.po").open("a") as stream:
        stream.write('msgid "unclosed\n')
    code, output = run_cli(project, "--format", "text")
    assert code == 1
    assert "FAILED  es basic *: the ui catalog has errors" in output
    assert "not valid .po syntax" in output
    assert (project / "output/en/basic.txt").is_file()
    assert "en/basic.txt" in (project / "output/index.html").read_text()


def test_a_catalog_in_the_wrong_encoding_names_the_line(project_copy):
    project = with_arabic_catalog(project_copy("basic"), "latin1.po")
    code, output = run_cli(project, "--format", "text")
    assert code == 1
    assert "locales/ar/LC_MESSAGES/basic.po:7: error: bytes that are not UTF-8 text" in output


def test_a_broken_source_fails_its_document_and_the_others_still_build(project_copy):
    project = project_copy("basic")
    shutil.copy(DATA / "reader/source/bad-yaml.md", project / "source/bad-yaml.md")
    code, output = run_cli(project, "--format", "text")
    assert code == 1
    assert "source/bad-yaml.md:3: error: front matter is not valid YAML" in output
    assert (project / "output/en/basic.txt").is_file()


def test_a_failed_build_leaves_earlier_outputs_intact_but_withdraws_the_ones_its_inputs_made_stale(project_copy):
    project = project_copy("basic")
    run_cli(project, "--format", "text")
    before = (project / "output/es/basic.txt").read_bytes()
    shutil.copy(DATA / "catalogs/syntax-error.po", project / "locales/es/LC_MESSAGES/basic.po")
    code, output = run_cli(project, "--format", "text")
    assert code == 1
    assert not (project / "output/es/basic.txt").exists()
    assert (project / "output/.withdrawn/es/basic.txt").read_bytes() == before
    assert "withdrawn es basic text: output/es/basic.txt (its catalog has errors)" in output


def test_rejected_translations_are_reported_with_the_po_line_and_block_the_default_export(project_copy):
    project = project_copy("basic")
    shutil.copy(DATA / "catalogs/rejections.po", project / "locales/es/LC_MESSAGES/basic.po")
    code, output = run_cli(project, "--format", "text", "--lang", "es")
    assert code == 0
    assert "locales/es/LC_MESSAGES/basic.po:50: warning: translation rejected: raw HTML" in output
    assert "skipped es basic *: 72% translated (13 of 18 messages, 1 fuzzy, 3 rejected" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "xx"], "--lang: unknown language code: 'xx'"),
        (["--lang", "fr"], "--lang: 'fr' is not one of the project's languages (en, es, ar)"),
        (["--lang", "../../etc"], "--lang: not a language code: '../../etc'"),
        (["--format", "docx"], "--format: unknown format 'docx' (known:"),
        (["--doc", "nothing"], "--doc: no handout 'nothing' in source/ (found: basic)"),
        (["--min-coverage", "150"], "--min-coverage: 150 is not between 0 and 100"),
        # An empty value (a script's unset variable) is not a request for everything:
        (["--lang", ""], "--lang: no name given (leave the option out to build every one)"),
        (["--format", " , "], "--format: no name given"),
        (["--doc", ""], "--doc: no name given"),
        (["check", "--lang", ""], "--lang: no name given"),
        (
            ["review", "--doc", "basic", "--lang", "", "--by", "Dr A", "--on", "2026-11-30"],
            "--lang: no language code given (leave it out for the source's review)",
        ),
    ],
)
def test_unknown_names_are_refused_with_exit_status_2(project_copy, args, message):
    code, output = run_cli(project_copy("basic"), *args)
    assert code == 2
    assert message in output


def test_an_unknown_configuration_key_stops_with_file_and_line(project_copy):
    project = project_copy("basic")
    lines = len((project / "handoutkit.toml").read_text().splitlines())
    with (project / "handoutkit.toml").open("a") as stream:
        stream.write("\n[pdf]\nmargins = 1\n")
    code, output = run_cli(project)
    assert code == 2
    assert f"handoutkit.toml:{lines + 3}: error: unknown key 'margins' in pdf" in output


def test_a_handout_file_name_that_could_escape_output_fails_that_handout(project_copy):
    project = project_copy("basic")
    shutil.copy(project / "source/basic.md", project / "source/Bad Name.md")
    code, output = run_cli(project, "--format", "text")
    assert code == 1
    assert "source/Bad Name.md: error: a handout's file name must be lowercase letters" in output
    assert (project / "output/en/basic.txt").is_file()


def test_formats_lists_every_exporter_with_its_package():
    code, output = run_cli(REPO, "formats")
    assert code == 0
    for name in ("text", "sms", "pdf", "epub", "json"):
        assert any(line.startswith(f"{name} ") for line in output.splitlines()), name
    assert "from: handoutkit 0.1.0 (exporters.text:TextExporter)" in output


def test_help_describes_every_command_and_option():
    result = subprocess.run(
        [sys.executable, str(REPO / "export.py"), "--help"], capture_output=True, text=True, check=True
    )
    for word in (
        "build",
        "formats",
        "extract",
        "update",
        "init",
        "compile",
        "stats",
        "check",
        "--project",
        "--lang",
        "--format",
        "--doc",
        "--min-coverage",
        "--quiet",
        "exit status",
    ):
        assert word in result.stdout, word


def test_a_third_party_exporter_installed_on_a_temporary_path_is_listed_and_built(project_copy, tmp_path, monkeypatch):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(site),
            str(DATA / "plugins/shout-exporter"),
        ],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(DATA / "plugins/shout-exporter/build", ignore_errors=True)
    for egg in (DATA / "plugins/shout-exporter").glob("*.egg-info"):
        shutil.rmtree(egg)
    monkeypatch.syspath_prepend(str(site))
    project = project_copy("basic")
    code, output = run_cli(project, "formats")
    assert "shout  The title in capital letters (a test plugin)" in output
    assert "from: shout-exporter 1.0 (shout_exporter:ShoutExporter)" in output
    code, output = run_cli(project, "--format", "shout", "--lang", "es")
    assert code == 0, output
    assert (project / "output/es/basic.shout").read_text() == "FOLLETO BÁSICO\n"


class _Index(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html_attrs: dict[str, str | None] = {}
        self.headings: list[str] = []
        self.langs: list[tuple[str | None, str | None]] = []
        self.links: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_attrs = attributes
        if tag in ("h1", "h2", "h3"):
            self.headings.append(tag)
        if tag == "span" and "lang" in attributes:
            self.langs.append((attributes["lang"], attributes.get("dir")))
        if tag == "a":
            self.links.append(str(attributes["href"]))


def test_the_index_page_lists_every_language_and_file_accessibly(project_copy):
    project = project_copy("basic")
    run_cli(project, "--format", "text")
    page = (project / "output/index.html").read_text()
    parser = _Index()
    parser.feed(page)
    assert parser.html_attrs == {"lang": "en", "dir": "ltr"}
    assert parser.headings[0] == "h1" and parser.headings.count("h2") == 1 and parser.headings.count("h3") == 3
    assert ("es", "ltr") in parser.langs and ("ar", "rtl") in parser.langs and ("en", "ltr") not in parser.langs
    assert ">English</h3>" in page
    assert 'Arabic — <span lang="ar" dir="rtl">العربية</span>' in page
    assert ">Plain text for screen readers</a>" in page
    assert parser.links == ["en/basic.txt", "es/basic.txt"]
    size = (project / "output/es/basic.txt").stat().st_size
    assert f"({size} bytes)" in page


def test_export_py_runs_from_a_checkout(tmp_path):
    project = tmp_path / "basic"
    shutil.copytree(DATA / "projects/basic", project)
    result = subprocess.run(
        [sys.executable, str(Path(REPO) / "export.py"), "--format", "text", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "output/en/basic.txt").is_file()


def test_a_project_folder_that_does_not_exist_is_refused(tmp_path):
    code, output = run_cli(tmp_path / "missing")
    assert code == 2
    assert "--project:" in output and "is not a folder" in output


def test_check_reports_rejected_translations_as_errors_and_gaps_as_warnings(project_copy):
    project = project_copy("basic")
    shutil.copy(DATA / "catalogs/rejections.po", project / "locales/es/LC_MESSAGES/basic.po")
    code, output = run_cli(project, "check", "--lang", "es", "--format", "text")
    assert code == 1
    assert "locales/es/LC_MESSAGES/basic.po:50: error: translation rejected: raw HTML is not allowed" in output
    assert "locales/es/LC_MESSAGES/basic.po:56: error: translation rejected: its links" in output
    assert "locales/es/LC_MESSAGES/basic.po:34: error: translation rejected: its placeholders" in output
    assert "locales/es/LC_MESSAGES/basic.po:97: warning: fuzzy translation: 'Step one' [fuzzy]" in output
    assert "warning: untranslated: 'Step two' [untranslated]" in output
    assert "check: 3 errors, 2 warnings" in output


def test_check_rejects_an_interface_word_that_drops_a_placeholder(project_copy):
    project = project_copy("basic")
    path = project / "locales/es/LC_MESSAGES/ui.po"
    path.write_text(path.read_text().replace('msgstr "Página {page} de {pages}"', 'msgstr "Página {page}"'))
    code, output = run_cli(project, "check", "--lang", "es", "--format", "text")
    assert code == 1
    assert "ui.po" in output and "its placeholders ({page}) differ from the source's ({page}, {pages})" in output


def test_check_reports_an_sms_over_its_budget_with_the_po_line(project_copy):
    project = project_copy("basic")
    path = project / "locales/es/LC_MESSAGES/basic.po"
    # "información" makes the message UCS-2: 70 units for one part, and this one needs about 100.
    long = "Por favor, llame a {organization} al {phone} si tiene preguntas sobre la información de este folleto."
    path.write_text(path.read_text().replace('msgstr "Llame a {organization} al {phone}."', f'msgstr "{long}"'))
    code, output = run_cli(project, "check", "--lang", "es", "--format", "sms")
    assert code == 1
    assert "locales/es/LC_MESSAGES/basic.po:34: error: SMS message in es takes 2 parts, over its budget of 1" in output


def test_an_impossible_date_fails_its_document_with_file_and_line_and_the_others_still_build(project_copy):
    project = project_copy("basic")
    shutil.copy(DATA / "reader/source/impossible-date.md", project / "source/impossible-date.md")
    code, output = run_cli(project, "--format", "text")
    assert code == 1, output
    assert (
        "source/impossible-date.md:3: error: 'updated' is not a real date: 2026-13-01 (there is no month 13)" in output
    )
    assert "FAILED  en impossible-date *: the source has errors" in output
    assert (project / "output/en/basic.txt").is_file() and (project / "output/es/basic.txt").is_file()
    assert not (project / "output/en/impossible-date.txt").exists()


def test_a_handout_skipped_for_its_interface_words_says_so_first(project_copy):
    project = project_copy("basic")
    ui = project / "locales/es/LC_MESSAGES/ui.po"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace(
            'msgstr "Todavía no lo ha revisado un revisor calificado."', 'msgstr ""'
        ),
        encoding="utf-8",
    )
    code, output = run_cli(project, "--format", "text", "--lang", "es")
    assert code == 0
    skipped = next(line.strip() for line in output.splitlines() if line.strip().startswith("skipped es basic"))
    assert skipped.startswith("skipped es basic *: interface words ")
    assert "(ui catalog: 1 missing); the handout is 100% translated (18 of 18 messages); needs 100%" in skipped
