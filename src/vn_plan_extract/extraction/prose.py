"""Prose indicators with their context: target year, section path, lead units, deadline.

Where the year comes from, in order: the target's own words, its sentence, a goal sentence earlier in
its paragraph ("Mục tiêu tổng quát năm 2023 phấn đấu …"), an introduction above it in its section
("phấn đấu đạt các mốc sau trong năm 2026:"), the nearest heading with a year ("2.1)- Đến hết năm
2025"), and last the plan's own year.
"""

from __future__ import annotations

import regex

from ..document import SourceText, frozen, span_of
from ..lexicon.agencies import AGENCY_HEAD_RE, agency_is_exact, canonical_agency, leading_agency
from ..lexicon.targets import CONDITIONS_HEADING_RE, EXISTENCE_RE, GOAL_WORDS, VISION_YEAR_RE
from ..models import Comparator, Indicator, Origin, Source, Target
from ..structure import Role, StructuredDocument
from .deadlines import parse_deadline
from .responsibilities import responsibility_sections, unit_of_heading
from .targets import ProseTarget, first_year, targets_in_block

_ITEM_MARKER_RE = regex.compile(r"^(?:[-–—+*•]\s*|\(\d{1,2}\)\s*)")
_COORDINATE_RE = regex.compile(r"^Phối\s+hợp(?:\s+với)?\s+", regex.IGNORECASE)
#: "Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành; UBND các huyện … tổ chức, triển khai thực hiện đạt
#: các chỉ tiêu sau:": the bodies required to reach the targets listed next.
_REQUIRED_BODIES_RE = regex.compile(
    r"\b(?:yêu\s+cầu|giao)\s+(?P<units>.+?)\s+(?:tổ\s+chức|triển\s+khai|thực\s+hiện|phấn\s+đấu)[^:]*?"
    r"(?:chỉ\s+tiêu|mục\s+tiêu)[^:]*:\s*$",
    regex.IGNORECASE,
)
#: "giao chỉ tiêu … cho các sở, ban, ngành, địa phương thuộc tỉnh giai đoạn 2022-2025"
_ASSIGNED_TO_RE = regex.compile(
    r"giao\s+chỉ\s+tiêu\b.*?\bcho\s+(?P<units>.+?)(?=\s+giai\s+đoạn|\s*,\s*theo\s+đó|\s*;|\.\s|$)",
    regex.IGNORECASE,
)

#: "Kế hoạch yêu cầu các cơ quan, đơn vị; các xã, thị trấn triển khai …. Trong đó phấn đấu …": the bodies a
#: plan requires to carry it out lead the targets that follow in the paragraph.
_REQUIRED_TO_RE = regex.compile(
    r"(?<!\w)yêu\s+cầu\s+(?P<units>(?:các|UBND|Ủy\s+ban|Phòng|Sở|Ban)\b[^.:]{1,120}?)\s+(?:triển\s+khai|thực\s+hiện|tổ\s+chức)(?!\w)")
_SEMICOLON_RE = regex.compile(r"\s*;\s*")
#: "… UBND các huyện, thành, thị và các cơ quan liên quan": "và" before another body separates two.
_AND_BODY_RE = regex.compile(r"\s+và\s+(?=các\s|UBND|Ủy\s+ban|Sở|Phòng)")
#: "Mục tiêu chung": general aims, no checkable targets.
#: A heading over a list of targets ("CÁC CHỈ TIÊU CHỦ YẾU CỦA NĂM 2022", "1. Chỉ tiêu về kinh tế").
#: ("Thông số (chỉ tiêu), tần suất quan trắc" names measured parameters, not targets.)
_TARGETS_LIST_RE = regex.compile(r"(?<!\(\s*)chỉ\s+tiêu(?!\s*\))", regex.IGNORECASE)
#: Headings of general aims ("Mục tiêu chung", "Mục đích, yêu cầu"): a state to keep ("không để xảy ra …")
#: stated there is a target, an item opening with "Có …" or "Hoàn thành …" is an aim.
_GENERAL_RE = regex.compile(r"chung\b|mục\s+đích", regex.IGNORECASE)
_SENTENCE_RE = regex.compile(r"[^.]+")

@frozen
class _Context:
    goal: bool
    years: tuple[int | None, ...]  # candidate years from the nearest context outward


def _split_units(text: str) -> list[str]:
    parts: list[str] = []
    for piece in _SEMICOLON_RE.split(text):
        parts.extend(p for p in _AND_BODY_RE.split(piece) if p)
    return [" ".join(p.split()).strip(" ,.") for p in parts if p.strip(" ,.")]


def _year_of_text(text: str) -> int | None:
    """The year a heading, an introduction or a goal sentence sets: its first point year, else its first
    period's end; base years ("so với năm 2019") and dates of events are not."""
    return first_year(text, 0, len(text))


