#!/usr/bin/env python3
"""handoutkit's command line (``python export.py --help``); installed as ``handoutkit`` too."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handoutkit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
