"""Old Word, OpenDocument and RTF plans (.doc, .odt, .rtf), read through LibreOffice's .docx conversion: they
give what their Word original gives, and bad files, a missing or a hanging LibreOffice give clear errors.

The .doc, .odt and .rtf copies are LibreOffice's own saves of the Word seeds, made once for the module.
Without LibreOffice the tests that need it are skipped, except on CI (`CI` set), where they fail.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
import stat
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT
from vn_plan_extract import extract
from vn_plan_extract.document import SourceText
from vn_plan_extract.errors import MissingSystemTool, UnreadableDocument
from vn_plan_extract.models import PlanDocument
from vn_plan_extract.pipeline import run
from vn_plan_extract.readers import office
from vn_plan_extract.readers.office import read_office_file

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SEED_DOCS = sorted(SEEDS.glob("*.docx"))
FORMATS = ("doc", "odt", "rtf")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                   reason="LibreOffice (soffice) is not installed (on CI, with CI set, this fails instead)")

Indicator = tuple[str, str | None, float | None, str | None, int | None]


def _indicators(doc: PlanDocument) -> list[Indicator]:
    return [(i.name, i.target.comparator, i.target.value, i.target.unit, i.target_year) for i in doc.indicators]


@functools.cache
def _word_original(stem: str) -> list[Indicator]:
    return _indicators(extract(SEEDS / f"{stem}.docx"))


def _minimal(fmt: str) -> bytes:
    """The smallest bytes that pass the format check of `fmt` (LibreOffice would not make a plan of them)."""
    if fmt == "doc":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    if fmt == "rtf":
        return b"{\\rtf1\\ansi K\\'e1 ho\\'e1ch}"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    return out.getvalue()


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds saved by LibreOffice as .doc, .odt and .rtf: `<folder>/<fmt>/<stem>.<fmt>`."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is not installed, and CI must have it: apt-get install libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("office_copies")
    for fmt in FORMATS:  # one soffice run a format converts all the seeds
        subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                        "--convert-to", fmt, "--outdir", str(folder / fmt), *map(str, SEED_DOCS)],
                       check=True, capture_output=True, timeout=300)
        made = sorted(p.stem for p in (folder / fmt).glob(f"*.{fmt}"))
        assert made == [p.stem for p in SEED_DOCS], f"LibreOffice did not save every seed as .{fmt}"
    return folder


@pytest.fixture(scope="module")
def read_copy(copies: Path) -> Callable[[str, str], SourceText]:
    """Every copy read once for the module, a few at a time (each read is a LibreOffice run of about a second)."""
    keys = [(seed.stem, fmt) for seed in SEED_DOCS for fmt in FORMATS]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        sources = dict(zip(keys, pool.map(lambda key: read_office_file(copies / key[1] / f"{key[0]}.{key[1]}"), keys),
                           strict=True))
    return lambda stem, fmt: sources[stem, fmt]


_SAVE_WITH_PASSWORD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Main
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot; : load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(&quot;{source}&quot;, &quot;_blank&quot;, 0, load())
  Dim save(1) As New com.sun.star.beans.PropertyValue
  save(1).Name = &quot;Password&quot; : save(1).Value = &quot;mat-khau&quot;
  save(0).Name = &quot;FilterName&quot; : save(0).Value = &quot;MS Word 97&quot;
  doc.storeToURL(&quot;{folder}/plan.doc&quot;, save())
  save(0).Value = &quot;writer8&quot;
  doc.storeToURL(&quot;{folder}/plan.odt&quot;, save())
  doc.close(True)
End Sub
</script:module>
"""


@pytest.fixture(scope="module")
def encrypted(copies: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seed saved with a password as .doc and .odt (`--convert-to` cannot set one: a Basic macro does, run in
    the profile `copies` made, whose standard macro library then exists)."""
    assert SOFFICE is not None
    folder = tmp_path_factory.mktemp("office_encrypted")
    profile = copies / "profile"
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(
        _SAVE_WITH_PASSWORD.format(source=SEED_DOCS[0].as_uri(), folder=folder.as_uri()), encoding="utf-8")
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "macro:///Standard.Module1.Main"], check=True, capture_output=True, timeout=300)
    assert sorted(p.name for p in folder.iterdir()) == ["plan.doc", "plan.odt"], "the macro saved no encrypted copies"
    return folder


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder standing in for the shared temporary folder, to see what is left in it."""
    folder = tmp_path / "shared_tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@needs_soffice
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEED_DOCS, ids=lambda p: p.stem)
def test_office_copy_gives_the_indicators_of_the_word_original(seed: Path, fmt: str,
                                                                read_copy: Callable[[str, str], SourceText]) -> None:
    got = _indicators(run(read_copy(seed.stem, fmt)))
    assert got == _word_original(seed.stem)
    assert got  # every seed states targets: an empty reading must not pass as equal


@needs_soffice
@pytest.mark.parametrize("fmt", FORMATS)
def test_source_names_the_original_file_its_hash_and_format(fmt: str, copies: Path,
                                                             read_copy: Callable[[str, str], SourceText]) -> None:
    stem = SEED_DOCS[0].stem
    original = copies / fmt / f"{stem}.{fmt}"
    source = read_copy(stem, fmt)
    assert (source.path, source.format, source.encoding) == (str(original), fmt, fmt)
    assert source.sha256 == hashlib.sha256(original.read_bytes()).hexdigest()
    assert run(source).source.path == str(original)


