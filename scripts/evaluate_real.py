#!/usr/bin/env python3
"""Score the real corpus (golden/real against corpus/real) as a whole and per source form and level.

Usage: python scripts/evaluate_real.py [--misses] [--only FILE_PREFIX ...]

The forms and levels come from corpus/real/MANIFEST.jsonl (portal_text, md, docx, pdf …; xã, tỉnh …).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from vn_plan_extract.evaluate import evaluate_folder, render_table

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss, wrong attribute and extra")
    parser.add_argument("--gold", default=str(ROOT / "golden" / "real"))
    args = parser.parse_args()
    gold = Path(args.gold)
    manifest = [json.loads(line) for line in (ROOT / "corpus" / "real" / "MANIFEST.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    by: dict[str, list[str]] = defaultdict(list)
    for entry in manifest:
        stem = Path(entry["file"]).stem
        if not (gold / f"{stem}.json").exists():
            continue
        by[f"form:{entry.get('form', '?')}"].append(stem)
        by[f"level:{entry.get('level', '?')}"].append(stem)
    scores = [evaluate_folder("real", gold)]
    scores += [evaluate_folder(key, gold, stems=stems) for key, stems in sorted(by.items())]
    print(render_table(scores))
    if args.misses:
        for miss in scores[0].misses:
            print(miss)


if __name__ == "__main__":
    main()
