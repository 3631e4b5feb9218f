"""Vocabularies are data, tested entry by entry."""

from __future__ import annotations

import pytest

import vn_plan_extract
from conftest import CORPUS_DOCS, DEVSET_DOCS
from vn_plan_extract.extraction.deadlines import parse_deadline
from vn_plan_extract.lexicon import FirstWords, alternation
from vn_plan_extract.lexicon.agencies import AGENCY_HEADS, canonical_agency, load_bodies
from vn_plan_extract.lexicon.columns import UNIT_CELL_PHRASES
from vn_plan_extract.lexicon.deadlines import DEADLINE_PHRASES
from vn_plan_extract.lexicon.targets import COMPARATOR_WORDS, GOAL_WORDS, RANK_PHRASES, YEAR_PHRASES, YEAR_RE

AGENCIES = load_bodies("body")
AGENCY_VARIANTS = [(v, c) for kind in ("body", "generic") for c, vs in load_bodies(kind).items() for v in vs]


@pytest.mark.parametrize(("variant", "canonical"), AGENCY_VARIANTS, ids=[v for v, _ in AGENCY_VARIANTS])
def test_every_agency_variant_maps_to_its_canonical_name(variant: str, canonical: str) -> None:
    assert canonical_agency(variant) == canonical


@pytest.mark.parametrize(("word", "comparator"), sorted(COMPARATOR_WORDS.items()))
def test_every_comparator_word_is_read(word: str, comparator: str) -> None:
    doc = vn_plan_extract.extract_text(f"I. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến {word} 70%.")
    assert doc.indicators[0].target.comparator.value == comparator


@pytest.mark.parametrize(
    ("text", "kind", "end"),
    [
        ("Quý I/2026", "quarter", "2026-03-31"),
        ("Quý IV/2026", "quarter", "2026-12-31"),
        ("6 tháng đầu năm 2025", "half_year", "2025-06-30"),
        ("tháng 6/2026", "month", "2026-06-30"),
        ("Năm 2026", "year", "2026-12-31"),
        ("Hằng năm", "recurring", None),
        ("Hàng tháng", "recurring", None),
        ("Thường xuyên", "ongoing", None),
        ("trước ngày 20 hằng tháng", "recurring", None),
        ("Theo Kế hoạch của UBND tỉnh năm 2026", "per_higher_plan", None),
        ("Giai đoạn 2026-2030", "year", "2030-12-31"),
    ],
)
def test_deadline_phrases(text: str, kind: str, end: str | None) -> None:
    d = parse_deadline(text)
    assert d is not None
    assert (d.kind.value, d.end) == (kind, end)


def test_alternation_rejects_an_empty_vocabulary() -> None:
    with pytest.raises(ValueError, match="at least one"):
        alternation([])


@pytest.mark.parametrize("name", vn_plan_extract.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(vn_plan_extract, name) is not None


def test_no_agency_spelling_is_claimed_by_two_bodies() -> None:
    from vn_plan_extract.lexicon.agencies import _key

    seen: dict[str, str] = {}
    for table in (AGENCIES, load_bodies("generic")):
        for canonical, variants in table.items():
            for v in (canonical, *variants):
                assert seen.setdefault(_key(v), canonical) == canonical, v


def _scanners() -> list[tuple[str, FirstWords]]:
    return [("DEADLINE_PHRASES", DEADLINE_PHRASES), ("YEAR_PHRASES", YEAR_PHRASES), ("GOAL_WORDS", GOAL_WORDS),
            ("UNIT_CELL_PHRASES", UNIT_CELL_PHRASES),
            ("RANK_PHRASES", RANK_PHRASES)]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in [*CORPUS_DOCS, *DEVSET_DOCS]]
    # the case variants try the first words the way headings and tables write them
    return texts + [t.upper() for t in texts] + [t.lower() for t in texts] + [t.title() for t in texts]


@pytest.mark.parametrize(("name", "scanner"), _scanners(), ids=[n for n, _ in _scanners()])
def test_a_first_words_scanner_finds_what_its_pattern_finds(name: str, scanner: FirstWords) -> None:
    found = 0
    for text in _texts():
        expected = [(m.span(), m.lastgroup) for m in scanner.pattern.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in scanner.finditer(text)] == expected
        found += len(expected)
        # inside a window, as the stages scan a row or a sentence
        for pos in range(0, len(text), 997):
            end = pos + 250
            window = [m.span() for m in scanner.pattern.finditer(text, pos, end)]
            assert [m.span() for m in scanner.finditer(text, pos, end)] == window
            first = scanner.pattern.search(text, pos, end)
            assert (first.span() if first else None) == (m.span() if (m := scanner.search(text, pos, end)) else None)
    assert found >= 10, f"{name} matched only {found} times: the comparison says little"


def test_first_words_must_be_given() -> None:
    with pytest.raises(ValueError, match="first word"):
        FirstWords(YEAR_RE, ())


def test_a_case_blind_scanner_still_finds_its_words_where_lower_casing_moves_positions() -> None:
    text = "İstanbul: MỤC TIÊU năm 2025, phấn đấu"  # "İ" lower-cases to two characters
    assert len(text.lower()) != len(text)
    assert [m.span() for m in GOAL_WORDS.finditer(text)] == [m.span() for m in GOAL_WORDS.pattern.finditer(text)]
    assert GOAL_WORDS.search(text).span() == GOAL_WORDS.pattern.search(text).span()


def test_every_agency_head_starts_with_a_letter() -> None:
    # AGENCY_HEAD_RE opens with "\b", which stands for "(?<!\w)" only before a letter
    assert all(head[:1].isalpha() for head in AGENCY_HEADS)
