#!/usr/bin/env python3
"""Score extraction against golden/ and the development set; see `vn-plan-extract evaluate --help`.

Run from the repository root: `python scripts/evaluate.py [--check | --update] [GOLD_DIR ...]`.
"""

from __future__ import annotations

import sys

from vn_plan_extract.cli import main

if __name__ == "__main__":
    sys.exit(main(["evaluate", *sys.argv[1:]]))
