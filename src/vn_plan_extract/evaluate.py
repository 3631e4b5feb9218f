"""Score extraction output against hand-written gold, and gate on pinned floors.

Two gold formats are read, each a folder of `<stem>.json`:
- this project's `golden/` files ({"document", "sections", "indicators" with "quote" and "line"});
- the development set's format (`shared/devset/gold`, {"source_url", "kind", "sections",
  "indicators"}), whose documents sit in the sibling folder `docs/`.

Matching: a predicted indicator matches a gold one when their quotes overlap in the document (compared
with whitespace collapsed), one to one, preferring pairs with the same value and then the larger
overlap. A matched pair is "fully right" when comparator, value, value_max, unit, target_year,
lead_units, deadline and qualitative all agree (units, units' names and deadlines compared folded);
"strict" when comparator, target_year, lead_units and deadline agree: strict F1 counts only those pairs
as found, the measure of what an official copying targets into a workbook can use as it stands.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lexicon.agencies import canonical_agency
from .lexicon.text import fold
from .models import PlanDocument
from .readers import read_path

#: Scores may fall this much below a floor before the gate fails: floats printed and re-read, nothing more.
EPSILON = 0.0005
ATTRIBUTES = ("comparator", "value", "value_max", "unit", "target_year", "lead_units", "deadline",
              "qualitative")
#: What a strictly right match must get right besides being found (strict F1).
STRICT_ATTRIBUTES = ("comparator", "target_year", "lead_units", "deadline")
GATED_METRICS = ("indicator_f1", "strict_f1", "fully_right", "section_f1", "task_right", "budget_items_right",
                 "budget_total_right", "table_rows_right")


_MIN_PREFIX_WORDS = 4
#: Read by OCR: how similar (0–100, rapidfuzz) a text must be to stand for the gold's.
_FUZZY_SIMILARITY = 85
#: Characters written differently by some encodings (Windows-1258 has no "≥"), compared as equal.
_SAME = {"≥": ">=", "≤": "<=", "*": ""}  # "*" : OCR markdown emphasis, gone in Word and PDF


@dataclass(frozen=True, slots=True)
class _Collapsed:
    """A document with whitespace runs collapsed, and where each collapsed char came from."""

    text: str
    origin: tuple[int, ...]  # original offset of each collapsed char
    line_starts: tuple[int, ...]
    #: read by OCR: a quote is found by its closest approximate occurrence, texts compared by similarity
    fuzzy: bool = False

    @classmethod
    def of(cls, original: str, fuzzy: bool = False) -> _Collapsed:
        out: list[str] = []
        origin: list[int] = []
        space = False
        for i, ch in enumerate(original):
            if ch.isspace():
                if not space and out:
                    out.append(" ")
                    origin.append(i)
                space = True
                continue
            space = False
            for c in _SAME.get(ch, ch):
                out.append(c)
                origin.append(i)
        starts = [0] + [i + 1 for i, ch in enumerate(original) if ch == "\n"]
        return cls("".join(out), tuple(origin), tuple(starts), fuzzy)

    def collapsed_offset(self, original_offset: int) -> int:
        from bisect import bisect_left
        return bisect_left(self.origin, original_offset)

    def find(self, quote: str, line: int | None, near: float | None = None) -> tuple[int, int] | None:
        """The span of `quote` (whitespace collapsed) at `line`; or, when the line numbers are not this
        document's (the same plan read from .docx or .pdf), the occurrence nearest to the relative
        position `near` (0 = start, 1 = end) the quote has in the gold's own document."""
        needle = " ".join("".join(_SAME.get(c, c) for c in quote).split())
        if not needle:
            return None
        if line is None and near is not None:
            found = []
            pos = self.text.find(needle)
            while pos >= 0:
                found.append(pos)
                pos = self.text.find(needle, pos + 1)
            if not found and self.fuzzy:
                approximate = self._approximate(needle, near)
                if approximate is not None:
                    return approximate
            if not found:
                # the other rendering may cut the quote (a table cell split by a page break): its
                # longest leading part of four words or more stands for it
                words = needle.split()
                if len(words) > _MIN_PREFIX_WORDS:
                    return self.find(" ".join(words[:-1]), None, near)
                return None
            target = near * len(self.text)
            best = min(found, key=lambda p: abs(p - target))
            return best, best + len(needle)
        start = 0
        if line is not None and 1 <= line <= len(self.line_starts):
            start = self.collapsed_offset(self.line_starts[line - 1])
        pos = self.text.find(needle, start)
        if pos < 0:
            pos = self.text.find(needle)
        if pos < 0 and self.fuzzy:  # a gold quote typed from a scan's page image: anywhere in the OCR text
            return self._approximate(needle, 0.5, (len(self.text),))
        return (pos, pos + len(needle)) if pos >= 0 else None


    def _approximate(self, needle: str, near: float, reaches: tuple[int, ...] = ()) -> tuple[int, int] | None:
        """The best approximate occurrence of `needle` near the relative position `near` (OCR text:
        a misread letter or a stray mark must not lose an item), if it is similar enough."""
        from rapidfuzz import fuzz

        def chars(x: str) -> str:  # folded letter by letter, so offsets stay the window's
            return "".join(fold(c)[:1] or " " for c in x)

        centre = int(near * len(self.text))
        # the nearest window first: a quote that a plan repeats (a target restated in its table) is
        # the occurrence at its own place, not the first one further up
        for reach in reaches or (1500, max(4000, len(self.text) // 6)):
            lo = max(0, centre - reach)
            window = self.text[lo:centre + reach]
            found = fuzz.partial_ratio_alignment(chars(needle), chars(window), score_cutoff=_FUZZY_SIMILARITY)
            if found is not None:
                return lo + found.dest_start, lo + found.dest_end
        return None


@dataclass(slots=True)
class _Item:
    span: tuple[int, int] | None
    fields: dict[str, Any]
    name: str
    #: the gold indicator's index in its file, or the predicted indicator's id
    key: Any = None


@dataclass(slots=True)
class SetScore:
    name: str
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    fully_right: int = 0
    strictly_right: int = 0
    attribute_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    sections_gold: int = 0
    sections_predicted: int = 0
    sections_matched: int = 0
    tasks_gold: int = 0
    tasks_predicted: int = 0
    tasks_matched: int = 0
    tasks_right: int = 0  # title, lead units and deadline right
    budget_items_gold: int = 0
    budget_items_right: int = 0
    budget_totals_gold: int = 0
    budget_totals_right: int = 0
    tables_gold: int = 0
    tables_rows_right: int = 0
    misses: list[str] = field(default_factory=list)
    #: gold files whose output was not found in the output folder (scored as finding nothing)
    no_output: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def metrics(self) -> dict[str, float]:
        p = self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        r = self.matched / self.gold if self.gold else 1.0
        sp = self.sections_matched / self.sections_predicted if self.sections_predicted else (
            1.0 if not self.sections_gold else 0.0)
        sr = self.sections_matched / self.sections_gold if self.sections_gold else 1.0
        strict_p = self.strictly_right / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        strict_r = self.strictly_right / self.gold if self.gold else 1.0
        out = {
            "indicator_precision": p, "indicator_recall": r, "indicator_f1": self._f1(p, r),
            "strict_f1": self._f1(strict_p, strict_r),
            "fully_right": self.fully_right / self.matched if self.matched else 0.0,
            "section_precision": sp, "section_recall": sr, "section_f1": self._f1(sp, sr),
        }
        for a in ATTRIBUTES:
            out[f"attr_{a}"] = self.attribute_right[a] / self.matched if self.matched else 0.0
        tp = self.tasks_matched / self.tasks_predicted if self.tasks_predicted else 1.0
        tr = self.tasks_matched / self.tasks_gold if self.tasks_gold else 1.0
        out["task_f1"] = self._f1(tp, tr)
        out["task_right"] = self.tasks_right / self.tasks_gold if self.tasks_gold else 1.0
        out["budget_items_right"] = self.budget_items_right / self.budget_items_gold if self.budget_items_gold else 1.0
        out["budget_total_right"] = (self.budget_totals_right / self.budget_totals_gold
                                     if self.budget_totals_gold else 1.0)
        out["table_rows_right"] = self.tables_rows_right / self.tables_gold if self.tables_gold else 1.0
        return out


def _norm_unit(unit: Any) -> str | None:
    return fold(str(unit)).replace(" ", "") if unit not in (None, "") else None


def _norm_units(units: Iterable[str]) -> set[str]:
    return {fold(canonical_agency(u) or u) for u in units}


def _norm_deadline(d: Any) -> str | None:
    if d is None:
        return None
    text = d.get("text") if isinstance(d, dict) else d
    return fold(str(text)).replace(" ", "") if text else None  # "Quý IV/2025- Quý II/2026" as it wraps


def _same(attr: str, g: Any, p: Any) -> bool:
    if attr in {"value", "value_max"}:
        if g is None or p is None:
            return g is None and p is None
        return math.isclose(float(g), float(p), rel_tol=1e-9, abs_tol=1e-9)
    if attr == "unit":
        return _norm_unit(g) == _norm_unit(p)
    if attr == "lead_units":
        return _norm_units(g or []) == _norm_units(p or [])
    if attr == "deadline":
        return _norm_deadline(g) == _norm_deadline(p)
    return bool(g == p)


def _gold_spans(entries: list[dict[str, Any]], doc: _Collapsed, own_lines: bool,
                reference: _Collapsed | None = None) -> list[tuple[int, int] | None]:
    """Where each gold quote is: at its line, or in another rendering of the plan near the place it
    has in the gold's own document (`reference`)."""
    out = []
    for e in entries:
        if own_lines or reference is None:
            out.append(doc.find(e["quote"], e.get("line")))
            continue
        span = reference.find(e["quote"], e.get("line"))
        near = span[0] / max(1, len(reference.text)) if span else 0.0
        out.append(doc.find(e["quote"], None, near))
    return out


def _gold_items(gold: dict[str, Any], doc: _Collapsed, origins: set[str], own_lines: bool,
                reference: _Collapsed | None) -> list[_Item]:
    indexed = [(k, ind) for k, ind in enumerate(gold.get("indicators", [])) if ind.get("origin", "prose") in origins]
    spans = _gold_spans([ind for _, ind in indexed], doc, own_lines, reference)
    return [_Item(span, {a: ind.get(a) for a in ATTRIBUTES}, ind.get("name", ""), k)
            for (k, ind), span in zip(indexed, spans, strict=True)]


def _predicted_items(plan: dict[str, Any], doc: _Collapsed, origins: set[str]) -> list[_Item]:
    items = []
    for ind in plan.get("indicators", []):
        if ind.get("origin", "prose") not in origins:
            continue
        t = ind["target"]
        fields = {"comparator": t.get("comparator"), "value": t.get("value"), "value_max": t.get("value_max"),
                  "unit": t.get("unit"), "target_year": ind.get("target_year"),
                  "lead_units": ind.get("lead_units", []), "deadline": ind.get("deadline"),
                  "qualitative": ind.get("qualitative", False)}
        src = ind["source"]
        items.append(_Item(doc.find(src["quote"], src.get("line_start")), fields, ind.get("name", ""), ind.get("id")))
    return items


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _flatten_sections(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in sections:
        out.append(s)
        out.extend(_flatten_sections(s.get("children", [])))
    return out


def _match(g_items: list[_Item], p_items: list[_Item]) -> list[tuple[int, int]]:
    """Gold and predicted items paired one to one: overlapping quotes, a same value first, then the
    larger overlap."""
    pairs = []
    for gi, g in enumerate(g_items):
        for pi, p in enumerate(p_items):
            ov = _overlap(g.span, p.span)
            if ov > 0:
                pairs.append((_same("value", g.fields["value"], p.fields["value"]), ov, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def matched_indicators(gold: dict[str, Any], plan: dict[str, Any], text: str) -> dict[int, str]:
    """Which predicted indicator (by id) each gold indicator (by its index in the gold file) was found as,
    matched the way `score_document` matches them (same rendering: lines are the gold's own)."""
    doc = _Collapsed.of(text)
    origins = {i.get("origin", "prose") for i in gold.get("indicators", [])} or {"prose"}
    g_items = _gold_items(gold, doc, origins, True, None)
    p_items = _predicted_items(plan, doc, origins)
    return {g_items[gi].key: p_items[pi].key for gi, pi in _match(g_items, p_items)}


def score_document(name: str, gold: dict[str, Any], plan: dict[str, Any], text: str,
                   score: SetScore, own_lines: bool = True, reference_text: str | None = None) -> None:
    """Score one plan; `own_lines` is False when the plan was read from another rendering of the gold's
    document (its .docx or .pdf), whose line numbers differ: quotes are then found by occurrence and
    sections by title."""
    doc = _Collapsed.of(text, fuzzy=bool((plan.get("source") or {}).get("ocr_pages")))
    reference = _Collapsed.of(reference_text) if reference_text is not None and not own_lines else None
    origins = {i.get("origin", "prose") for i in gold.get("indicators", [])} or {"prose"}
    g_items = _gold_items(gold, doc, origins, own_lines, reference)
    p_items = _predicted_items(plan, doc, origins)
    matches = _match(g_items, p_items)
    used_g = {gi for gi, _ in matches}
    used_p = {pi for _, pi in matches}
    for gi, pi in matches:
        g, p = g_items[gi], p_items[pi]
        right = [a for a in ATTRIBUTES if _same(a, g.fields[a], p.fields[a])]
        for a in right:
            score.attribute_right[a] += 1
        score.strictly_right += all(a in right for a in STRICT_ATTRIBUTES)
        if len(right) == len(ATTRIBUTES):
            score.fully_right += 1
        else:
            wrong = {a: (g.fields[a], p.fields[a]) for a in ATTRIBUTES if a not in right}
            score.misses.append(f"{name}: WRONG {g.name[:50]!r} {wrong}")
    for gi, g in enumerate(g_items):
        if gi not in used_g:
            score.misses.append(f"{name}: MISSED {g.name[:60]!r} {g.fields['value']}")
    for pi, p in enumerate(p_items):
        if pi not in used_p:
            score.misses.append(f"{name}: EXTRA {p.name[:60]!r} {p.fields['value']}")
    score.documents += 1
    score.gold += len(g_items)
    score.predicted += len(p_items)
    score.matched += len(used_g)

    g_secs = gold.get("sections", [])
    p_secs = _flatten_sections(plan.get("sections", []))
    used: set[int] = set()
    for s in g_secs:
        for k, ps in enumerate(p_secs):
            if k in used or ps["label"] != s["label"] or ps["level"] != s["level"]:
                continue
            line = s.get("line") if own_lines else None
            same_title = _same_text(ps["title"].rstrip(" .:;"), s["title"].rstrip(" .:;"), doc.fuzzy)
            ok = same_title and (line is None or ps["source"]["line_start"] == line)
            if ok:
                used.add(k)
                break
        else:
            score.misses.append(f"{name}: SECTION MISSED {s['label']} {s['title'][:50]!r}")
    for k, ps in enumerate(p_secs):
        if k not in used:
            score.misses.append(f"{name}: SECTION EXTRA {ps['label']} {ps['title'][:50]!r} "
                                f"line {ps['source']['line_start']}")
    score.sections_gold += len(g_secs)
    score.sections_predicted += len(p_secs)
    score.sections_matched += len(used)
    _score_tables(name, gold, plan, doc, score, own_lines, reference)


def _same_text(a: str | None, b: str | None, fuzzy: bool = False) -> bool:
    def norm(x: str | None) -> str:
        x = "".join(_SAME.get(c, c) for c in (x or ""))
        return fold(" ".join(x.replace("- ", "-").split())).replace(" ", "")
    if fuzzy:
        from rapidfuzz import fuzz

        return fuzz.ratio(norm(a), norm(b)) >= _FUZZY_SIMILARITY
    return norm(a) == norm(b)


def _score_tables(name: str, gold: dict[str, Any], plan: dict[str, Any], doc: _Collapsed, score: SetScore,
                  own_lines: bool, reference: _Collapsed | None) -> None:
    """Tasks (title, lead units, deadline), budget items and total, and rows per table."""
    g_tasks = gold.get("tasks") or []
    p_tasks = plan.get("tasks") or []
    g_spans = _gold_spans(g_tasks, doc, own_lines, reference)
    p_spans = [doc.find(t["source"]["quote"], t["source"].get("line_start")) for t in p_tasks]
    used: set[int] = set()
    for gi, gt in enumerate(g_tasks):
        best = max((k for k in range(len(p_tasks)) if k not in used), default=None,
                   key=lambda k: _overlap(g_spans[gi], p_spans[k]))
        if best is None or _overlap(g_spans[gi], p_spans[best]) == 0:
            score.misses.append(f"{name}: TASK MISSED {gt.get('stt')} {gt['title'][:50]!r}")
            continue
        used.add(best)
        pt = p_tasks[best]
        checks = {"title": _same_text(gt["title"], pt["title"], doc.fuzzy),
                  "lead_units": _same("lead_units", gt["lead_units"], pt["lead_units"]),
                  "deadline": _same("deadline", gt.get("deadline"), pt.get("deadline"))}
        if all(checks.values()):
            score.tasks_right += 1
        else:
            wrong = {k: (gt.get(k), pt.get(k)) for k, ok in checks.items() if not ok}
            score.misses.append(f"{name}: TASK WRONG {gt.get('stt')} {wrong}")
    score.tasks_gold += len(g_tasks)
    score.tasks_predicted += len(p_tasks)
    score.tasks_matched += len(used)

    g_budget = gold.get("budget")
    p_budget = plan.get("budget") or {}
    if g_budget:
        p_items = p_budget.get("items", [])
        for k, gi in enumerate(g_budget.get("items", [])):
            pi = p_items[k] if k < len(p_items) else None
            ok = pi is not None and _same("value", gi["amount"], pi.get("amount")) and _same_text(gi["label"], pi["label"], doc.fuzzy)
            score.budget_items_right += ok
            if not ok:
                score.misses.append(f"{name}: BUDGET ITEM WRONG {gi.get('stt')} {gi['label'][:40]!r}")
        score.budget_items_gold += len(g_budget.get("items", []))
        if g_budget.get("total") is not None:
            score.budget_totals_gold += 1
            score.budget_totals_right += _same("value", g_budget["total"], p_budget.get("total"))

    # the k-th table of the gold is the k-th table that gives rows (layout tables, such as a page's header
    # block, have an index but no rows); a row is counted once, however many targets it holds (a year series)
    def rows_by_table(items: list[dict[str, Any]]) -> dict[int, set[int]]:
        found: dict[int, set[int]] = {}
        for item in items:
            ref = item["source"].get("table")
            if ref:
                found.setdefault(ref["index"], set()).add(ref["row"])
        return found

    table_items = [i for i in plan.get("indicators", []) if i.get("origin") == "table"]
    predicted = {kind: [rows for _, rows in sorted(rows_by_table(items).items())]
                 for kind, items in (("indicators", table_items), ("tasks", p_tasks))}
    for table in gold.get("tables") or []:
        kind = table["kind"]
        nth = sum(1 for t in (gold.get("tables") or []) if t["kind"] == kind and t["index"] < table["index"])
        rows_of_kind = predicted.get(kind)
        count = len(p_budget.get("items", [])) if rows_of_kind is None else (
            len(rows_of_kind[nth]) if nth < len(rows_of_kind) else 0)
        score.tables_gold += 1
        if count == table["data_rows"]:
            score.tables_rows_right += 1
        else:
            score.misses.append(f"{name}: TABLE {table['index']} ROWS {count} != {table['data_rows']}")


def _document_of(gold_path: Path, gold: dict[str, Any]) -> Path:
    """The document a gold file scores: its "document" under the repository's corpus/ (golden/x.json →
    corpus/…, golden/real/x.json → corpus/real/… named "real/…") or beside it; a development-set gold
    file's document is docs/<stem>.txt in the set's folder."""
    if "document" in gold:
        folders = [parent / "corpus" for parent in gold_path.parents[1:4]] + [gold_path.parent]
        document = str(gold["document"])
        for folder in folders:
            candidate = folder / document
            if candidate.exists():
                return candidate
        return folders[0] / document
    return gold_path.parent.parent / "docs" / (gold_path.stem + ".txt")


def evaluate_folder(name: str, gold_dir: Path, output_dir: Path | None = None,
                    documents: dict[str, Path] | None = None, stems: Iterable[str] | None = None,
                    workers: int = 1) -> SetScore:
    """Score every gold file of `gold_dir` (or those named by `stems`).

    The prediction for `<stem>` is `output_dir/<stem>.json` if `output_dir` is given, else the
    extraction of the gold file's document (or of `documents[stem]`, to score another copy of it);
    `workers` pages of a scan are read by OCR at once.
    """
    from .pipeline import run

    score = SetScore(name)
    wanted = set(stems) if stems is not None else None
    for gold_path in sorted(gold_dir.glob("*.json")):
        if wanted is not None and gold_path.stem not in wanted:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        other = (documents or {}).get(gold_path.stem)
        doc_path = other or _document_of(gold_path, gold)
        source = read_path(doc_path, workers=workers)
        text = source.text
        if output_dir is not None:
            # named by the gold's stem, or as extract and batch name outputs: <file name>.json, <path>.json
            named = [output_dir / f"{gold_path.stem}.json", output_dir / f"{doc_path.name}.json",
                     output_dir / f"{gold.get('document', '')}.json"]
            out = next((o for o in named if o.is_file()), named[0])
            if not out.exists():
                score.no_output.append(gold_path.stem)
            plan = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"indicators": [],
                                                                                    "sections": []}
        else:
            plan = run(source).model_dump(mode="json")
        own = other is None or other.suffix.lower() in {".txt", ".md", ".markdown"}
        if other is None and source.ocr_pages:  # a scan's own gold, typed from its page images
            own = False
        reference = None if own or other is None else read_path(_document_of(gold_path, gold)).text
        score_document(gold_path.stem, gold, plan, text, score, own_lines=own, reference_text=reference)
    return score


def render_table(scores: list[SetScore]) -> str:
    width = max([18, *(len(s.name) + 2 for s in scores)])  # a long set name never runs into its figures
    header = (f"{'set':<{width}}{'docs':>5}{'gold':>6}{'pred':>6}{'match':>6}{'P':>7}{'R':>7}{'F1':>7}"
              f"{'strict':>7}{'fully':>7}{'sec P':>7}{'sec R':>7}{'sec F1':>7}")
    lines = [header, "-" * len(header)]
    for s in scores:
        m = s.metrics()
        lines.append(f"{s.name:<{width}}{s.documents:>5}{s.gold:>6}{s.predicted:>6}{s.matched:>6}"
                     f"{m['indicator_precision']:>7.3f}{m['indicator_recall']:>7.3f}{m['indicator_f1']:>7.3f}"
                     f"{m['strict_f1']:>7.3f}{m['fully_right']:>7.3f}{m['section_precision']:>7.3f}{m['section_recall']:>7.3f}"
                     f"{m['section_f1']:>7.3f}")
    lines.append("")
    lines.append(f"{'tables':<{width}}{'tasks':>6}{'F1':>7}{'right':>7}{'budget':>8}{'total':>7}{'rows':>7}")
    for s in scores:
        m = s.metrics()
        if s.tasks_gold or s.budget_items_gold or s.tables_gold:
            lines.append(f"{s.name:<{width}}{s.tasks_gold:>6}{m['task_f1']:>7.3f}{m['task_right']:>7.3f}"
                         f"{m['budget_items_right']:>8.3f}{m['budget_total_right']:>7.3f}{m['table_rows_right']:>7.3f}")
    lines.append("")
    lines.append("attribute accuracy on matched indicators:")
    for s in scores:
        m = s.metrics()
        lines.append(f"  {s.name:<{width}} " + "  ".join(f"{a}={m['attr_' + a]:.3f}" for a in ATTRIBUTES))
    return "\n".join(lines)


# --- the gate ---------------------------------------------------------------------------------------

def check_floors(scores: list[SetScore], baseline: dict[str, Any]) -> list[str]:
    """The metrics that fell below their floor (by more than `EPSILON`)."""
    failures = []
    for s in scores:
        floors = baseline.get("floors", {}).get(s.name, {})
        m = s.metrics()
        for metric, floor in floors.items():
            if m[metric] + EPSILON < floor:
                failures.append(f"{s.name}.{metric} = {m[metric]:.4f} < floor {floor:.4f}")
    return failures


def updated_baseline(scores: list[SetScore], baseline: dict[str, Any], allow_regression: bool,
                     digests: dict[str, str]) -> dict[str, Any]:
    """New floors at the current scores; refuses to lower one unless `allow_regression`."""
    floors = {k: dict(v) for k, v in baseline.get("floors", {}).items()}
    lowered = []
    for s in scores:
        m = s.metrics()
        current = floors.setdefault(s.name, {})
        for metric in GATED_METRICS:
            new = math.floor(m[metric] * 10000) / 10000
            old = current.get(metric)
            if old is not None and new + EPSILON < old and not allow_regression:
                lowered.append(f"{s.name}.{metric}: {old:.4f} → {new:.4f}")
                continue
            current[metric] = new
    if lowered:
        raise ValueError("refusing to lower floors without --allow-regression: " + "; ".join(lowered))
    data = dict(baseline.get("data_sha256", {})) if isinstance(baseline.get("data_sha256"), dict) else {}
    data.update(digests)
    return {"epsilon": EPSILON, "data_sha256": data, "floors": floors}


def set_digest(gold_dir: Path) -> str:
    """SHA-256 of a gold folder's files and of the documents they score, and nothing else: a gold set
    in a sub-folder (golden/real) or a stray file beside the documents does not move another set's."""
    h = hashlib.sha256()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold_bytes = gold_path.read_bytes()
        h.update(gold_path.name.encode())
        h.update(gold_bytes)
        document = _document_of(gold_path, json.loads(gold_bytes))
        if document.is_file():
            h.update(document.name.encode())
            h.update(document.read_bytes())
    return h.hexdigest()


def plan_json(plan: PlanDocument) -> str:
    return plan.model_dump_json(indent=2)


@dataclass(slots=True)
class AlignmentScore:
    """Agreement of an alignment with one written by hand, over pairs of targets of different plans that
    are put in one canonical indicator. Predicted targets that match no gold indicator are left out (that
    is extraction's error, scored above); hand pairs whose targets were not extracted count as missed."""

    hand_pairs: int = 0
    predicted_pairs: int = 0
    agreed: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.agreed / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.agreed / self.hand_pairs if self.hand_pairs else 1.0


def score_alignment(hand: dict[str, Any], groups: Iterable[Iterable[tuple[str, str]]],
                    golds: dict[str, dict[str, Any]], plans: dict[str, dict[str, Any]],
                    texts: dict[str, str]) -> AlignmentScore:
    """Score predicted `groups` (each a list of (document stem, indicator id)) against the `hand` alignment
    (groups of members {document, line, name} naming gold indicators); `golds`, `plans` and `texts` give
    each document's gold, predicted plan (as JSON data) and text."""
    gold_of_prediction: dict[tuple[str, str], tuple[str, int]] = {}
    for stem, plan in plans.items():
        for index, pred_id in matched_indicators(golds[stem], plan, texts[stem]).items():
            gold_of_prediction[(stem, pred_id)] = (stem, index)

    def line_of(stem: str, entry: dict[str, Any]) -> int | None:
        # gold files without line numbers (the devset's) are placed by their quote
        if entry.get("line") is not None:
            return int(entry["line"])
        at = texts[stem].find(entry.get("quote") or "\0")
        return texts[stem].count("\n", 0, at) + 1 if at >= 0 else None

    def gold_index(member: dict[str, Any]) -> tuple[str, int]:
        entries = golds[member["document"]]["indicators"]
        for k, e in enumerate(entries):
            if line_of(member["document"], e) == member["line"] and e.get("name") == member["name"]:
                return member["document"], k
        raise ValueError(f"hand alignment names no gold indicator: {member}")

    def cross_pairs(members: list[tuple[str, int]]) -> set[frozenset[tuple[str, int]]]:
        return {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:] if a[0] != b[0]}

    hand_pairs: set[frozenset[tuple[str, int]]] = set()
    for group in hand["groups"]:
        hand_pairs |= cross_pairs([gold_index(m) for m in group["members"]])
    predicted: set[frozenset[tuple[str, int]]] = set()
    for group in groups:
        members = [gold_of_prediction[m] for m in group if m in gold_of_prediction]
        predicted |= cross_pairs(members)

    def label(pair: frozenset[tuple[str, int]]) -> str:
        return " ~ ".join(f"{d[:3]}:{golds[d]['indicators'][k]['name'][:50]!r}" for d, k in sorted(pair))

    score = AlignmentScore(len(hand_pairs), len(predicted), len(hand_pairs & predicted))
    score.wrong = sorted(label(p) for p in predicted - hand_pairs)
    score.missed = sorted(label(p) for p in hand_pairs - predicted)
    return score
