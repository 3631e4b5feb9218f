from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "golden"
DEVSET = ROOT.parent / "shared" / "devset"
CORPUS_DOCS = sorted(CORPUS.glob("*.txt"))
DEVSET_DOCS = sorted((DEVSET / "docs").glob("*.txt"))


def needs_devset() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset is not beside the repository")


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 the way old Vietnamese tools did: vowel shapes precomposed (â ă ê ô ơ ư),
    tone marks as combining characters after the letter."""
    import unicodedata

    shaping = "\u0302\u0306\u031b"
    # Windows-1258 has no ≥ or ≤: files typed in it use ">=" and "<=".
    text = text.replace("≥", ">=").replace("≤", "<=")
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0] + "".join(m for m in decomposed[1:] if m in shaping)
        tones = "".join(m for m in decomposed[1:] if m not in shaping)
        out += (unicodedata.normalize("NFC", base) + tones).encode("cp1258")
    return bytes(out)
