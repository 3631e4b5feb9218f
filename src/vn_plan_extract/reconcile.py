"""Reconcile: one target stated several times becomes one Indicator; tasks are linked to their targets.

A target the plan states more than once (a page title and its body, a list and a duty, its target
table, again in a task row) is one Indicator, from its most complete statement, with the deadline and
units the other mentions add (CONTRACT.md). A table row is more complete than prose; among prose
statements the one with an explicit comparator and the longer name wins. A target only a task row
states becomes an indicator of its own.

This stage takes the extraction stages' values and returns new ones; what it was given is unchanged.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

import regex

from .document import frozen
from .extraction.quantities import find_quantities
from .extraction.table_items import TableItems
from .lexicon.agencies import canonical_agency
from .lexicon.targets import UNIT_SCALES
from .lexicon.text import expand_abbreviations, fold
from .models import Comparator, Indicator, Origin, Source, Target, Task

#: Names of two prose statements of one target share this much of their words (Jaccard, overlap coefficient).
_SAME_NAME_JACCARD = 0.5
_SAME_NAME_OVERLAP = 0.7
#: … or one name is (nearly) contained in the other and is not a mere word or two.
_SAME_NAME_CONTAINED = 0.9
_MIN_CONTAINED_WORDS = 5
_NON_WORD_RE = regex.compile(r"[^\w/]+")
_NUMBER_RE = regex.compile(r"\d+")
#: A rate named without what it is the rate of (folded): it says nothing of which target it is.
_SUBJECTLESS_RE = regex.compile(r"(?:toc do )?(?:tang|giam)(?: truong)?(?: binh quan)?(?: (?:hang|hang|moi) nam)?")
#: Two names that each have this many content words the other lacks name two things, however alike.
_OWN_WORDS = 2


@frozen
class Reconciled:
    """Every target once, and every task with the ids of the targets it states (ids provisional: the
    assembler numbers them in document order)."""

    indicators: list[Indicator]
    tasks: list[Task]


def reconcile(prose: list[Indicator], tables: TableItems, plan_year: int | None,
              headline: tuple[int, int] | None = None) -> Reconciled:
    """Merge the statements of each target and link tasks to targets. `headline` is the line range of the
    text's first block: a web page's title, whose targets the story under it states again."""
    table_rows = [_own(ind) for ind in tables.indicators]
    kept_prose = merge_prose_into_tables(_merge_repeats(prose, headline), table_rows)
    indicators = [ind.model_copy(update={"id": f"ind-{k:03d}"})
                  for k, ind in enumerate(_in_document_order(kept_prose + table_rows), 1)]
    tasks = [t.model_copy(update={"id": f"task-{k:03d}", "indicator_ids": list(t.indicator_ids)})
             for k, t in enumerate(tables.tasks, 1)]
    indicators += link_tasks(tasks, indicators, tables.output_sources, plan_year)
    return Reconciled(indicators, tasks)


def _own(ind: Indicator) -> Indicator:
    """A copy of an indicator whose parts this stage changes (its target, its lists of bodies) are its own;
    a deep copy would copy its source and group too, a third of the stage's time."""
    return ind.model_copy(update={"target": ind.target.model_copy(), "lead_units": list(ind.lead_units),
                                  "support_units": list(ind.support_units),
                                  "monitor_units": list(ind.monitor_units)})


def _in_document_order(indicators: list[Indicator]) -> list[Indicator]:
    return sorted(indicators, key=lambda i: (i.source.line_start, i.source.table.row if i.source.table else 0))


