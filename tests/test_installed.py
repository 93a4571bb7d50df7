"""handoutkit reads the installed distributions itself (issue 13, "Fast small runs"): it must find what
:mod:`importlib.metadata` finds, the first of a name on ``sys.path`` winning, and a version edited in a
distribution's ``METADATA`` is seen at once."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

import pytest

from handoutkit import installed
from handoutkit.keys import RENDERING_DISTRIBUTIONS


def _install(site: Path, folder: str, name: str, version: str, points: str = "") -> Path:
    info = site / folder
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nA description.\n")
    if points:
        (info / "entry_points.txt").write_text(points)
    return info


def test_every_distribution_has_the_version_importlib_metadata_gives() -> None:
    found = installed.distributions()
    names = {dist.metadata["Name"] for dist in metadata.distributions()}
    assert len(found) == len({installed.normalized(name) for name in names})
    for name in sorted(names | set(RENDERING_DISTRIBUTIONS)):
        try:
            expected: str | None = metadata.version(name)
        except metadata.PackageNotFoundError:
            expected = None
        assert installed.version(name, found) == expected, name


def test_the_exporters_entry_points_are_those_importlib_metadata_gives() -> None:
    ours = {(p.name, p.value, p.dist.name if p.dist else "") for p in installed.entry_points("handoutkit.exporters")}
    theirs = {
        (p.name, p.value, p.dist.name if p.dist else "") for p in metadata.entry_points(group="handoutkit.exporters")
    }
    assert ours == theirs and ours


def test_the_first_distribution_of_a_name_on_the_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    points = "[handoutkit.exporters]\n# a comment\ntoy = toy_module:Toy\n\n[console_scripts]\ntoy = toy_module:main\n"
    _install(tmp_path / "first", "Toy_Exporter-2.0.dist-info", "toy-exporter", "2.0", points)
    _install(
        tmp_path / "second", "toy_exporter-1.0.dist-info", "toy_exporter", "1.0", "[handoutkit.exporters]\nold = x:Y\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path / "second"))
    monkeypatch.syspath_prepend(str(tmp_path / "first"))

    assert installed.version("toy.exporter") == metadata.version("toy.exporter") == "2.0"
    toys = [p for p in installed.entry_points("handoutkit.exporters") if p.value.startswith(("toy_module", "x:"))]
    assert [(p.name, p.value, p.dist.version if p.dist else "") for p in toys] == [("toy", "toy_module:Toy", "2.0")]


def test_an_edited_version_is_seen_by_the_next_look(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = _install(tmp_path, "toy_exporter-1.0.dist-info", "toy-exporter", "1.0")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert installed.version("toy-exporter") == "1.0"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toy-exporter\nVersion: 1.1\n")
    assert installed.version("toy-exporter") == "1.1"


def test_a_distribution_installed_or_removed_is_seen_by_the_next_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    assert installed.version("toy-exporter") is None  # the path is listed, and the listing kept
    info = _install(tmp_path, "toy_exporter-1.0.dist-info", "toy-exporter", "1.0")
    assert installed.version("toy-exporter") == "1.0"
    (info / "METADATA").unlink()
    info.rmdir()
    assert installed.version("toy-exporter") is None


def test_an_entry_point_loads_the_attribute_it_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "toy_module.py").write_text("class Toy:\n    class Inner:\n        name = 'inner'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    point = installed.EntryPoint("toy", "toy_module:Toy.Inner", "handoutkit.exporters", None)
    assert point.load().name == "inner"


def test_a_zip_on_the_path_hands_the_work_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("zipped_toy-3.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped-toy\nVersion: 3.0\n")
        bundle.writestr("zipped_toy-3.0.dist-info/entry_points.txt", "[handoutkit.exporters]\nzipped = zt:Z\n")
    monkeypatch.syspath_prepend(str(archive))
    assert installed.version("zipped-toy") == "3.0"
    assert ("zipped", "zt:Z") in {(p.name, p.value) for p in installed.entry_points("handoutkit.exporters")}


def test_a_module_with_extras_and_no_attribute_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bare_module.py").write_text("name = 'bare'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    point = installed.EntryPoint("bare", "bare_module [extra]", "handoutkit.exporters", None)
    assert point.load().name == "bare"


def test_an_unzipped_egg_on_the_path_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    egg = tmp_path / "egg_toy-1.0-py3.11.egg"
    _install(egg, "EGG-INFO", "egg-toy", "1.0", "[handoutkit.exporters]\neggy = eggy_module:Eggy\n")
    (egg / "EGG-INFO" / "PKG-INFO").write_text((egg / "EGG-INFO" / "METADATA").read_text())
    (egg / "EGG-INFO" / "METADATA").unlink()
    monkeypatch.syspath_prepend(str(egg))
    assert installed.version("egg-toy") == metadata.version("egg-toy") == "1.0"
    assert ("eggy", "eggy_module:Eggy") in {(p.name, p.value) for p in installed.entry_points("handoutkit.exporters")}


def test_unusual_but_valid_metadata_reads_like_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path, "Upper_Toy-1.0.DIST-INFO", "upper-toy", "1.0")
    (tmp_path / "old_toy-0.5-py3.11.egg-info").write_text("Metadata-Version: 1.0\nName: old-toy\nVersion: 0.5\n")
    folded = _install(tmp_path, "folded_toy-2.0.dist-info", "folded-toy", "2.0")
    (folded / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: folded-toy\nSummary: a summary that says\n  Version: 9.9\nVersion: 2.0\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("upper-toy", "old-toy", "folded-toy"):
        assert installed.version(name) == metadata.version(name), name


def test_a_broken_distribution_does_not_stop_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry_points.txt that is not UTF-8, one line without '=': the other entry points are still read."""
    broken = _install(tmp_path, "broken_toy-1.0.dist-info", "broken-toy", "1.0")
    (broken / "entry_points.txt").write_bytes(b"# caf\xe9\n[handoutkit.exporters]\nno equals sign\nok = ok_module:Ok\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = {(p.name, p.value) for p in installed.entry_points("handoutkit.exporters")}
    assert ("ok", "ok_module:Ok") in found and ("text", "exporters.text:TextExporter") in found


def test_with_a_zip_on_the_path_a_broken_distribution_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    broken = _install(tmp_path / "site", "broken_toy-1.0.dist-info", "broken-toy", "1.0")
    (broken / "METADATA").write_bytes(b"Metadata-Version: 2.1\nName: broken-toy\nVersion: 1.0\nSummary: caf\xe9\n")
    (broken / "entry_points.txt").write_text("[handoutkit.exporters]\nno equals sign\n")
    with zipfile.ZipFile(tmp_path / "empty.zip", "w"):
        pass
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.syspath_prepend(str(tmp_path / "empty.zip"))
    found = {p.name for p in installed.entry_points("handoutkit.exporters")}
    assert {"text", "pdf", "epub"} <= found
    assert installed.version("handoutkit") == metadata.version("handoutkit")


def test_a_listing_is_kept_only_once_its_folders_have_settled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    _install(tmp_path, "toy_exporter-1.0.dist-info", "toy-exporter", "1.0")
    assert installed.version("toy-exporter") == "1.0"
    assert installed._scanned == []  # the folder changed a moment ago: a same-tick install could follow
    settled = installed.time.time() - 10
    os.utime(tmp_path, (settled, settled))
    assert installed.version("toy-exporter") == "1.0"
    assert installed._scanned != []  # kept, for the run's next look
    _install(tmp_path, "other_exporter-2.0.dist-info", "other-exporter", "2.0")
    os.utime(tmp_path, (settled + 1, settled + 1))  # installed later, though in an old-looking folder
    assert installed.version("other-exporter") == "2.0"


def test_a_relative_path_entry_follows_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, version in (("alpha", "1.0"), ("beta", "2.0")):
        _install(tmp_path / name, f"{name}-{version}.dist-info", name, version)
        os.utime(tmp_path / name, (1_000_000_000, 1_000_000_000))  # the same, long settled time
    monkeypatch.syspath_prepend("")
    monkeypatch.chdir(tmp_path / "alpha")
    assert (installed.version("alpha"), installed.version("beta")) == ("1.0", None)
    monkeypatch.chdir(tmp_path / "beta")
    assert (installed.version("alpha"), installed.version("beta")) == (None, "2.0")