#: A heading of what is to be done ("Nội dung thi đua"): what is under it may be targets.
_CONTENTS_RE = regex.compile(r"^nội\s+dung", regex.IGNORECASE)


def _under_conditions(conditions: list[bool | None], chain: list[int]) -> bool:
    """Is a block in a section of conditions? The nearest heading that says either way decides (None: a
    heading of contents or goals; True: of conditions; False: says nothing)."""
    for a in chain:
        if conditions[a]:
            return True
        if conditions[a] is None:
            return False
    return False


def _heading_parents(doc: StructuredDocument) -> list[int]:
    """Each heading's parent: the nearest heading above it of a higher level (a stack of the open
    headings, not a walk back over every sibling)."""
    parents: list[int] = []
    open_headings: list[int] = []
    for i, h in enumerate(doc.headings):
        while open_headings and doc.headings[open_headings[-1]].level >= h.level:
            open_headings.pop()
        parents.append(open_headings[-1] if open_headings and h.kind != "appendix" else -1)
        open_headings.append(i)
    return parents


def _ancestors(parents: list[int], h: int) -> list[int]:
    out = []
    while h >= 0:
        out.append(h)
        h = parents[h]
    return out


def extract_prose_indicators(doc: StructuredDocument, plan_year: int | None,
                             plan_period: bool = False) -> list[Indicator]:
    source = doc.normalised.source
    parents = _heading_parents(doc)
    heading_year = [_year_of_text(h.title) for h in doc.headings]
    heading_goal = [bool(GOAL_WORDS.search(h.title)) and not _GENERAL_RE.search(h.title)
                    for h in doc.headings]
    heading_goal_any = [bool(GOAL_WORDS.search(h.title)) for h in doc.headings]
    heading_list = [bool(_TARGETS_LIST_RE.search(h.title)) for h in doc.headings]
    owners = responsibility_sections(doc)
    has_headings = bool(doc.headings)

    intro_years: dict[int, int] = {}  # section heading index (or -1) → year set by an introduction
    doc_goal_seen = False
    required_bodies: list[str] = []
    out: list[Indicator] = []
    section_of_target: list[int] = []  # the heading each target is under, by its place in `out`
    # sections of award and evaluation rules: their numbers are conditions, not targets ("IV. KHEN THƯỞNG",
    # "3. Tiêu chí đánh giá, xếp loại"); a nearer heading of contents or goals ("1. Nội dung thi đua")
    # under a heading that names both is not one
    conditions = [None if _CONTENTS_RE.search(h.title) or GOAL_WORDS.search(h.title)
                  else bool(CONDITIONS_HEADING_RE.search(h.title)) for h in doc.headings]
    for i, block in enumerate(doc.blocks):
        if doc.roles[i] is not Role.BODY:
            continue
        text = block.text
        h = doc.section_of[i]
        chain = _ancestors(parents, h)
        if _under_conditions(conditions, chain):
            continue
        goal_words_here = bool(GOAL_WORDS.search(text))
        doc_goal_seen = doc_goal_seen or goal_words_here
        goal = (any(heading_goal_any[a] for a in chain) if chain and has_headings
                else doc_goal_seen)
        existence_goal = any(heading_goal[a] for a in chain) if has_headings else doc_goal_seen
        targets = targets_in_block(i, block, goal, any(heading_list[a] for a in chain) if has_headings else False)
        if not existence_goal:
            targets = [t for t in targets if not (t.qualitative and t.name and EXISTENCE_RE.match(t.text))]

        # An introduction ending with ":" sets the year (and maybe the bodies) of what follows it.
        if not targets and goal_words_here:
            # "Trong năm 2018, … đạt 22/25 chỉ tiêu. … đã đề ra chỉ tiêu cho năm 2019 như sau:" is for 2019
            y = _lead_in_year(text) or _year_of_text(text)
            if y:
                intro_years[h] = y
        m = _REQUIRED_BODIES_RE.search(text) if text.endswith(":") else None  # it ends with ":"
        if m:
            required_bodies = _split_units(m.group("units"))
        if not targets:
            continue

        # the years goal sentences set; a vision's ("…; định hướng đến năm 2030 đạt trên 45%") is its own target's
        goal_years = [(mm.start(), _year_of_text(plain))
                      for s in _SENTENCE_RE.finditer(text) if GOAL_WORDS.search(s.group())
                      for mm in [s] for plain in [_without_vision(s.group())] if _year_of_text(plain)]
        context_years = [intro_years.get(a) for a in [h, *chain[1:], -1]]
        context_years += [heading_year[a] for a in chain]
        block_lead = _block_lead(text)
        section_lead = None
        if h in owners and owners[h] >= 0:
            unit = unit_of_heading(doc.headings[owners[h]].title)
            if AGENCY_HEAD_RE.match(unit) or canonical_agency(unit):
                section_lead = unit
        elif h >= 0 and agency_is_exact(doc.headings[h].title.strip(" :.")):
            section_lead = doc.headings[h].title.strip(" :.")  # "2.1. Sở Kế hoạch và Đầu tư:" over its targets
        assigned = _ASSIGNED_TO_RE.search(text) or _REQUIRED_TO_RE.search(text)
        for t in targets:
            year = t.year or (None if t.own_year_only else t.sentence_year)
            if t.own_year_only:
                pass
            elif year is None:
                earlier = [y for pos, y in goal_years if pos <= t.start and y]
                if t.change:  # after a change comes its base year, then the next target's year
                    earlier = [y for pos, _ in goal_years if pos <= t.start
                               for y in [_year_of_text(text[pos:t.start])] if y]
                year = earlier[-1] if earlier else None
            if year is None and not t.own_year_only:
                year = next((y for y in context_years if y), plan_year)
            elif year is None and plan_period:
                year = plan_year  # a yearly increase of a plan for a period is for the period's end
            if block_lead:
                leads = [block_lead]
            elif section_lead:
                leads = [section_lead]
            elif assigned and assigned.start() < t.start:
                leads = _split_units(assigned.group("units"))
            else:
                leads = list(required_bodies)
            part = t.name.rpartition(": ")[2]
            if not leads and agency_is_exact(part):
                leads = [part]  # "Lắp đặt mới trạm 3G/4G: 58 trạm (Trong đó: VNPT: 25 trạm, …)": each body's share
            out.append(_indicator(doc, source, i, t, year, leads))
            section_of_target.append(h)
        # A goal sentence before a block's first target sets the year of the blocks after it too
        # ("Một số chỉ tiêu chủ yếu năm 2018 · Tốc độ tăng trưởng … · Thu nhập bình quân …").
        lead_year = _lead_in_year(text[:min(t.start for t in targets)])
        if lead_year:
            intro_years[h] = lead_year
    return _years_of_siblings(out, section_of_target)


