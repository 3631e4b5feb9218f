#!/usr/bin/env python3
"""A screenshot of a review page mid-review (docs/review.png), for the README and the notes.

Run: `.venv/bin/python scripts/review_screenshot.py [PLAN] [ROW]` (needs Debian's chromium).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from vn_plan_extract.review import load_for_review, review_html

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    plan_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/fixtures/seeds/002_041fe1f3cc3f1776.pdf"
    row = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    plan, source = load_for_review(plan_path)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = Path(tmp) / "review.html"
        page_file.write_text(review_html(plan, source), encoding="utf-8")
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(page_file.as_uri())
        page.locator(f'tr[data-item="{plan.indicators[row].id}"]').click()
        out = ROOT / "docs" / "review.png"
        page.screenshot(path=str(out))
        browser.close()
    print(out)


if __name__ == "__main__":
    main()
