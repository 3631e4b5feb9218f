#!/usr/bin/env python3
"""Is extraction linear in its input? A text of one pattern repeated N times against 10 N times.

Patterns are those that were quadratic before issue 13 (lists of "từ X đến Y%", "Top N", "so với",
"trong đó", spaced digits, Roman and decimal headings, LaTeX, a table with prose restating its rows), each
as many lines and as one long line. A linear extractor takes about 10 times as long for 10 times the
input; the table prints the ratio.

Run: `.venv/bin/python benchmarks/bench_linear.py [--lines 2000]`
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from vn_plan_extract import extract_text

HEAD = "KẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC TIÊU\n2. Chỉ tiêu cụ thể\n"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX")

PATTERNS: dict[str, Callable[[int], str]] = {
    "từ X đến Y% (lines)": lambda i: f"- Phấn đấu tỷ lệ hộ dân nhóm {i} từ {i % 50 + 10} đến {i % 50 + 20}% năm 2026.",
    "Top N (lines)": lambda i: f"- Chỉ số DTI của đơn vị {i} thuộc Top {i % 60 + 1} của tỉnh.",
    "so với (lines)": lambda i: f"- Doanh thu nhóm {i} tăng {i % 30 + 1}% so với năm 2025.",
    "trong đó (lines)": lambda i: f"- Tổng số {i} hộ, trong đó {i % 40 + 1}% hộ có tài khoản.",
    "LaTeX (lines)": lambda i: f"- Tỷ lệ nhóm {i} đạt $\\geq$ {i % 90 + 1}\\% năm 2026.",
    "Roman headings": lambda i: f"{ROMAN[i % 20]}. PHẦN {i}\nNội dung phần {i} đạt {i % 90 + 1}%.",
    "decimal headings": lambda i: f"{i // 10 + 1}.{i % 10 + 1}. Nội dung {i}, chỉ tiêu đạt {i % 90 + 1}%",
    "table + prose restating it": lambda i: f"| {i + 1} | Tỷ lệ nhóm {i} | % | {i % 90 + 1}% | Phòng Văn hóa |",
}
ONE_LINE: dict[str, Callable[[int], str]] = {
    "từ X đến Y% (one line)": lambda i: f"tỷ lệ nhóm {i} từ {i % 50 + 10} đến {i % 50 + 20}%",
    "Top N (one line)": lambda i: f"Top {i % 60 + 1}",
    "spaced digits (one line)": lambda i: f"{i % 10}",
    "so với (one line)": lambda i: f"tăng {i % 30 + 1}% so với năm 2025",
}


def _text(name: str, n: int) -> str:
    if name in ONE_LINE:
        return HEAD + "- " + "; ".join(ONE_LINE[name](i) for i in range(n)) + ".\n"
    lines = [PATTERNS[name](i) for i in range(n)]
    if name.startswith("table"):
        header = "| STT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu 2026 | Đơn vị chủ trì |\n|---|---|---|---|---|"
        prose = [f"- Tỷ lệ nhóm {i} đạt {i % 90 + 1}% năm 2026." for i in range(n)]
        return HEAD + "\n".join(prose) + "\n" + header + "\n" + "\n".join(lines) + "\n"
    return HEAD + "\n".join(lines) + "\n"


def _seconds(text: str) -> float:
    start = time.perf_counter()
    extract_text(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000, help="N (default 2000); the second run is 10 N")
    args = parser.parse_args()
    n = args.lines
    print(f"{'pattern':<30}{'KB (N)':>9}{'s (N)':>9}{'s (10 N)':>10}{'ratio':>8}")
    for name in [*PATTERNS, *ONE_LINE]:
        small, large = _text(name, n), _text(name, 10 * n)
        a, b = _seconds(small), _seconds(large)
        print(f"{name:<30}{len(small.encode()) / 1024:>9.0f}{a:>9.2f}{b:>10.2f}{b / a if a else 0:>8.1f}")


if __name__ == "__main__":
    main()
