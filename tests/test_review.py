"""The review page: its HTML, and in headless Chromium that one click on a row marks its text and shows it."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import vn_plan_extract.batch as batch
from conftest import CORPUS_DOCS, ROOT
from vn_plan_extract.cli import main
from vn_plan_extract.models import Source, Warning
from vn_plan_extract.review import load_for_review, review_html

SEED_FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
#: every seed as text and its Word and PDF renderings
REVIEWED = [*CORPUS_DOCS, *sorted(SEED_FIXTURES.glob("*.docx")), *sorted(SEED_FIXTURES.glob("*.pdf"))]


def _chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _browser_or_skip() -> str:
    path = _chromium()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test the review page in Chromium: install Debian's chromium (see .ci/run)")
        pytest.skip("no Chromium here (apt-get install chromium); CI installs it")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield instance
        instance.close()


# --- the HTML itself ---------------------------------------------------------------------------------

def test_the_page_is_self_contained_and_keeps_vietnamese(tmp_path: Path) -> None:
    plan, source = load_for_review(CORPUS_DOCS[2])
    page = review_html(plan, source)
    assert '<meta charset="utf-8">' in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "no network address"
    assert "<link" not in page
    assert "@import" not in page
    assert "url(" not in page
    assert "Phước Bình" in page
    assert "Tỉ lệ" in page
    for ind in plan.indicators:
        assert f'data-item="{ind.id}"' in page
        assert f'data-items="{ind.id}' in page or f' {ind.id}"' in page or f' {ind.id} ' in page


def test_markup_in_the_text_is_shown_not_run(tmp_path: Path) -> None:
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2026 <script>alert(1)</script>\nI. MỤC TIÊU\n"
            "1. Tỷ lệ hồ sơ <b>trực tuyến</b> đạt tối thiểu 80%.\n")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    plan, source = load_for_review(path)
    page = review_html(plan, source)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert plan.indicators
    assert "80%" in page


def test_items_in_rows_recovered_by_guess_are_marked(tmp_path: Path) -> None:
    plan, source = load_for_review(CORPUS_DOCS[4])
    guessed = next(i for i in plan.indicators if i.origin.value == "table")
    plan.warnings.append(Warning(code="W005", message="table 1 row 1: cells assigned by guess",
                                 source=Source(line_start=guessed.source.line_start,
                                               line_end=guessed.source.line_end, quote="")))
    page = review_html(plan, source)
    row = re.search(rf'<tr data-item="{guessed.id}".*?</tr>', page, re.S)
    assert row
    assert 'class="badge"' in row.group()
    assert re.search(rf'<mark class="hl guessed" data-items="[^"]*{guessed.id}', page)
    assert f'data-line="{guessed.source.line_start}"' in page  # the warning links to its line


def test_pdf_pages_are_shown_as_page_breaks() -> None:
    pdf = SEED_FIXTURES / "002_041fe1f3cc3f1776.pdf"
    plan, source = load_for_review(pdf)
    page = review_html(plan, source)
    assert page.count('<div class="page"') == plan.source.pages
    assert "class=\"page-no\">tr. " in page  # the line column names the page


# --- the command line ------------------------------------------------------------------------------

def test_review_of_a_json_output_finds_its_source_and_refuses_a_changed_one(tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / CORPUS_DOCS[0].name
    shutil.copy(CORPUS_DOCS[0], doc)
    out = tmp_path / "out"
    assert main(["extract", str(doc), "-o", str(out), "-q"]) == 0
    output = out / f"{doc.name}.json"
    assert main(["review", str(output), "-q"]) == 0
    assert "Chỉ tiêu" in output.with_suffix(".html").read_text(encoding="utf-8")

    doc.write_text(doc.read_text(encoding="utf-8") + "\nthêm một dòng\n", encoding="utf-8")
    assert main(["review", str(output), "-o", str(tmp_path / "r.html")]) == 1
    assert "changed since it was converted" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()

    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert main(["review", str(tmp_path / "broken.json")]) == 1
    assert "broken.json: not a plan JSON" in capsys.readouterr().err


def test_review_finds_a_batch_source_from_anywhere_and_writes_only_where_told(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in" / "ward"
    folder.mkdir(parents=True)
    shutil.copy(CORPUS_DOCS[0], folder / CORPUS_DOCS[0].name)
    monkeypatch.chdir(tmp_path / "in")
    assert main(["batch", "ward", "-o", str(tmp_path / "out"), "--workers", "1", "-q"]) == 0
    output = tmp_path / "out" / f"{CORPUS_DOCS[0].name}.json"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the recorded path "ward/…" means nothing here
    assert main(["review", str(output), "-q"]) == 0
    assert output.with_suffix(".html").is_file()  # beside the JSON, in the output folder
    # a plan file: never a page in the input folder or the current one unless told where
    plan_file = folder / CORPUS_DOCS[0].name
    assert main(["review", str(plan_file)]) == 2
    assert "-o" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == [CORPUS_DOCS[0].name]
    assert not list(elsewhere.iterdir())
    assert main(["review", str(plan_file), "-o", str(tmp_path / "pages"), "-q"]) == 0
    assert (tmp_path / "pages" / f"{CORPUS_DOCS[0].name}.html").is_file()


def test_batch_review_writes_a_page_per_plan_and_an_index(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(CORPUS_DOCS[0], folder / CORPUS_DOCS[0].name)
    shutil.copy(CORPUS_DOCS[3], folder / "sub" / CORPUS_DOCS[3].name)
    out = tmp_path / "out"
    report = batch.run_batch(folder, out, workers=1, progress=False, review=True)
    assert report.converted == 2
    assert "index.html" in report.exports
    pages = [out / f"{CORPUS_DOCS[0].name}.html", out / "sub" / f"{CORPUS_DOCS[3].name}.html"]
    assert all(p.is_file() for p in pages)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="./sub/{CORPUS_DOCS[3].name}.html"' in index

    again = batch.run_batch(folder, out, workers=1, progress=False, review=True)
    assert (again.converted, again.skipped) == (0, 2)
    pages[1].unlink()
    third = batch.run_batch(folder, out, workers=1, progress=False, review=True)
    assert (third.converted, third.skipped) == (1, 1)
    assert pages[1].is_file()


# --- in the browser --------------------------------------------------------------------------------

@pytest.mark.parametrize("document", REVIEWED, ids=[p.name for p in REVIEWED])
def test_one_click_on_a_row_marks_its_text_in_view(browser: Any, document: Path, tmp_path: Path) -> None:
    plan, source = load_for_review(document)
    assert plan.indicators
    page_file = tmp_path / "review.html"
    page_file.write_text(review_html(plan, source), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_file.as_uri())
    state_js = """id => {
        const marks = [...document.querySelectorAll('mark.active')];
        const text = document.getElementById('text').getBoundingClientRect();
        const first = marks.length ? marks[0].getBoundingClientRect() : null;
        return {
            ids: marks.map(m => m.dataset.items.split(' ')),
            text: marks.map(m => m.textContent).join(' '),
            inView: first !== null && first.top >= text.top && first.bottom <= text.bottom,
            row: document.querySelector('tr.active') ? document.querySelector('tr.active').dataset.item : null,
        };
    }"""
    for ind in plan.indicators:
        page.locator(f'tr[data-item="{ind.id}"]').click()
        state = page.evaluate(state_js, ind.id)
        assert state["row"] == ind.id
        assert state["ids"], f"{ind.id}: nothing marked"
        assert all(ind.id in ids for ids in state["ids"]), ind.id
        assert state["inView"], f"{ind.id}: its text is not scrolled into view"
        # the marked text is the item's quote (marks may split it where another item's mark begins)
        assert "".join(ind.source.quote.split()) in "".join(state["text"].split()), ind.id

    # clicking marked text selects its row (the last indicator's text, wherever it is)
    last = plan.indicators[-1]
    page.locator(f'tr[data-item="{plan.indicators[0].id}"]').click()
    mark = page.locator(f'mark[data-items~="{last.id}"]').first
    mark.scroll_into_view_if_needed()
    mark.click()
    selected = page.evaluate("() => document.querySelector('tr.active').dataset.item")
    assert selected in mark.get_attribute("data-items").split()
    assert not errors
    page.close()


_LAYOUT_JS = """() => {
    const items = document.getElementById('items');
    const table = items.querySelector('table');
    const clipped = [...table.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1)
        .map(c => c.textContent.trim().slice(0, 40));
    // a year (2026) or a date (7/2026) broken over two lines of its cell
    const split = [];
    for (const cell of table.querySelectorAll('td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.textContent.matchAll(/\\d{1,2}\\/20\\d\\d|20\\d\\d/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) split.push(m[0]);
            }
        }
    }
    return {clipped, split, overflow: table.scrollWidth - items.clientWidth,
            headers: [...table.querySelectorAll('th')].map(h => h.textContent)};
}"""


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_table_is_readable_on_a_laptop_screen(browser: Any, tmp_path: Path, width: int) -> None:
    pdf = ROOT / "corpus" / "real" / "117_phongchau_csdldatdai_phuong_phutho_2026.pdf"  # tasks with support units, long deadlines
    plan, source = load_for_review(pdf)
    assert any(t.support_units for t in plan.tasks) or any(i.support_units for i in plan.indicators)
    page_file = tmp_path / "review.html"
    page_file.write_text(review_html(plan, source), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 768})
    page.goto(page_file.as_uri())
    layout = page.evaluate(_LAYOUT_JS)
    assert "Phối hợp" in layout["headers"]
    assert layout["overflow"] <= 0, "the table is wider than its pane"
    assert not layout["clipped"], layout["clipped"][:5]
    assert not layout["split"], layout["split"][:5]
    page.close()


def test_warnings_on_the_review_page_are_in_vietnamese() -> None:
    from vn_plan_extract import extract
    from vn_plan_extract.errors import WARNING_CODES, WARNING_CODES_VI
    from vn_plan_extract.readers import read_path
    from vn_plan_extract.review import review_html

    assert set(WARNING_CODES_VI) == set(WARNING_CODES)
    scan = ROOT / "tests" / "fixtures" / "awkward" / "scanned.pdf"
    plan = extract(scan, ocr="never")
    page = review_html(plan, read_path(scan, ocr="never"))
    assert "trang không có lớp chữ" in page
    assert "no text layer" not in page


def test_the_commonest_warning_details_are_in_vietnamese_too() -> None:
    from vn_plan_extract import extract_text
    from vn_plan_extract.readers.text import source_from_text

    text = ("KẾ HOẠCH\nI. MỤC ĐÍCH\n- Nội dung một.\nII. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến đạt 80%.\n"
            "IV. TỔ CHỨC THỰC HIỆN\n- Nội dung hai.\n")
    plan = extract_text(text, "a.txt")
    assert any(w.code == "W004" and "follows" in w.message for w in plan.warnings)  # the JSON keeps its words
    page = review_html(plan, source_from_text(text, "a.txt", "txt"))
    assert "mục IV đứng sau mục" in page
    assert "follows" not in page