BAD_INPUTS = [
    pytest.param("plan.doc", b"", "the file is empty", id="empty-doc"),
    pytest.param("plan.odt", b"", "the file is empty", id="empty-odt"),
    pytest.param("plan.rtf", b"", "the file is empty", id="empty-rtf"),
    pytest.param("plan.doc", "KẾ HOẠCH chuyển đổi số năm 2026\n".encode(), "not a Word 97-2003 document (.doc)",
                 id="text-renamed-doc"),
    pytest.param("plan.doc", b"{\\rtf1\\ansi x}", "not a Word 97-2003 document (.doc); it looks like an RTF document",
                 id="rtf-renamed-doc"),
    pytest.param("plan.rtf", b"KE HOACH", "not an RTF document (.rtf)", id="text-renamed-rtf"),
    pytest.param("plan.odt", b"KE HOACH", "not an OpenDocument text (.odt): not a valid ZIP package", id="text-renamed-odt"),
    pytest.param("plan.odt", (SEEDS / f"{SEED_DOCS[0].stem}.docx").read_bytes(),
                 "not an OpenDocument text (.odt): it has no mimetype member", id="docx-renamed-odt"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS)
def test_a_file_not_of_its_format_is_refused_before_anything_runs(name: str, data: bytes, reason: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no_programs_here"))  # refused before LibreOffice is looked for
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as caught:
        read_office_file(path)
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith(reason)


@needs_soffice
def test_a_truncated_doc_is_reported_as_not_openable(copies: Path, tmp_path: Path, private_tmp: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes((copies / "doc" / f"{SEED_DOCS[0].stem}.doc").read_bytes()[:5000])
    with pytest.raises(UnreadableDocument, match="LibreOffice could not open it"):
        read_office_file(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["plan.doc", private_tmp.name])
    assert list(private_tmp.iterdir()) == []


@needs_soffice
@pytest.mark.parametrize("fmt", ["doc", "odt"])
def test_a_password_protected_file_fails_at_once_without_asking(fmt: str, encrypted: Path) -> None:
    started = time.monotonic()
    with pytest.raises(UnreadableDocument, match=r"LibreOffice could not open it .*password-protected"):
        read_office_file(encrypted / f"plan.{fmt}")
    assert time.monotonic() - started < 30  # no password prompt waiting for the time limit


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_libreoffice_the_error_names_the_debian_package(fmt: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no_programs_here"))
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(_minimal(fmt))
    with pytest.raises(MissingSystemTool) as caught:
        read_office_file(path)
    assert caught.value.path == str(path)
    assert caught.value.reason == f"reading .{fmt} needs LibreOffice: install the Debian package libreoffice-writer-nogui"


def _running(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return False
    return fields[0] != "Z"  # a zombie has ended; only its parent has not collected it yet


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see which processes run")
def test_a_hanging_libreoffice_is_killed_at_the_time_limit(tmp_path: Path, private_tmp: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    # records its arguments, then waits on a child of its own: the whole group must go, not the shell only
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$FAKE_SOFFICE_ARGS"\nsleep 60 &\n'
                    'echo $$ $! > "$FAKE_SOFFICE_PIDS"\nwait\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_SOFFICE_ARGS", str(tmp_path / "args.txt"))
    monkeypatch.setenv("FAKE_SOFFICE_PIDS", str(tmp_path / "pids.txt"))
    monkeypatch.setattr(office, "CONVERT_TIMEOUT_S", 2)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    path = inputs / "--convert-to pdf kế hoạch; rm -rf.doc"  # a name that must never reach a command line
    path.write_bytes(_minimal("doc"))

    started = time.monotonic()
    with pytest.raises(UnreadableDocument, match="LibreOffice did not finish converting it within 2 s"):
        read_office_file(path)
    assert time.monotonic() - started < 5

    pids = [int(p) for p in (tmp_path / "pids.txt").read_text().split()]
    deadline = time.monotonic() + 2  # the killed sleep is collected by init, which may take a moment
    while any(map(_running, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_running, pids)), "a LibreOffice process outlived the time limit"
    args = (tmp_path / "args.txt").read_text().splitlines()
    assert args[0].startswith(f"-env:UserInstallation={private_tmp.as_uri()}/")
    assert Path(args[-1]).name == "input.doc"
    assert not any("kế hoạch" in a for a in args)
    assert list(inputs.iterdir()) == [path]
    assert list(private_tmp.iterdir()) == []


@needs_soffice
def test_two_conversions_at_once_both_succeed_and_leave_nothing_behind(copies: Path, tmp_path: Path, private_tmp: Path,
                                                                       read_copy: Callable[[str, str], SourceText]) -> None:
    stems = [SEED_DOCS[0].stem, SEED_DOCS[1].stem]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    paths = [inputs / f"{stem}.doc" for stem in stems]
    for stem, path in zip(stems, paths, strict=True):
        shutil.copyfile(copies / "doc" / f"{stem}.doc", path)
    with ThreadPoolExecutor(max_workers=2) as pool:
        sources = list(pool.map(read_office_file, paths))
    for stem, path, source in zip(stems, paths, sources, strict=True):
        assert source.path == str(path)
        assert source.text == read_copy(stem, "doc").text
    assert sorted(inputs.iterdir()) == sorted(paths)
    assert list(private_tmp.iterdir()) == []