def _years_of_siblings(indicators: list[Indicator], sections: list[int]) -> list[Indicator]:
    """A target with no year at all, in a list of targets whose others all name one and the same year
    ("1. … đến năm 2020 đạt …", "3. Diện tích … năm 2020 …", "4. Tổng đàn trâu, bò đạt 500 con"), is for
    that year: the list is the plan's targets for it."""
    years: dict[int, set[int]] = {}
    for ind, h in zip(indicators, sections, strict=True):
        if ind.target_year is not None:
            years.setdefault(h, set()).add(ind.target_year)
    return [ind.model_copy(update={"target_year": next(iter(years[h]))})
            if ind.target_year is None and len(years.get(h, ())) == 1 else ind
            for ind, h in zip(indicators, sections, strict=True)]


def _without_vision(text: str) -> str:
    """The text with its vision's years blanked ("định hướng đến năm 2030"), same length."""
    return VISION_YEAR_RE.sub(lambda v: " " * len(v.group()), text)


def _lead_in_year(text: str) -> int | None:
    """The year nearest the end of the last goal sentence that names one, in the text before a block's first
    target ("… kết quả thực hiện năm 2018, … đã đề ra chỉ tiêu cho năm 2019 …:" is for 2019); a vision's year
    ("đến năm 2025, định hướng đến năm 2030") only when the sentence names no other."""
    years = [first_year(plain, 0, len(plain), last=True) or first_year(m.group(), 0, len(m.group()), last=True)
             for m in _SENTENCE_RE.finditer(text) if GOAL_WORDS.search(m.group())
             for plain in [_without_vision(m.group())]]
    return next((y for y in reversed(years) if y), None)


def _block_lead(text: str) -> str | None:
    content = _ITEM_MARKER_RE.sub("", text)
    name = leading_agency(content)
    if name and content[len(name):].lstrip().startswith(":"):
        return name
    m = _COORDINATE_RE.match(content)
    if m:
        return leading_agency(content[m.end():])
    return None


def _indicator(doc: StructuredDocument, source: SourceText, i: int, t: ProseTarget, year: int | None,
               leads: list[str]) -> Indicator:
    block = doc.blocks[i]
    span = span_of(source, block, t.start, t.end)
    deadline = parse_deadline(t.deadline_text) if t.deadline_text else None
    return Indicator(
        id="",
        name=t.name,
        target=Target(comparator=Comparator(t.comparator) if t.comparator else None, value=t.value,
                      value_max=t.value_max, unit=t.unit, text=t.text),
        qualitative=t.qualitative,
        target_year=year,
        section_path=list(doc.path_of(i)),
        lead_units=leads,
        deadline=deadline,
        origin=Origin.prose,
        source=Source(line_start=span.line_start, line_end=span.line_end,
                      quote=source.text[span.start:span.end]),
    )
