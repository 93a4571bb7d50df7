"""README.md documents every built-in exporter's options as their schemas declare them."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_the_readme_option_table_is_the_one_the_schemas_give() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/readme_options.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
