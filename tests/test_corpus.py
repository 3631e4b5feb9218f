"""Whole documents: grounding of every item, metadata against golden/, encoding variants, snapshots."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from conftest import CORPUS_DOCS, DEVSET_DOCS, GOLDEN, ROOT, needs_devset, to_cp1258
from vn_plan_extract import __version__, extract
from vn_plan_extract.evaluate import evaluate_folder
from vn_plan_extract.lexicon.text import fold
from vn_plan_extract.readers.text import read_text_file

ALL_DOCS = CORPUS_DOCS + DEVSET_DOCS


def _lines_text(path: Path, start: int, end: int) -> str:
    lines = read_text_file(path).text.split("\n")
    return "\n".join(lines[start - 1:end])


def _walk(sections):  # type: ignore[no-untyped-def]
    for s in sections:
        yield s
        yield from _walk(s.children)


@pytest.mark.parametrize("path", ALL_DOCS, ids=[p.stem for p in ALL_DOCS])
def test_every_quote_is_found_in_the_nfc_input_at_its_lines(path: Path) -> None:
    doc = extract(path)
    items = [*doc.indicators, *_walk(doc.sections), *doc.responsibilities]
    assert items or path.parent.name == "docs"
    for item in items:
        src = item.source
        assert src.quote, item
        span = _lines_text(path, src.line_start, src.line_end)
        assert src.quote in span, (src.line_start, src.quote)
        assert span.split("\n")[0]
        assert src.quote.split("\n")[0] in span.split("\n")[0]


FORMATS = [(p, p) for p in CORPUS_DOCS] + [
    (p, ROOT / "tests" / "fixtures" / "seeds" / f"{p.stem}{suffix}") for p in CORPUS_DOCS for suffix in (".docx", ".pdf")]


@pytest.mark.parametrize(("text", "path"), FORMATS, ids=[q.name for _, q in FORMATS])
def test_metadata_matches_golden(text: Path, path: Path) -> None:
    gold = json.loads((GOLDEN / f"{text.stem}.json").read_text(encoding="utf-8"))["metadata"]
    meta = extract(path).metadata

    def issuer(name: str | None) -> str | None:
        return fold(name.replace("UBND", "Ủy ban nhân dân")) if name else None

    assert meta.number == gold["number"]
    assert meta.place == gold["place"]
    assert meta.date == gold["date"]
    assert meta.year == gold["year"]
    assert issuer(meta.issuer) == issuer(gold["issuer"])
    assert fold(meta.title or "") == fold(gold["title"])
    assert (meta.signer.name if meta.signer else None) == gold["signer_name"]
    assert (meta.signer.title if meta.signer else None) == gold["signer_title"]
    assert len(meta.legal_bases) == gold["legal_bases_count"]
    assert len(meta.recipients) == gold["recipients_count"]


def _variant(path: Path, tmp_path: Path, kind: str) -> Path:
    text = path.read_text(encoding="utf-8")
    out = tmp_path / kind / path.name
    out.parent.mkdir(exist_ok=True)
    if kind == "nfd":
        out.write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    elif kind == "crlf":
        out.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    else:
        out.write_bytes(to_cp1258(text))
    return out


@pytest.mark.parametrize("kind", ["nfd", "crlf", "cp1258"])
def test_nfd_crlf_and_windows_1258_copies_score_like_the_originals(tmp_path: Path, kind: str) -> None:
    variants = {p.stem: _variant(p, tmp_path, kind) for p in CORPUS_DOCS}
    original = evaluate_folder("golden", GOLDEN).metrics()
    copy = evaluate_folder("golden", GOLDEN, documents=variants).metrics()
    assert copy == original
    assert copy["indicator_f1"] >= 0.95
    assert copy["section_f1"] >= 0.95
    for original_path in CORPUS_DOCS:
        assert _projection(extract(variants[original_path.stem])) == _projection(extract(original_path))


def _projection(doc):  # type: ignore[no-untyped-def]
    """What must not change with the encoding (cp1258 writes "≥" as ">=", so texts are compared with that)."""

    def same(text: str) -> str:
        return text.replace("≥", ">=").replace("≤", "<=")

    return (
        doc.metadata.model_dump(),
        [(s.label, s.title, s.level, s.source.line_start) for s in _walk(doc.sections)],
        [(same(i.name), i.target.comparator, i.target.value, i.target.value_max, i.target.unit, i.target_year,
          i.section_path, i.lead_units, i.source.line_start, i.source.line_end) for i in doc.indicators],
    )


@pytest.mark.parametrize("path", CORPUS_DOCS, ids=[p.stem for p in CORPUS_DOCS])
def test_snapshot_of_the_full_json(path: Path, data_regression) -> None:  # type: ignore[no-untyped-def]
    data = extract(path).model_dump(mode="json")
    data["source"]["path"] = path.relative_to(ROOT).as_posix()
    assert data.pop("generator") == {"name": "vn_plan_extract", "version": __version__}  # not part of the snapshot
    data_regression.check(data, basename=path.stem)


@needs_devset()
def test_devset_is_read_from_shared_not_copied() -> None:
    assert not list(ROOT.rglob("01_hcm_cchc_tp_2018_2020*"))