def _same_target(a: Indicator, b: Indicator) -> bool:
    """Two statements of one target: same value, unit and year, compatible comparators, alike names, in
    different places (a list states each of its parts once: two items of one line are two targets)."""
    ta, tb = a.target, b.target
    if a.source.line_start <= b.source.line_end and b.source.line_start <= a.source.line_end:
        return False
    if a.qualitative and b.qualitative:
        # a photo caption or a page title repeating an end state of the body, word for word
        na, nb = fold(a.name), fold(b.name)
        return a.target_year == b.target_year and bool(na) and (na in nb or nb in na)
    if a.qualitative or b.qualitative or (ta.value, ta.value_max, ta.unit) != (tb.value, tb.value_max, tb.unit):
        return False
    if (a.target_year != b.target_year and None not in (a.target_year, b.target_year)) or (
            ta.comparator != tb.comparator and Comparator.eq not in (ta.comparator, tb.comparator)):
        return False  # a page's title may leave out the year its body gives
    wa, wb = set(fold(a.name).split()), set(fold(b.name).split())
    if not wa or not wb or _SUBJECTLESS_RE.fullmatch(fold(a.name)) or _SUBJECTLESS_RE.fullmatch(fold(b.name)):
        return False  # "tốc độ tăng bình quân" of two list items: each the rate of what its item names
    numbers_a, numbers_b = set(_NUMBER_RE.findall(a.name)), set(_NUMBER_RE.findall(b.name))
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False  # "… tiểu học mức độ 3" and "… trung học cơ sở mức độ 2", "trẻ 5 tuổi" and "trẻ 11 tuổi"
    places_a, places_b = _proper_names(a.name), _proper_names(b.name)
    if places_a and places_b and places_a != places_b:
        return False  # "… ở ấp Bình Lợi đạt 80%" and "… ở ấp Tân Hòa đạt 80%": one value, two hamlets
    own_a, own_b = _syllables(a.name), _syllables(b.name)
    if len(own_a - own_b) >= _OWN_WORDS and len(own_b - own_a) >= _OWN_WORDS:
        return False  # "Tỷ lệ cảng biển sử dụng nền tảng số …" and "Tỷ lệ cửa khẩu …": each names its own thing
    common = len(wa & wb)
    overlap = common / min(len(wa), len(wb))
    if overlap >= _SAME_NAME_CONTAINED and min(len(wa), len(wb)) >= _MIN_CONTAINED_WORDS:
        return True  # a page title "80% hồ sơ … trực tuyến" and the body's longer name for it
    return common / len(wa | wb) >= _SAME_NAME_JACCARD and overlap >= _SAME_NAME_OVERLAP


def _merge_repeats(indicators: list[Indicator], headline: tuple[int, int] | None = None) -> list[Indicator]:
    """A target stated twice (a page title and its body, a list and a duty) is one indicator.

    The body's statement is kept over a page title's (the plan's words, not the news's), else the most
    complete one (the longer name, the explicit comparator), with the lead units and deadline the other
    statement adds.
    """

    def rank(ind: Indicator) -> tuple[bool, tuple[int, int]]:
        in_headline = headline is not None and headline[0] <= ind.source.line_start <= headline[1]
        return not in_headline, _completeness(ind)

    out: list[Indicator] = []
    # only statements with the same value, bound and unit can be one target (`_same_target`): each is
    # compared with those, not with every one kept so far (a list of 4 000 targets is not 8 million checks)
    alike: dict[tuple[object, ...], list[int]] = {}
    numbered: dict[tuple[object, ...], list[int]] = {}  # … and with the same numbers in their names
    for ind in indicators:
        key = _repeat_key(ind)
        numbers = frozenset(_NUMBER_RE.findall(ind.name))
        # names with other numbers in them are other targets ("… mức độ 3", "… mức độ 2")
        same_numbers = numbered.get((key, numbers), []) + numbered.get((key, frozenset()), [])
        candidates = sorted(same_numbers) if numbers else alike.get(key, [])
        twin = next((k for k in candidates if _same_target(out[k], ind)), None)
        if twin is None:
            alike.setdefault(key, []).append(len(out))
            numbered.setdefault((key, numbers), []).append(len(out))
            out.append(ind)
            continue
        kept = out[twin]
        richer, other = (ind, kept) if rank(ind) > rank(kept) else (kept, ind)
        merged = _own(richer)
        for u in other.lead_units:
            if u not in merged.lead_units:
                merged.lead_units.append(u)
        merged.deadline = merged.deadline or other.deadline
        out[twin] = merged
    return out


def _repeat_key(ind: Indicator) -> tuple[object, ...]:
    """What two statements of one target share: a quantitative one's value, bound and unit (qualitative
    ones are compared by their names, all with all: a plan states few)."""
    if ind.qualitative:
        return ("qualitative",)
    t = ind.target
    return (t.value, t.value_max, t.unit)


