#!/usr/bin/env python3
"""Add annotated real documents to corpus/real/ and golden/real/.

Usage: python scripts/add_real_documents.py STAGING_DIR [STAGING_DIR ...]

A staging folder holds `docs/<name>` (the document, byte for byte as obtained), `gold/<stem>.json` (its
gold, written by reading the document and checked by a second reader) and `manifest.jsonl` (one line
per document: where it came from). Each document is copied to corpus/real/ under the next free number,
its gold to golden/real/ with "document" set to "real/<file>", and its manifest line, with the sha256
checked against the copied bytes, is appended to corpus/real/MANIFEST.jsonl. A document whose sha256
is already in the manifest is skipped.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "real"
GOLDEN = ROOT / "golden" / "real"
MANIFEST = CORPUS / "MANIFEST.jsonl"


def _next_number() -> int:
    numbers = [int(p.name[:3]) for p in CORPUS.glob("[0-9][0-9][0-9]_*") if p.name[:3].isdigit()]
    return max(numbers, default=0) + 1


def add(staging: Path) -> int:
    CORPUS.mkdir(parents=True, exist_ok=True)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    known = set()
    if MANIFEST.exists():
        known = {json.loads(line)["sha256"] for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line}
    added = 0
    entries = [json.loads(line) for line in (staging / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    for entry in entries:
        doc = staging / "docs" / entry["file"]
        gold_path = staging / "gold" / (Path(entry["file"]).stem + ".json")
        if not doc.exists() or not gold_path.exists():
            print(f"skip {entry['file']}: document or gold missing", file=sys.stderr)
            continue
        data = doc.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if entry.get("sha256") and entry["sha256"] != digest:
            print(f"note {entry['file']}: manifest sha256 differs from the file; the file's is recorded",
                  file=sys.stderr)
        if digest in known:
            print(f"skip {entry['file']}: already in the corpus", file=sys.stderr)
            continue
        slug = entry["file"].split("_", 1)[1] if "_" in entry["file"] else entry["file"]
        name = f"{_next_number():03d}_{slug}"
        shutil.copyfile(doc, CORPUS / name)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold["document"] = f"real/{name}"
        (GOLDEN / (Path(name).stem + ".json")).write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n",
                                                          encoding="utf-8")
        record = {"file": name, **{k: v for k, v in entry.items() if k != "file"}, "sha256": digest}
        with MANIFEST.open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        known.add(digest)
        added += 1
    return added


if __name__ == "__main__":
    total = sum(add(Path(p)) for p in sys.argv[1:])
    print(f"{total} documents added")
