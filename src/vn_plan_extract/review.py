"""A review page for one converted plan: the document's text with every extracted item marked at its
source, beside a table of the items. One self-contained HTML file (inline style and script, no network).

Clicking a row scrolls to its source and marks it; clicking marked text selects its row (again: the next
item marked there). Items whose table cells were assigned by guess (W005) carry a "đoán" badge and the
warnings are listed with links to their lines; PDF pages appear as page breaks.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .document import SourceText
from .errors import ATTENTION_CODES, WARNING_CODES, WARNING_CODES_VI, UnreadableDocument
from .export import FILE_STATUS, ORIGIN_VI, target_label, unread_status, vietnamese_date
from .files import SUMMARY_FILE, read_plan_json, write_text_atomic
from .models import Indicator, PlanDocument, Source, Task
from .pipeline import run
from .readers import read_path

#: Warning codes that mean an item's cells or lines were recovered by guessing.
GUESS_WARNINGS = frozenset({"W005"})

_STYLE = """
:root { --mark: #fff1a8; --active: #ffb347; --line: #9aa5b1; --guess: #b42318; font-size: 15px; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; color: #1d2733; }
header { padding: .5rem 1rem; border-bottom: 1px solid #d0d7de; background: #f6f8fa; }
header h1 { font-size: 1.05rem; margin: 0 0 .2rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header p { margin: 0; font-size: .85rem; color: #485563; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); height: calc(100vh - 3.6rem); }
@media (min-width: 1700px) { main { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
/* a laptop's 1024-1280 px: the table of seven columns gets the larger share, the text still ~50 characters */
@media (max-width: 1280px) { main { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); } }
#text { overflow-y: auto; padding: .5rem 1rem 40vh; border-right: 1px solid #d0d7de; }
#items { overflow-y: auto; padding: .5rem; font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; }
.ln { display: flex; white-space: pre-wrap; line-height: 1.45; }
.ln .no { flex: 0 0 3.2em; color: var(--line); text-align: right; padding-right: .8em; user-select: none;
          font-family: ui-monospace, monospace; font-size: .75rem; padding-top: .15em; }
.ln .tx { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.ln.flash { background: #fde2e2; }
.page { margin: .8rem 0; border-top: 2px dashed var(--line); color: var(--line); font-size: .75rem;
        font-family: system-ui, sans-serif; text-align: center; }
mark.hl { background: var(--mark); color: inherit; cursor: pointer; border-radius: 2px; }
mark.hl.guessed { text-decoration: underline wavy var(--guess); }
mark.hl.active { background: var(--active); outline: 2px solid #e07b00; }
table { border-collapse: collapse; width: 100%; font-size: .8rem; table-layout: fixed; }
td { overflow-wrap: break-word; }  /* "Tháng 7/2026" is not cut inside "2026" */
td.first { overflow-wrap: anywhere; }
th, td { border-bottom: 1px solid #e3e8ee; padding: .25rem .3rem; vertical-align: top; text-align: left; }
th { position: sticky; top: 0; background: #fff; z-index: 1; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #f3f6f9; }
tbody tr.active { background: #ffe4bf; }
.kind { display: inline-block; font-size: .65rem; padding: 0 .3em; margin-right: .3em; border-radius: 3px;
        background: #e6edf5; color: #36506b; }
tr.kind-task .kind { background: #ddeaff; color: #1f4fae; }
.origin { display: block; color: #6b7785; font-size: .7rem; }
td.lines .page-no { display: block; }
.badge { display: inline-block; font-size: .7rem; padding: 0 .3em; border-radius: 3px; color: #fff;
         background: var(--guess); margin-left: .2em; }
.value { font-weight: 600; }
#warnings { font-size: .8rem; margin: 0 0 .6rem; padding: .4rem .6rem; background: #fff4f2;
            border: 1px solid #f3c5bd; border-radius: 4px; }
#warnings ul { margin: .2rem 0 0 1rem; padding: 0; }
#warnings a { color: var(--guess); }
.none { color: #6b7785; font-style: italic; }
@media (max-width: 900px) {
  main { grid-template-columns: 1fr; height: auto; }
  #text, #items { overflow: visible; height: auto; }
}
@media print {
  #text, #items { overflow: visible; height: auto; border: 0; padding-bottom: 0; }
  #items { page-break-after: always; }
  main { display: flex; flex-direction: column-reverse; height: auto; }  /* the table first */
  th { position: static; }
  header h1 { white-space: normal; }
  mark.hl.active { outline: none; }
}
"""

_SCRIPT = """
(function () {
  const rows = new Map();
  document.querySelectorAll('tr[data-item]').forEach(r => rows.set(r.dataset.item, r));
  let current = null;
  function select(id, scrollText, scrollRow) {
    document.querySelectorAll('.active').forEach(e => e.classList.remove('active'));
    current = id;
    const row = rows.get(id);
    const marks = document.querySelectorAll('mark[data-items~="' + CSS.escape(id) + '"]');
    marks.forEach(m => m.classList.add('active'));
    if (row) { row.classList.add('active'); if (scrollRow) row.scrollIntoView({block: 'nearest'}); }
    if (scrollText && marks.length) marks[0].scrollIntoView({block: 'center'});
    if (history.replaceState) history.replaceState(null, '', '#' + id);
  }
  rows.forEach((row, id) => {
    row.addEventListener('click', () => select(id, true, false));
    row.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(id, true, false); } });
  });
  document.getElementById('text').addEventListener('click', e => {
    const mark = e.target.closest('mark[data-items]');
    if (!mark) return;
    const ids = mark.dataset.items.split(' ');
    const at = ids.indexOf(current);
    select(ids[(at + 1) % ids.length], false, true);  // clicked again: the next item marked here
  });
  document.querySelectorAll('a[data-line]').forEach(a => a.addEventListener('click', e => {
    e.preventDefault();
    const line = document.getElementById('L' + a.dataset.line);
    if (!line) return;
    line.scrollIntoView({block: 'center'});
    line.classList.add('flash');
    setTimeout(() => line.classList.remove('flash'), 1500);
  }));
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && rows.has(wanted)) select(wanted, true, true);
  window.reviewSelect = select;  // for tests and for the index page's links
})();
"""


@dataclass(frozen=True, slots=True)
class _Mark:
    """An item's stretch of the source text."""

    item_id: str
    start: int
    end: int
    guessed: bool


def _source_offsets(source: SourceText, where: Source) -> tuple[int, int]:
    """Where an item's quote stands in the source text: searched from its first line, else its lines."""
    first = source.line_starts[min(where.line_start, source.line_count) - 1]
    quote = where.quote
    if quote:
        at = source.text.find(quote, first)
        if at != -1 and source.line_of(at) <= where.line_end:
            return at, at + len(quote)
    last = min(where.line_end, source.line_count)
    end = source.line_starts[last] - 1 if last < source.line_count else len(source.text)
    return first, max(end, first + 1)


def _guessed_lines(plan: PlanDocument) -> list[tuple[int, int]]:
    return [(w.source.line_start, w.source.line_end) for w in plan.warnings
            if w.code in GUESS_WARNINGS and w.source is not None]


def _is_guessed(item: Indicator | Task, guessed: list[tuple[int, int]]) -> bool:
    s = item.source
    return any(a <= s.line_end and s.line_start <= b for a, b in guessed)


def _marks(plan: PlanDocument, source: SourceText) -> list[_Mark]:
    guessed = _guessed_lines(plan)
    items: list[Indicator | Task] = [*plan.indicators, *plan.tasks]
    return [_Mark(item.id, *_source_offsets(source, item.source), _is_guessed(item, guessed)) for item in items]


def _render_line(text: str, offset: int, marks: list[_Mark], cuts: list[int]) -> str:
    """One source line, its marked stretches wrapped in <mark> with the ids of the items they belong to."""
    end = offset + len(text)
    lo = bisect_right(cuts, offset)
    points = [offset, *[c for c in cuts[lo:] if c < end], end]
    out = []
    for a, b in pairwise(points):
        if a >= b:
            continue
        piece = html.escape(text[a - offset:b - offset])
        covering = [m for m in marks if m.start <= a and b <= m.end]
        if covering:
            ids = " ".join(dict.fromkeys(m.item_id for m in covering))
            cls = "hl guessed" if any(m.guessed for m in covering) else "hl"
            out.append(f'<mark class="{cls}" data-items="{html.escape(ids)}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _text_pane(plan: PlanDocument, source: SourceText) -> str:
    marks = _marks(plan, source)
    cuts = sorted({p for m in marks for p in (m.start, m.end)})
    out = []
    page = None
    for number in range(1, source.line_count + 1):
        this_page = source.page_of_line(number)
        if this_page is not None and this_page != page:
            out.append(f'<div class="page" data-page="{this_page}">Trang {this_page}</div>')
            page = this_page
        start = source.line_starts[number - 1]
        line = source.line_text(number)
        # only the marks that touch this line are asked about
        touching = [m for m in marks if m.start < start + len(line) and m.end > start]
        body = _render_line(line, start, touching, cuts) if touching else html.escape(line)
        out.append(f'<div class="ln" id="L{number}"><span class="no">{number}</span>'
                   f'<span class="tx">{body or "&#8203;"}</span></div>')
    return "\n".join(out)


def _cells(*values: str | None) -> str:
    return "".join(f"<td>{html.escape(v)}</td>" if v else '<td class="none">–</td>' for v in values)


def _lines_label(source: Source) -> str:
    lines = str(source.line_start) if source.line_start == source.line_end else \
        f"{source.line_start}–{source.line_end}"
    return f'{lines}<span class="page-no">tr. {source.page}</span>' if source.page else lines


def _rows(plan: PlanDocument) -> str:
    guessed = _guessed_lines(plan)
    out = []
    for ind in plan.indicators:
        badge = '<span class="badge" title="ô bảng được gán theo phỏng đoán (W005)">đoán</span>' \
            if _is_guessed(ind, guessed) else ""
        out.append(
            f'<tr data-item="{html.escape(ind.id)}" tabindex="0" class="kind-indicator">'
            f'<td class="first"><span class="kind">{html.escape(ind.id)}</span>{html.escape(ind.name)}{badge}</td>'
            f'<td class="value">{html.escape(target_label(ind))}</td>'
            + _cells(str(ind.target_year) if ind.target_year else None, "; ".join(ind.lead_units) or None,
                     "; ".join(ind.support_units) or None, ind.deadline.text if ind.deadline else None)
            + f'<td class="lines">{_lines_label(ind.source)}<span class="origin">{ORIGIN_VI[ind.origin.value]}</span></td></tr>')
    for task in plan.tasks:
        badge = '<span class="badge" title="ô bảng được gán theo phỏng đoán (W005)">đoán</span>' \
            if _is_guessed(task, guessed) else ""
        linked = f" → {', '.join(task.indicator_ids)}" if task.indicator_ids else ""
        out.append(
            f'<tr data-item="{html.escape(task.id)}" tabindex="0" class="kind-task">'
            f'<td class="first"><span class="kind">{html.escape(task.id)}</span>{html.escape((task.stt + ". ") if task.stt else "")}'
            f'{html.escape(task.title)}{badge}</td><td>{html.escape(linked)}</td>'
            + _cells(None, "; ".join(task.lead_units) or None, "; ".join(task.support_units) or None,
                     task.deadline.text if task.deadline else None)
            + f'<td class="lines">{_lines_label(task.source)}<span class="origin">{ORIGIN_VI["table"]}</span></td></tr>')
    return "\n".join(out)


#: The recorded details of the commonest warnings, in the page's words (the JSON keeps them as written
#: for programs): (pattern over the detail, Vietnamese replacement). Others are shown as recorded.
_DETAILS_VI: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^(\S+) follows (\S+)$"), lambda m: f"mục {m[1]} đứng sau mục {m[2]}"),
    (re.compile(r"\btable (\d+)(?: row ([^\s:]+))?(?:: cells assigned by guess)?"),
     lambda m: f"bảng {int(m[1]) + 1}" + (f", dòng {m[2]}" if m[2] else "")),
    (re.compile(r"the day or month of the date is not read \(written by hand\?\)"),
     lambda m: "chưa đọc được ngày hoặc tháng ban hành (viết tay?)"),
    (re.compile(r'the number after "Số:" is not read \("([^"]*)"; written by hand\?\)'),
     lambda m: f'chưa đọc được số văn bản sau "Số:" ("{m[1]}"; viết tay?)'),
    (re.compile(r"\bpages? (\d[\d, –-]*)"), lambda m: f"trang {m[1]}"),
    (re.compile(r"\bOCR read no text\b"), lambda m: "OCR không đọc được chữ"),
]


def _detail_vi(detail: str) -> str:
    for pattern, vietnamese in _DETAILS_VI:
        detail = pattern.sub(vietnamese, detail)
    return detail


def _warnings(plan: PlanDocument) -> str:
    if not plan.warnings:
        return ""
    items = []
    for w in plan.warnings:
        where = (f' <a href="#L{w.source.line_start}" data-line="{w.source.line_start}">dòng '
                 f"{w.source.line_start}</a>") if w.source else ""
        # the meaning in Vietnamese, then the detail as recorded (page numbers, items, file parts)
        meaning = WARNING_CODES_VI.get(w.code, "")
        # the detail after the code's meaning, or the whole message where it has no such opening
        english = WARNING_CODES.get(w.code, "")
        detail = _detail_vi(w.message.removeprefix(english).removeprefix(": ") if w.message != english else "")
        items.append(f"<li><b>{html.escape(w.code)}</b> {html.escape(meaning)}"
                     f"{(' — <span class=detail>' + html.escape(detail) + '</span>') if detail else ''}{where}</li>")
    return f'<div id="warnings">Cảnh báo ({len(plan.warnings)}):<ul>{"".join(items)}</ul></div>'


def review_html(plan: PlanDocument, source: SourceText) -> str:
    """The review page of `plan`, whose source text is `source`."""
    meta = plan.metadata
    title = " ".join(p for p in (meta.doc_type, meta.title) if p) or Path(plan.source.path).name
    facts = [f for f in (meta.issuer, f"Số {meta.number}" if meta.number else None,
                         vietnamese_date(meta.date), plan.source.path) if f]
    counts = (f"{len(plan.indicators)} chỉ tiêu, {len(plan.tasks)} nhiệm vụ, "
              f"{len(plan.warnings)} cảnh báo")
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{html.escape(plan.generator.name)} {html.escape(plan.generator.version)}">
<title>{html.escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header><h1>{html.escape(title)}</h1><p>{html.escape(" · ".join(facts))} — {counts}</p></header>
<main>
<section id="text" aria-label="Văn bản">
{_text_pane(plan, source)}
</section>
<section id="items" aria-label="Các mục đã trích xuất">
{_warnings(plan)}
<table>
<colgroup><col style="width:30%"><col style="width:12%"><col style="width:7%"><col style="width:14%">
<col style="width:13%"><col style="width:13%"><col style="width:11%"></colgroup>
<thead><tr><th>Chỉ tiêu / nhiệm vụ</th><th>Mục tiêu</th><th>Năm</th><th>Chủ trì</th><th>Phối hợp</th>
<th>Thời hạn</th><th>Dòng</th></tr></thead>
<tbody>
{_rows(plan) or '<tr><td colspan="7" class="none">Không có mục nào được trích xuất.</td></tr>'}
</tbody>
</table>
</section>
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def review_path(path: Path) -> Path:
    """Where a review page goes by default: beside the plan, `<name>.html`."""
    return path.with_name(path.name + ".html") if path.suffix != ".json" else path.with_suffix(".html")


def _batch_source(path: Path) -> Path | None:
    """Where the batch that wrote the JSON `path` read its source: the input folder its summary.json
    (in a folder above the JSON) records, joined with the JSON's place below the output folder."""
    for out_dir in path.resolve().parents:
        try:
            summary = json.loads((out_dir / SUMMARY_FILE).read_text(encoding="utf-8"))
            in_dir = Path(str(summary["in_dir_path"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        return in_dir / path.resolve().relative_to(out_dir).with_suffix("")
    return None


def source_candidates(path: Path, recorded: str) -> list[Path]:
    """Where the source of the plan JSON `path` may be, in order: the path it records (as recorded,
    relative to where the batch ran, then to the JSON's folder), its name beside the JSON, the JSON's
    name without ".json" beside it, and the input folder of the batch run that wrote it."""
    named = Path(recorded)
    found = [named, path.parent / named, path.parent / named.name, path.with_suffix(""), _batch_source(path)]
    return [c for c in found if c is not None]


def load_for_review(path: Path) -> tuple[PlanDocument, SourceText]:
    """A plan and its source text, from the plan's file (converted afresh) or from a JSON output of it
    (the source file is looked for where `source_candidates` says, and must be unchanged)."""
    if path.suffix.lower() != ".json":
        source = read_path(path)
        return run(source), source
    plan = read_plan_json(path)
    found = next((c for c in source_candidates(path, plan.source.path) if c.is_file()), None)
    if found is None:
        raise UnreadableDocument(str(path), f"its source {plan.source.path} is not found (looked for at that path, "
                                            "beside the JSON and in the input folder of its batch run)")
    source = read_path(found)
    if source.sha256 != plan.source.sha256:
        raise UnreadableDocument(str(path), f"its source {found} changed since it was converted; convert it again")
    return plan, source


def write_review(plan: PlanDocument, source: SourceText, out: Path) -> Path:
    write_text_atomic(out, review_html(plan, source))
    return out


def relative_url(path: str) -> str:
    """A relative link to a file below the page, whatever its name: every segment percent-encoded and
    the whole starting "./", so a file named "javascript:alert(1).txt" is a file, never a script URL.

    >>> relative_url("javascript:alert(document.domain).txt.html")
    './javascript%3Aalert%28document.domain%29.txt.html'
    >>> relative_url("Xã An Phú/kế hoạch 1.docx.html")
    './X%C3%A3%20An%20Ph%C3%BA/k%E1%BA%BF%20ho%E1%BA%A1ch%201.docx.html'
    """
    from urllib.parse import quote

    encoded = "/".join(quote(part.encode("utf-8", "surrogateescape"), safe="") for part in path.split("/"))
    return f"./{encoded}"


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """A plan's line in a batch's index page: its page and what the index shows of it, not the plan."""

    href: str
    path: str
    issuer: str | None
    number: str | None
    date: str | None
    title: str | None
    indicators: int
    tasks: int
    warnings: int
    #: what was not read, in Vietnamese ("bản quét, cần OCR"), or None when all was
    unread: str | None = None

    @classmethod
    def of(cls, href: str, plan: PlanDocument, name: str | None = None) -> IndexEntry:
        """`name`: the file as the index names it (its path below the batch's input folder)."""
        m = plan.metadata
        codes = sorted({w.code for w in plan.warnings} & ATTENTION_CODES)
        unread = None
        if codes:
            status, meanings = unread_status(codes)
            unread = f"{FILE_STATUS[status]}: {meanings}"
        return cls(href, name or plan.source.path, m.issuer, m.number, vietnamese_date(m.date), m.title,
                   len(plan.indicators), len(plan.tasks), len(plan.warnings), unread)


def index_html(entries: Iterable[IndexEntry], others: Iterable[tuple[str, str]] = ()) -> str:
    """A page listing the review pages of a batch, then the files that have no page (file, what became
    of it: failed and why, not a supported format)."""
    rows, converted, unread = [], 0, 0
    for e in entries:
        converted += 1
        note = f'<div class="unread-note">{html.escape(e.unread)}</div>' if e.unread else ""
        rows.append(
            f'<tr{" class=partly" if e.unread else ""}><td><a href="{html.escape(relative_url(e.href))}">'
            f"{html.escape(e.path)}</a>{note}</td>"
            + _cells(e.issuer, e.number, e.date, e.title)
            + f"<td>{e.indicators}</td><td>{e.tasks}</td><td>{e.warnings}</td></tr>")
    for name, status in others:
        unread += 1
        rows.append(f'<tr class="unread"><td>{html.escape(name)}</td><td colspan="7">{html.escape(status)}</td></tr>')
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kế hoạch đã chuyển đổi</title><style>{_STYLE} body {{ padding: 1rem; }} h1 {{ font-size: 1.3rem; }}
.unread-note {{ color: var(--guess); font-size: .75rem; }} tr.unread td {{ color: var(--guess); }}</style></head>
<body><h1>Kế hoạch đã chuyển đổi: {converted}{f" · tệp không chuyển đổi: {unread}" if unread else ""}</h1>
<table><colgroup><col style="width:22%"><col style="width:16%"><col style="width:9%"><col style="width:8%">
<col style="width:30%"><col style="width:5%"><col style="width:5%"><col style="width:5%"></colgroup>
<thead><tr><th>Tệp</th><th>Cơ quan ban hành</th><th>Số</th><th>Ngày</th><th>Tên</th><th>Chỉ tiêu</th>
<th>Nhiệm vụ</th><th>Cảnh báo</th></tr></thead><tbody>
{"".join(rows)}
</tbody></table>
</body></html>
"""