def _completeness(ind: Indicator) -> tuple[int, int]:
    return (ind.target.comparator is not Comparator.eq, len(ind.name.split()))


# --- one target, several statements -----------------------------------------------------------------

#: Two statements of one target share this much of their content words (overlap coefficient).
_RESTATEMENT_OVERLAP = 0.6
_MIN_SHARED_WORDS = 2
#: A task's value is the indicator's when their words overlap this much.
_TASK_LINK_OVERLAP = 0.5
#: Words every target name has; they say nothing about which target it is (folded).
_FUNCTION_WORDS = frozenset({
    "ty", "ti", "le", "tren", "dia", "ban", "xa", "phuong", "cua", "cac", "duoc", "va", "co", "cho", "trong", "tai",
    "voi", "dat", "tu", "den", "la", "nhung", "mot", "muc", "do", "nguoi", "so", "dam", "bao",
})


_PROPER_WORD_RE = regex.compile(r"(?<=\S\s+)\p{Lu}\p{Ll}+")


@lru_cache(maxsize=4096)
def _proper_names(text: str) -> frozenset[str]:
    """The capitalised words inside a name, past its first ("Bình Lợi", "Tân Hòa"): the places and
    bodies it is about."""
    return frozenset(_PROPER_WORD_RE.findall(text))


@lru_cache(maxsize=4096)
def _syllables(text: str) -> frozenset[str]:
    """A name's syllables with their marks ("cửa" is not "của"), less the words every name has."""
    return frozenset(w for w in _NON_WORD_RE.split(expand_abbreviations(text).lower()) if len(w) > 1 and not w.isdigit()
                     and w not in _NAME_FUNCTION_SYLLABLES)


#: Syllables of every target name, with their marks: they say nothing about which thing it is.
_NAME_FUNCTION_SYLLABLES = frozenset({
    "tỷ", "tỉ", "lệ", "của", "các", "và", "được", "có", "cho", "trong", "tại", "với", "đạt", "từ", "đến", "là",
    "những", "một", "trên", "địa", "bàn", "số", "người", "đảm", "bảo",
})


@lru_cache(maxsize=65536)  # every task is compared with every target: each name is asked for many times
def _words(text: str) -> frozenset[str]:
    folded = fold(expand_abbreviations(text))
    return frozenset(w for w in _NON_WORD_RE.split(folded)
                     if len(w) > 1 and not w.isdigit() and w not in _FUNCTION_WORDS)


def _compatible(a: Indicator, comparator: str | None, value: float | None, unit: str | None) -> bool:
    t = a.target
    if t.value is None or value is None:
        return False
    mine = t.comparator.value if t.comparator else None
    if not _same_amount(float(t.value), t.unit, float(value), unit):
        # "trên 3,9 triệu USD" in the text, "3.950" Nghìn USD in the annex: a rounded restatement
        return _rounded_restatement(float(t.value), t.unit, float(value), unit, comparator)
    return mine == comparator or "=" in (mine, comparator)


def _same_amount(a: float, unit_a: str | None, b: float, unit_b: str | None) -> bool:
    ua, ub = fold(unit_a or "%"), fold(unit_b or "%")
    if ua == ub:
        return a == b
    sa, sb = UNIT_SCALES.get(ua), UNIT_SCALES.get(ub)
    if sa is None or sb is None or sa[0] != sb[0]:
        return False
    return abs(a * sa[1] - b * sb[1]) <= _SCALE_TOLERANCE * max(abs(a * sa[1]), abs(b * sb[1]))


#: Relative difference allowed between one amount written at two scales (rounding of the smaller unit).
_SCALE_TOLERANCE = 1e-9
#: How far above a rounded "trên X" (in a larger unit) the exact amount of a table may be.
_ROUNDING_MARGIN = 0.05


