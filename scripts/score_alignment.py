#!/usr/bin/env python3
"""Score `compare`'s alignment against one written by hand, over pairs of targets of different plans.

Run: `.venv/bin/python scripts/score_alignment.py HAND.json GOLD_DIR DOCS_DIR [-v]`, e.g.
`scripts/score_alignment.py golden/compare/seeds_alignment.json golden corpus`. The hand file lists groups
of gold indicators ({document, line, name}); the documents are extracted afresh and aligned; prints the
pairs agreed, precision and recall, and with -v the pairs that differ.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from vn_plan_extract import extract
from vn_plan_extract.compare import Plan, align
from vn_plan_extract.evaluate import score_alignment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("hand", type=Path)
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    hand = json.loads(args.hand.read_text(encoding="utf-8"))
    golds, texts, plans, aligned = {}, {}, {}, []
    for gold_path in sorted(args.gold_dir.glob("*.json")):
        doc = args.docs_dir / f"{gold_path.stem}.txt"
        if not doc.is_file():
            continue
        golds[gold_path.stem] = json.loads(gold_path.read_text(encoding="utf-8"))
        texts[gold_path.stem] = doc.read_text(encoding="utf-8")
        plan = extract(doc)
        plans[gold_path.stem] = json.loads(plan.model_dump_json())
        aligned.append(Plan(gold_path.stem, gold_path.stem, plan))
    alignment = align(aligned)
    groups = [[(m.plan.file, m.indicator.id) for m in c.members] for c in alignment.canonical]
    score = score_alignment(hand, groups, golds, plans, texts)
    print(f"{len(aligned)} documents; hand pairs {score.hand_pairs}, predicted pairs {score.predicted_pairs}, "
          f"agreed {score.agreed}; precision {score.precision:.3f}, recall {score.recall:.3f}")
    if args.verbose:
        for w in score.wrong:
            print("  WRONG ", w)
        for m in score.missed:
            print("  MISSED", m)


if __name__ == "__main__":
    main()
