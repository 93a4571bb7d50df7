"""Each language's default braille table, and the regions that read another code than the language's."""

from __future__ import annotations

import pytest

from exporters.brf.louis import translate
from exporters.brf.tables import default_table, missing_tables


@pytest.mark.parametrize(
    ("tag", "table"),
    [
        ("zh-Hans", "zh-chn.ctb"),
        ("zh-Hans-CN", "zh-chn.ctb"),
        ("zh-Hant-TW", "zh-tw.ctb"),
        ("zh-TW", "zh-tw.ctb"),
        ("zh-Hant-HK", "zh-hk.ctb"),
        ("zh-Hant-MO", "zh-hk.ctb"),
        ("en-US", "en-ueb-g2.ctb"),
        ("es-419", "es-g1.ctb"),
        ("xx", None),
    ],
)
def test_a_region_with_its_own_code_gets_its_table(tag: str, table: str | None) -> None:
    assert default_table(tag) == table


@pytest.mark.parametrize("tag", ["zh-Hant-TW", "zh-Hant-HK"])
def test_the_regional_tables_are_installed_and_write_chinese(tag: str) -> None:
    table = default_table(tag)
    assert table is not None and missing_tables(table) == []
    (cells,) = translate(["肺癌第四期"], table)
    assert cells and all("\u2800" <= cell <= "\u283f" for cell in cells)  # six-dot cells: no undefined mark
