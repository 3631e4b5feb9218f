"""A folder as an office receives it: scans, old Word files, Word, PDF, a portal page, text and a photo of
a page, side by side; one batch converts every file and exports them together."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS_DOCS, ROOT
from vn_plan_extract.cli import main
from vn_plan_extract.models import PlanDocument

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
AWKWARD = ROOT / "tests" / "fixtures" / "awkward"
TOOLS = shutil.which("tesseract") and (shutil.which("soffice") or shutil.which("libreoffice"))
pytestmark = pytest.mark.skipif(not TOOLS and not os.environ.get("CI"),
                                reason="needs Tesseract and LibreOffice (Debian: tesseract-ocr tesseract-ocr-vie "
                                       "libreoffice-writer-nogui)")


def _convert(source: Path, fmt: str, folder: Path) -> Path:
    office = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{folder / 'profile'}", "--convert-to", fmt,
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    return folder / f"{source.stem}.{fmt}"


def test_a_folder_of_every_form_converts_every_file(tmp_path: Path) -> None:
    import pypdfium2

    inbox = tmp_path / "in"
    inbox.mkdir()
    made = tmp_path / "made"
    made.mkdir()
    stems = [p.stem for p in CORPUS_DOCS]
    shutil.copy(AWKWARD / "scanned.pdf", inbox / "scan.pdf")
    shutil.copy(SEEDS / f"{stems[1]}.docx", inbox / "word.docx")
    shutil.copy(SEEDS / f"{stems[2]}.pdf", inbox / "layer.pdf")
    shutil.copy(CORPUS_DOCS[3], inbox / "text.txt")
    shutil.copy(_convert(SEEDS / f"{stems[4]}.docx", "doc", made), inbox / "old.doc")
    shutil.copy(_convert(SEEDS / f"{stems[0]}.docx", "html", made), inbox / "portal.html")
    document = pypdfium2.PdfDocument(str(SEEDS / f"{stems[0]}.pdf"))
    document[0].render(scale=200 / 72, grayscale=True).to_pil().save(inbox / "photo.png", dpi=(200, 200))
    document.close()

    out = tmp_path / "out"
    assert main(["batch", str(inbox), "-o", str(out), "--workers", "2", "-q"]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    names = sorted(p.name for p in inbox.iterdir())
    assert summary["converted"] == len(names) == 7
    assert (out / "errors.jsonl").read_text(encoding="utf-8").strip() == ""
    formats = {}
    for name in names:
        plan = PlanDocument.model_validate_json((out / f"{name}.json").read_bytes())
        assert plan.indicators, name
        formats[name] = (plan.source.format, plan.source.ocr_pages)
    assert formats["scan.pdf"] == ("pdf", [1])
    assert formats["layer.pdf"] == ("pdf", [])
    assert formats["photo.png"] == ("image", [1])
    assert formats["old.doc"][0] == "doc"
    assert formats["portal.html"][0] == "html"
    rows = (out / "indicators.csv").read_text(encoding="utf-8-sig").splitlines()
    assert {name for name in names if any(name in row for row in rows[1:])} == set(names)