def _rounded_restatement(table_value: float, table_unit: str | None, value: float, unit: str | None,
                         comparator: str | None) -> bool:
    """A text's "trên 33 triệu USD" for a table's 33.040 Nghìn USD: another scale, rounded down, the
    table's amount above it by a little."""
    st, sp = UNIT_SCALES.get(fold(table_unit or "")), UNIT_SCALES.get(fold(unit or ""))
    if st is None or sp is None or st[0] != sp[0] or st[1] == sp[1] or comparator not in {">", ">="}:
        return False
    exact, rounded = table_value * st[1], value * sp[1]
    return rounded <= exact <= rounded * (1 + _ROUNDING_MARGIN)


def _overlap(name: str, text: str) -> float:
    a, b = _words(name), _words(text)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= _MIN_SHARED_WORDS else 0.0


def _names_the_row(text: str, table_name: str) -> bool:
    """Does a statement name the thing of a row of a series table ("Chuối" of "Chuối: Lượng")?"""
    if ": " not in table_name:
        return False
    thing = _words(table_name.split(": ", 1)[0])
    return bool(thing) and thing <= _words(text)


def _narrower(specific: str, general: str) -> bool:
    """Does `specific` name all of `general` and qualify it further (a different, narrower target)?"""
    a, b = _words(specific), _words(general)
    return bool(b) and b <= a and len(a - b - _NOT_QUALIFYING) >= _MIN_SHARED_WORDS


#: Words a longer name may add without naming a narrower thing ("tổng giá trị sản phẩm Xoài tham gia xuất
#: khẩu dự kiến" is the row "Xoài: Giá trị tham gia xuất khẩu"), folded.
_NOT_QUALIFYING = frozenset({"tong", "san", "pham", "du", "kien", "so", "luong"})


def _add_units(target: list[str], extra: list[str], also: list[str]) -> None:
    known = {fold(canonical_agency(u) or u) for u in target + also}
    for u in extra:
        key = fold(canonical_agency(u) or u)
        if key not in known:
            target.append(u)
            known.add(key)


class _AmountIndex:
    """Table targets by amount, so that a prose target is compared only with the rows that can state
    the same amount (`_compatible`: the same value in the same unit, or at another scale of it, exactly
    or rounded down by up to `_ROUNDING_MARGIN`), not with every row of every table."""

    def __init__(self, table: list[Indicator]) -> None:
        self.exact: dict[tuple[str, float], list[tuple[int, Indicator]]] = {}
        scaled: dict[str, list[tuple[float, int, Indicator]]] = {}
        for k, t in enumerate(table):
            if t.target.value is None:
                continue
            unit = fold(t.target.unit or "%")
            self.exact.setdefault((unit, float(t.target.value)), []).append((k, t))
            scale = UNIT_SCALES.get(unit)
            if scale is not None:
                scaled.setdefault(scale[0], []).append((float(t.target.value) * scale[1], k, t))
        self.scaled = {family: sorted(rows, key=lambda x: (x[0], x[1])) for family, rows in scaled.items()}
        self.keys = {family: [a for a, _, _ in rows] for family, rows in self.scaled.items()}

    def near(self, value: float | None, unit: str | None) -> list[Indicator]:
        """The rows that may state `value` `unit`, in table order."""
        if value is None:
            return []
        folded = fold(unit or "%")
        found = dict(self.exact.get((folded, float(value)), []))
        scale = UNIT_SCALES.get(folded)
        if scale is not None and scale[0] in self.scaled:
            base = float(value) * scale[1]
            low, high = sorted((base * (1 - 1e-6), base * (1 + _ROUNDING_MARGIN + 1e-6)))
            keys = self.keys[scale[0]]
            for _, k, t in self.scaled[scale[0]][bisect_left(keys, low):bisect_right(keys, high)]:
                found[k] = t
        return [found[k] for k in sorted(found)]


