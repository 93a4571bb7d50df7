"""Interface words get the meaning checks a handout's text gets: a translation of a ``ui`` message that
adds a phone number, a web address or a number the English message does not have is rejected (the
English words are printed instead) with a warning at its line. The placeholders' values come from the
configuration and are not the translator's to change. Found by an outsider who published
"Llame a {organization} al 555-0199 (antes {phone})" and every link as "https://rbc.example.evil/...".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

UI_PO = "locales/es/LC_MESSAGES/ui.po"


def _edit(project: Path, old: str, new: str) -> None:
    path = project / UI_PO
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("translation", "reported"),
    [
        ("¿Preguntas? Llame a {organization} al 555-0199 (antes {phone}).", "phone number"),
        ("¿Preguntas? Llame a {organization} al {phone} o al 911.", "911"),
        ("¿Preguntas? Llame a {organization} al {phone} o visite https://rbc.example.evil/", "rbc.example.evil"),
        ("¿Preguntas? Llame a {organization} al {phone} antes de 2 días.", "2"),
        ("¿Preguntas? Llame a {organization} al {phone} o visite rbc-ayuda.co", "rbc-ayuda.co"),
        ("¿Preguntas? Llame a {organization} al {phone} o visite bit.ly/rbc", "bit.ly/rbc"),
    ],
)
def test_a_ui_translation_that_adds_a_fact_is_rejected_and_the_english_printed(
    project_copy, translation: str, reported: str
) -> None:
    project = project_copy("basic")
    _edit(project, 'msgstr "¿Preguntas? Llame a {organization} al {phone}."', f'msgstr "{translation}"')
    code, output = run_cli(project, "--format", "text", "--lang", "es", "--min-coverage", "0")
    assert code == 0, output  # a warning: the English words are printed instead
    warning = next(line for line in output.splitlines() if "translation rejected" in line and UI_PO in line)
    assert warning.startswith(f"{UI_PO}:74: warning: translation rejected:")
    assert reported in warning
    text = (project / "output/es/basic.txt").read_text(encoding="utf-8")
    assert "555-0199" not in text and "911" not in text and "evil" not in text
    assert "rbc-ayuda" not in text and "bit.ly" not in text


def test_a_ui_translation_keeping_its_facts_is_used(project_copy) -> None:
    project = project_copy("basic")
    _edit(
        project,
        'msgstr "¿Preguntas? Llame a {organization} al {phone}."',
        'msgstr "¿Dudas? Llame a {organization} al {phone}."',
    )
    code, output = run_cli(project, "--format", "text", "--lang", "es")
    assert code == 0
    assert "translation rejected" not in output, output
    assert "¿Dudas? Llame a" in (project / "output/es/basic.txt").read_text(encoding="utf-8")


def test_a_link_message_that_prefixes_every_address_is_rejected(project_copy) -> None:
    project = project_copy("basic")
    _edit(
        project, 'msgstr "{text} (enlace: {address})"', 'msgstr "{text} (enlace: https://rbc.example.evil/{address})"'
    )
    code, output = run_cli(project, "--format", "text", "--lang", "es")
    assert f"{UI_PO}:59: warning: translation rejected:" in output
    assert "skipped es basic *" in output and "ui catalog: 1 missing" in output  # rejected counts as missing
    code, output = run_cli(project, "--format", "text", "--lang", "es", "--min-coverage", "0")
    assert code == 0, output
    assert "evil" not in (project / "output/es/basic.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "translation",
    [
        "¿Preguntas? Llame a {organization} al {phone}. {0}",
        "¿Preguntas? Llame a {organization} al {phone:>40}.",
        "¿Preguntas? Llame a {organization} al {phone} {",
    ],
)
def test_a_brace_that_is_no_placeholder_is_rejected_not_printed(project_copy, translation: str) -> None:
    project = project_copy("basic")
    _edit(project, 'msgstr "¿Preguntas? Llame a {organization} al {phone}."', f'msgstr "{translation}"')
    code, output = run_cli(project, "--format", "text", "--lang", "es", "--min-coverage", "0")
    assert code == 0, output
    assert f"{UI_PO}:74: warning: translation rejected: a brace that is no {{name}} placeholder:" in output
    text = (project / "output/es/basic.txt").read_text(encoding="utf-8")
    assert "{0}" not in text and ":>40" not in text and "{" not in text


def test_doubled_braces_are_a_brace_and_accepted(project_copy) -> None:
    project = project_copy("basic")
    _edit(
        project,
        'msgstr "¿Preguntas? Llame a {organization} al {phone}."',
        'msgstr "¿Preguntas? Llame a {organization} al {phone} {{siempre}}."',
    )
    code, output = run_cli(project, "--format", "text", "--lang", "es")
    assert code == 0 and "translation rejected" not in output, output
    assert "{siempre}." in (project / "output/es/basic.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # text stuck to a placeholder changes what the reader sees (an outsider's bypasses)
        ('msgstr "{text} (enlace: {address})"', 'msgstr "{text} (enlace: {address}.evil.io)"'),
        ('msgstr "{text} (enlace: {address})"', 'msgstr "{text} (enlace: {address}@evil.example)"'),
        ('msgstr "Sección {number}: {title}"', 'msgstr "Sección {number}{number}: {title}"'),
        (
            'msgstr "¿Preguntas? Llame a {organization} al {phone}."',
            'msgstr "¿Preguntas? Llame a {organization} al {phone}9."',
        ),
    ],
)
def test_text_stuck_to_a_placeholder_is_compared_as_what_the_reader_sees(project_copy, old: str, new: str) -> None:
    project = project_copy("basic")
    _edit(project, old, new)
    code, output = run_cli(project, "--format", "text", "--lang", "es", "--min-coverage", "0")
    assert code == 0, output
    assert f"{UI_PO}:" in output and "translation rejected" in output, output
    text = (project / "output/es/basic.txt").read_text(encoding="utf-8")
    assert "evil" not in text and "01009" not in text.replace(" ", "")
