"""An exporter owns its options: a third-party exporter's ``[toy]`` table is checked with file and line,
overridden per language, read typed by the exporter and documented by ``formats --options``, with
nothing in the core knowing its name (the plugin is tests/data/plugins/toy-site, found by discovery).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, run_cli

TOY_SITE = DATA / "plugins" / "toy-site"
TOY_CONFIGS = DATA / "config" / "toy"


@pytest.fixture
def toy_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The toy plugin installed: its folder, with its ``.dist-info``, on ``sys.path``."""
    monkeypatch.syspath_prepend(str(TOY_SITE))


@pytest.fixture
def with_config(project_copy: Callable[..., Path]) -> Callable[[str], Path]:
    """The basic fixture project with ``tests/data/config/toy/<name>.toml`` as its configuration."""

    def make(name: str) -> Path:
        project = project_copy("basic")
        shutil.copy(TOY_CONFIGS / f"{name}.toml", project / "handoutkit.toml")
        return project

    return make


def test_formats_documents_every_option_of_the_toy(toy_installed: None, with_config: Callable[[str], Path]) -> None:
    code, output = run_cli(with_config("per-language"), "formats", "--options")
    assert code == 0, output
    lines = [line.strip() for line in output.splitlines()]
    assert "[toy] repeat = 1  (whole number, 1 to 5): How many lines the greeting takes" in lines
    assert "[toy] scale = 1.0  (number, 0.5 or more): A size, for the finite-number rule" in lines
    assert "[toy] exclaim = false  (true or false): End each line with an exclamation mark" in lines
    assert '[toy] mood = "calm"  (text, one of "calm", "cheerful"): How it sounds' in lines
    assert '[toy] greeting = "Hello"  (text): The word before the title' in lines


def test_its_table_and_a_language_override_reach_the_exporter(
    toy_installed: None, with_config: Callable[[str], Path]
) -> None:
    project = with_config("per-language")
    code, output = run_cli(project, "--format", "toy")
    assert code == 0, output
    assert (project / "output/en/basic.toy").read_text() == "Hello, Basic handout! (calm, 1)\n" * 2
    assert (project / "output/es/basic.toy").read_text() == "Hola, Folleto básico! (calm, 1)\n" * 2


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("wrong-type", "handoutkit.toml:5: error: 'repeat' must be a number, not 'twice'"),
        ("below-minimum", "handoutkit.toml:4: error: toy repeat 0 is below the minimum of 1"),
        (
            "unknown-key",
            "handoutkit.toml:5: error: unknown key 'volume' in toy (known: exclaim, greeting, mood, repeat, scale)",
        ),
        ("not-finite", "handoutkit.toml:4: error: 'scale' must be a finite number, not nan"),
        ("not-a-choice", 'handoutkit.toml:4: error: toy mood "grumpy" is not one of "calm", "cheerful"'),
        ("refused-by-its-check", "handoutkit.toml:4: error: toy greeting: must not be written in capitals only"),
        ("override-above-maximum", "handoutkit.toml:7: error: language.es.toy repeat 9 is above the maximum of 5"),
    ],
)
def test_a_bad_value_in_its_table_stops_with_file_and_line(
    toy_installed: None, with_config: Callable[[str], Path], config: str, message: str
) -> None:
    code, output = run_cli(with_config(config), "--format", "text")
    assert code == 2, output
    assert message in output


def test_without_the_plugin_its_table_is_unknown(with_config: Callable[[str], Path]) -> None:
    code, output = run_cli(with_config("per-language"), "--format", "text")
    assert code == 2
    assert "handoutkit.toml:4: error: unknown table [toy]: no installed exporter has options named 'toy'" in output


def test_an_exporter_whose_options_class_is_not_a_schema_is_refused_and_the_rest_still_builds(
    monkeypatch: pytest.MonkeyPatch, project_copy: Callable[..., Path]
) -> None:
    monkeypatch.syspath_prepend(str(DATA / "plugins" / "broken-options-site"))
    project = project_copy("basic")
    with (project / "handoutkit.toml").open("a", encoding="utf-8") as stream:
        stream.write("\n[broken]\nsize = 2.0\n")  # its table: left unchecked, not called unknown
    code, output = run_cli(project, "--format", "text")
    assert code == 0, output
    assert (
        "entry point broken = broken_options_exporter:BrokenOptionsExporter (broken-options-exporter 1.0): "
        "error: options_class: MutableOptions must be a frozen dataclass (@dataclass(frozen=True)) [plugin]"
    ) in output
    assert (project / "output/en/basic.txt").is_file()