def merge_prose_into_tables(prose: list[Indicator], table: list[Indicator]) -> list[Indicator]:
    """Prose statements of a table target are dropped; the table row keeps their bodies and deadline."""
    kept: list[Indicator] = []
    rows = _AmountIndex(table)
    for p in prose:
        if p.qualitative:
            kept.append(p)
            continue
        best, score = None, 0.0
        for t in rows.near(p.target.value, p.target.unit):
            if t.target_year not in (None, p.target_year) or not _compatible(
                    t, p.target.comparator.value if p.target.comparator else None, p.target.value, p.target.unit):
                continue
            if _narrower(p.name, t.name):
                continue  # "… không dùng tiền mặt trong khám chữa bệnh" is not the general cashless target
            s = _overlap(p.name, t.name)
            if _names_the_row(p.name, t.name):
                s = max(s, _RESTATEMENT_OVERLAP)  # "Tổng sản phẩm Chuối tham gia xuất khẩu" and row "Chuối: Lượng"
            if s > score:
                best, score = t, s
        if best is None or score < _RESTATEMENT_OVERLAP:
            kept.append(p)
            continue
        _add_units(best.lead_units, p.lead_units, [])
        best.deadline = best.deadline or p.deadline
        # the comparator stays the cell's: the table states the planned amount, the text's "trên 12.000
        # tấn" restates it loosely (and "trên 33 triệu USD" bounds a rounded amount)
    return kept


def _unit_matches(ind: Indicator, unit: str | None) -> bool:
    """A qualitative row counted in a unit ("Mô hình", "Có triển khai") and a task's "01 mô hình …"."""
    return bool(ind.qualitative and ind.target.unit and unit and fold(unit).startswith(fold(ind.target.unit)))


def link_tasks(tasks: list[Task], indicators: list[Indicator],
               output_sources: dict[int, Source] | None = None, plan_year: int | None = None) -> list[Indicator]:
    """Link each task to the targets it states; a target stated only by a task becomes an indicator.

    The linked indicator takes the task's deadline and bodies, and an explicit comparator ("tối thiểu
    đạt 25%") where the table wrote a bare value.
    """
    new: list[Indicator] = []
    for position, task in enumerate(tasks):
        text = " ".join(x for x in (task.title, task.output or "") if x)
        quantities = [q for q in find_quantities(text, 0, len(text))
                      if q.percent or q.comparator_word or q.after_comparator]
        linked: list[Indicator] = []
        for k, q in enumerate(quantities):
            # the words around this value, up to the neighbouring values and clause ends (";")
            lo = max(quantities[k - 1].end if k else 0, text.rfind(";", 0, q.start) + 1)
            hi = quantities[k + 1].start if k + 1 < len(quantities) else len(text)
            semicolon = text.find(";", q.end, hi)
            window = text[lo:semicolon if semicolon >= 0 else hi]
            best, score = None, 0.0
            for ind in indicators + new:
                if not (_compatible(ind, q.comparator, q.value, q.unit or None) or _unit_matches(ind, q.unit)):
                    continue
                s = _overlap(ind.name, window)
                if s > score:
                    best, score = ind, s
            if best is None or score < _TASK_LINK_OVERLAP:
                # the same value said twice by one task ("tối thiểu đạt 25%" … "Đạt tỷ lệ 25%")
                best = next((i for i in linked if i.target.value is not None and float(i.target.value) == float(q.value)),
                            None)
            if best is not None:
                if best not in linked:
                    linked.append(best)
                if best.id not in task.indicator_ids:
                    task.indicator_ids.append(best.id)
                best.deadline = best.deadline or task.deadline
                if best.target.comparator == Comparator.eq and q.comparator in {">=", ">", "<=", "<"} and not best.qualitative:
                    best.target.comparator = Comparator(q.comparator)
                _add_units(best.lead_units, task.lead_units, best.support_units + best.monitor_units)
                _add_units(best.support_units, task.support_units, best.lead_units + best.monitor_units)
                continue
            in_output = bool(task.output) and q.start > len(task.title)
            name = task.output if in_output and task.output else task.title
            src = (output_sources or {}).get(position) if in_output else None
            ind = Indicator(
                id=f"{task.id}-{len(new)}", name=" ".join(name.split()),
                target=Target(comparator=Comparator(q.comparator), value=q.value, value_max=q.value_max,
                              unit=q.unit, text=text[q.start:q.end]),
                target_year=(task.deadline.year if task.deadline and task.deadline.year else plan_year),
                section_path=task.section_path, lead_units=list(task.lead_units),
                support_units=list(task.support_units), deadline=task.deadline, origin=Origin.table,
                group=task.group, source=src or task.source,
            )
            new.append(ind)
            linked.append(ind)
            task.indicator_ids.append(ind.id)
    return new
