"""Consolidation: the same target across plans, aligned by the catalogue and by words, checked against an
alignment of the seeds written by hand (golden/compare/seeds_alignment.json)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from conftest import CORPUS_DOCS, GOLDEN
from vn_plan_extract import extract, extract_text
from vn_plan_extract.cli import main
from vn_plan_extract.compare import Plan, align, catalogue_entry, load_folder, write_compare
from vn_plan_extract.evaluate import score_alignment
from vn_plan_extract.lexicon.indicators import load_catalogue, parse_catalogue
from vn_plan_extract.models import Indicator, Source, Target

HAND_ALIGNMENT = GOLDEN / "compare" / "seeds_alignment.json"
#: what the issue asks of the alignment of the seeds' shared targets
FLOOR = 0.9


def _indicator(name: str, unit: str | None = "%") -> Indicator:
    return Indicator(id="ind-001", name=name, target=Target(value=80, unit=unit, text="80%"),
                     source=Source(line_start=1, line_end=1, quote=name))


def _key(name: str, unit: str | None = "%") -> str | None:
    entry = catalogue_entry(_indicator(name, unit), load_catalogue())
    return entry.key if entry else None


@pytest.mark.parametrize(("name", "key"), [
    # spelling variants and abbreviations
    ("Tỉ lệ hồ sơ TTHC xử lý trực tuyến", "ho-so-xu-ly-truc-tuyen"),
    ("tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", "ho-so-xu-ly-truc-tuyen"),
    ("Tỉ lệ cung cấp DVCTT toàn trình trên tổng số TTHC", "dvc-truc-tuyen-toan-trinh"),
    ("Tỷ lệ số hoá hồ sơ, kết quả giải quyết TTHC", "so-hoa-ho-so"),
    ("Tỷ lệ CBCCVC làm chủ kỹ năng số", "can-bo-lam-chu-ky-nang-so"),
    ("tỉ lệ cán bộ, công chức làm chủ kĩ năng số", "can-bo-lam-chu-ky-nang-so"),
    # word order and extra qualifiers
    ("Tỷ lệ hồ sơ xử lý trực tuyến của UBND phường trên địa bàn", "ho-so-xu-ly-truc-tuyen"),
    ("Trên địa bàn xã, tỷ lệ phủ sóng 5G", "pho-song-5g"),
    ("Xếp hạng chỉ số chuyển đổi số (DTI) cấp xã", "dti"),  # a rank: its unit is checked apart
    # the most specific alias wins; an excluded word keeps a name out
    ("Tỷ lệ hồ sơ trực tuyến toàn trình", None),
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình", "dvc-truc-tuyen-toan-trinh"),
    ("người dân sử dụng dịch vụ công trực tuyến được xác thực qua VNeID", None),
    ("hộ kinh doanh có mã QR thanh toán không dùng tiền mặt", None),
    # a word is never matched across two words
    ("Tỷ lệ sản phẩm đổi mới sáng tạo, kiến thức số", None),
])
def test_catalogue_aligns_variants_of_a_name_and_only_them(name: str, key: str | None) -> None:
    assert _key(name, "hạng" if key == "dti" else "%") == key


def test_a_unit_of_another_kind_is_not_aligned_to_a_share() -> None:
    assert _key("Tỷ lệ phủ sóng 5G", "%") == "pho-song-5g"
    assert _key("phủ sóng 5G", "trạm") is None
    assert _key("Chỉ số chuyển đổi số", "%") is None  # a share is not the DTI rank
    assert _key("Chỉ số chuyển đổi số", None) == "dti"  # "Top 30", "Mức Khá": no unit written


def test_the_catalogue_file_is_checked_line_by_line() -> None:
    assert len(load_catalogue()) >= 20
    assert len({e.key for e in load_catalogue()}) == len(load_catalogue())
    with pytest.raises(ValueError, match="unit kind"):
        parse_catalogue("a\tTên\tpercent\tphủ sóng\n")
    with pytest.raises(ValueError, match="twice"):
        parse_catalogue("a\tTên\t%\tphủ sóng\na\tTên\t%\tphủ sóng\n")


@pytest.fixture(scope="module")
def seed_plans() -> list[Plan]:
    return [Plan(f"{p.name}.json", extract(p).metadata.issuer or p.stem, extract(p)) for p in CORPUS_DOCS]


def test_the_seeds_shared_targets_are_aligned_as_by_hand(seed_plans: list[Plan]) -> None:
    hand = json.loads(HAND_ALIGNMENT.read_text(encoding="utf-8"))
    alignment = align(seed_plans)
    golds = {p.stem: json.loads((GOLDEN / f"{p.stem}.json").read_text(encoding="utf-8")) for p in CORPUS_DOCS}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS_DOCS}
    stems = {plan.file: Path(plan.document.source.path).stem for plan in seed_plans}
    plans = {stems[plan.file]: json.loads(plan.document.model_dump_json()) for plan in seed_plans}
    groups = [[(stems[m.plan.file], m.indicator.id) for m in c.members] for c in alignment.canonical]
    score = score_alignment(hand, groups, golds, plans, texts)
    print(f"\nalignment of the seeds: {score.agreed} of {score.predicted_pairs} predicted pairs agree "
          f"(P {score.precision:.3f}), {score.agreed} of {score.hand_pairs} hand pairs found (R {score.recall:.3f})")
    for w in score.wrong:
        print("  WRONG ", w)
    for m in score.missed:
        print("  MISSED", m)
    assert score.hand_pairs >= 20
    assert score.precision >= FLOOR
    assert score.recall >= FLOOR


def test_nothing_is_dropped(seed_plans: list[Plan]) -> None:
    alignment = align(seed_plans)
    listed = [(m.plan.file, m.indicator.id) for c in alignment.canonical for m in c.members]
    listed += [(m.plan.file, m.indicator.id) for m in alignment.unaligned]
    everything = [(p.file, i.id) for p in seed_plans for i in p.document.indicators]
    assert sorted(listed) == sorted(everything)


_PROVINCE = """ỦY BAN NHÂN DÂN TỈNH MẪU
KẾ HOẠCH
Chuyển đổi số năm 2026
I. MỤC TIÊU
1. Tỷ lệ thanh toán trực tuyến trong giải quyết TTHC đạt tối thiểu 90%.
2. Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 100%.
"""


def test_targets_below_the_reference_are_marked_in_every_output(seed_plans: list[Plan], tmp_path: Path) -> None:
    reference = Plan("tinh.json", "UBND tỉnh Mẫu", extract_text(_PROVINCE, "tinh.txt"))
    alignment = align(seed_plans, reference)
    payment = next(c for c in alignment.canonical if c.key == "thanh-toan-truc-tuyen")
    assert [r.target.value for r in payment.reference] == [90]
    written = write_compare(alignment, tmp_path / "compare.xlsx")
    assert [p.name for p in written] == ["compare.xlsx", "compare.csv", "compare.json"]

    data = json.loads((tmp_path / "compare.json").read_text(encoding="utf-8"))
    row = next(c for c in data["canonical"] if c["key"] == "thanh-toan-truc-tuyen")
    year = payment.reference[0].target_year
    for m in row["members"]:  # held to the reference of their own year only
        assert m["below_reference"] == ((m["value"] < 90) if m["target_year"] == year else None), m
    assert any(m["below_reference"] for m in row["members"])

    book = openpyxl.load_workbook(tmp_path / "compare.xlsx")
    assert book.sheetnames == ["So sánh", "Chỉ tiêu đã ghép", "Chưa ghép"]
    assert [c.value for c in book["Chỉ tiêu đã ghép"][1]][:3] == ["Mã chỉ tiêu chung", "Chỉ tiêu chung", "Kế hoạch"]
    assert {r[9] for r in book["Chỉ tiêu đã ghép"].iter_rows(min_row=2, values_only=True)} <= {"Có", "Không", None}
    sheet = book["So sánh"]
    header = [c.value for c in sheet[1]]
    assert header[4].startswith("Tham chiếu: UBND tỉnh Mẫu – ")
    # one column per plan and target year, so that a column holds one year and can be sorted
    assert all(" – " in h for h in header[4:])
    xrow = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "thanh-toan-truc-tuyen")
    marked = [c for c in xrow[4:] if c.comment is not None]
    below_plans = {(m["plan"], str(m["target_year"])) for m in row["members"] if m["below_reference"]}
    assert {tuple(header[c.column - 1].rsplit(" – ", 1)) for c in marked} == below_plans
    assert all(c.fill.fgColor.rgb.endswith("F8CBAD") for c in marked)
    assert all("thấp hơn tham chiếu năm" in c.comment.text and "so với ≥ 90%" in c.comment.text for c in marked)
    assert all(";" not in (c.value or "") for c in xrow[4:])

    raw = (tmp_path / "compare.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == header
    assert "[thấp hơn tham chiếu năm" in " ".join(next(r for r in rows if r[0] == "thanh-toan-truc-tuyen"))


def test_compare_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["extract", *map(str, CORPUS_DOCS), "-o", str(out), "-q"]) == 0
    (out / "summary.json").write_text("{}", encoding="utf-8")  # a batch's own file: not a plan, not reported
    (out / "broken.json").write_text("{", encoding="utf-8")
    assert main(["compare", str(out), "-o", str(tmp_path / "c" / "compare.xlsx")]) == 0
    err = capsys.readouterr().err
    assert "broken.json" in err
    assert "summary.json" not in err
    assert "5 plans" in err
    data = json.loads((tmp_path / "c" / "compare.json").read_text(encoding="utf-8"))
    assert len(data["plans"]) == 5
    member = data["canonical"][0]["members"][0]
    assert {"file", "indicator_id", "name", "target"} <= set(member)

    assert main(["compare", str(tmp_path / "nowhere"), "-o", str(tmp_path / "x.xlsx")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["compare", str(tmp_path / "empty"), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert main(["compare", str(out), "--reference", str(tmp_path / "missing.json"),
                 "-o", str(tmp_path / "x.xlsx")]) == 1


def _plan(label: str, *targets: str) -> Plan:
    lines = "\n".join(f"{k}. {t}" for k, t in enumerate(targets, 1))
    text = f"ỦY BAN NHÂN DÂN {label.upper()}\nKẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC TIÊU\n{lines}\n"
    return Plan(f"{label}.json", label, extract_text(text, f"{label}.txt"))


def test_names_outside_the_catalogue_are_grouped_by_their_words() -> None:
    a = _plan("xã A", "Tỷ lệ trường học có camera giám sát an ninh đạt 80%.",
              "Tỷ lệ hộ gia đình có rác thải được phân loại đạt 40%.")
    b = _plan("xã B", "Tỷ lệ trường học trên địa bàn được lắp camera giám sát an ninh đạt 100%.",
              "Tỷ lệ chợ có wifi miễn phí đạt 50%.")
    alignment = align([a, b], catalogue=())
    similar = [c for c in alignment.canonical if c.matched_by == "similar"]
    assert [sorted(m.plan.label for m in c.members) for c in similar] == [["xã A", "xã B"]]
    assert "camera" in similar[0].name
    assert sorted(m.indicator.name[:20] for m in alignment.unaligned) == ["Tỷ lệ chợ có wifi mi", "Tỷ lệ hộ gia đình có"]


def test_compare_writes_into_the_folder_compared_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert main(["extract", *map(str, CORPUS_DOCS[:2]), "-o", str(out), "-q"]) == 0
    monkeypatch.chdir(tmp_path)
    assert main(["compare", str(out)]) == 0
    assert sorted(p.name for p in out.glob("compare.*")) == ["compare.csv", "compare.json", "compare.xlsx"]
    assert not list(tmp_path.glob("compare.*"))  # nothing in the current folder
    assert main(["compare", str(out), "-o", str(tmp_path / "c" / "ward.xlsx")]) == 0  # one name for all three
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["ward.csv", "ward.json", "ward.xlsx"]
    assert main(["compare", str(out)]) == 0  # its own outputs are not taken for plans the second time


def test_compare_takes_the_plans_of_the_batch_run_labelled_by_issuer_and_number(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for doc in CORPUS_DOCS[:2]:
        (folder / doc.name).write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--workers", "1", "-q"]) == 0
    # a plan JSON left from an earlier run is not one of this run's plans
    (out / "old").mkdir()
    (out / "old" / "earlier.txt.json").write_bytes((out / f"{CORPUS_DOCS[0].name}.json").read_bytes())
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert sorted(summary["outputs"]) == sorted(f"{d.name}.json" for d in CORPUS_DOCS[:2])
    plans, problems = load_folder(out)
    assert not problems
    assert sorted(p.file for p in plans) == sorted(summary["outputs"])
    for plan in plans:  # the issuer, then the number when the plan has one, then the file if two are alike
        meta = plan.document.metadata
        label = f"{meta.issuer} – {meta.number}" if meta.number else meta.issuer
        assert plan.label in (label, f"{label} ({plan.file.removesuffix('.json')})")
    assert main(["compare", str(out)]) == 0
    raw = (out / "compare.json").read_text(encoding="utf-8")
    assert "\\u" not in raw  # Vietnamese as it is written
    assert {p["file"] for p in json.loads(raw)["plans"]} == set(summary["outputs"])


def test_names_that_say_too_little_or_are_cut_off_make_no_canonical_row() -> None:
    plans = [_plan(f"xã {x}", "Dịch vụ tăng 8%.", "Tốc độ tăng bình quân đạt 7%.", "Số xã đạt chuẩn nông thôn mới so với")
             for x in "ABC"]
    alignment = align(plans, catalogue=())
    assert [c.name for c in alignment.canonical] == []
    assert len(alignment.unaligned) == sum(len(p.document.indicators) for p in plans)
    # a bracketed unit is not part of the name shown
    named = align([_plan(f"xã {x}", "Thu nhập bình quân đầu người (triệu đồng) đạt 60 triệu đồng.",
                         "Tỷ lệ trường học có camera giám sát đạt 50%.") for x in "AB"], catalogue=())
    assert [c.name for c in named.canonical] == ["Thu nhập bình quân đầu người", "Tỷ lệ trường học có camera giám sát"]


def test_a_target_without_a_unit_does_not_chain_a_share_and_an_amount_into_one_row() -> None:
    name = "Tổng thu ngân sách nhà nước trên địa bàn"
    plans = [_plan("xã A", f"{name} đạt 12%.", "Tỷ lệ trường học có camera giám sát đạt 50%."),
             _plan("xã B", f"{name} đạt 100.", "Tỷ lệ trường học có camera giám sát đạt 60%."),
             _plan("xã C", f"{name} đạt 6.000 tỷ đồng.", "Tỷ lệ trường học có camera giám sát đạt 70%.")]
    units = [[i.target.unit for i in p.document.indicators if "ngân sách" in i.name] for p in plans]
    assert units == [["%"], [None], ["tỷ đồng"]]
    alignment = align(plans, catalogue=())
    for canonical in alignment.canonical:
        kinds = {m.indicator.target.unit for m in canonical.members} - {None}
        assert len(kinds) <= 1, (canonical.name, kinds)
    assert any(len(c.members) == 3 for c in alignment.canonical)  # the cameras: one row of three plans
