"""Read older Word and other office plans (.doc, .odt, .rtf) by having LibreOffice turn them into .docx.

Many communes still publish plans as Word 97-2003 .doc files, and some as OpenDocument or RTF. Rather than
parse three more formats, LibreOffice (headless) converts the file to .docx and the Word reader reads that,
so numbering, tables and merged cells are handled in one place.

- The input is checked before anything runs: an empty file, or one whose first bytes are not those of its
  format, is refused with the reason. LibreOffice itself would read a text file named .doc as text.
- The conversion runs in a private temporary folder (removed afterwards, also on error or timeout): the
  input is copied there under a fixed name, so the file's own name never reaches a command line, and
  LibreOffice gets its own user profile there, so conversions running at the same time never share one
  (a second soffice started on a profile in use hands its command to the running one, and a conversion
  can silently not happen).
- LibreOffice runs in a session of its own with a time limit; past the limit the whole process group is
  killed. It exits with 0 even when it could not load the file, so the output file is what counts.

The `SourceText` names the original file, its SHA-256 and its format ("doc", "odt", "rtf"); its lines are
those of the converted .docx. LibreOffice's conversion is not always faithful to Word's automatic
numbering (a list that restarts, or continues after a restart, may be numbered anew), so a heading's
number read from these files can differ from what Word shows; the text and the tables come through.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path

from ..document import SourceText
from ..errors import MissingSystemTool, UnreadableDocument, UnsupportedFormat
from ._files import read_input_bytes
from .docx import read_docx_file

logger = logging.getLogger(__name__)

#: Seconds LibreOffice may take to convert one file; a plan takes about one. Past this it is killed.
CONVERT_TIMEOUT_S = 120
#: The Debian package that brings a headless LibreOffice Writer (named in the error when it is missing).
LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (and Excel, PowerPoint) compound file
_RTF_MAGIC = b"{\\rtf"
_ZIP_MAGIC = b"PK\x03\x04"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
#: What each suffix must be, for the error when it is not.
_FORMAT_NAMES = {".doc": "a Word 97-2003 document (.doc)", ".odt": "an OpenDocument text (.odt)",
                 ".rtf": "an RTF document (.rtf)"}
OFFICE_SUFFIXES = frozenset(_FORMAT_NAMES)


def _looks_like(data: bytes) -> str | None:
    """What the bytes seem to be, for an error message (None when nothing is recognised).

    >>> _looks_like(b"{\\\\rtf1\\\\ansi"), _looks_like(b"%PDF-1.7"), _looks_like(b"hello")
    ('an RTF document', 'a PDF', None)
    """
    if data.startswith(_RTF_MAGIC):
        return "an RTF document"
    if data.startswith(_OLE2_MAGIC):
        return "a Word 97-2003 or other Microsoft Office file"
    if data.startswith(_ZIP_MAGIC):
        return "a ZIP package (a .docx, .odt or .xlsx, perhaps)"
    if data.startswith(b"%PDF-"):
        return "a PDF"
    return None


def _check_format(path: Path, suffix: str, data: bytes) -> None:
    """Raise `UnreadableDocument` unless the bytes start as a file of this suffix does."""
    if not data:
        raise UnreadableDocument(path, "the file is empty")
    if suffix == ".odt":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                mimetype = zf.read("mimetype").strip() if "mimetype" in zf.namelist() else None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError):
            raise UnreadableDocument(path, f"not {_FORMAT_NAMES[suffix]}: not a valid ZIP package, or a damaged or "
                                           "truncated one") from None
        if mimetype != _ODT_MIMETYPE:
            found = f"its mimetype is {mimetype.decode('ascii', 'replace')!r}" if mimetype else "it has no mimetype member"
            raise UnreadableDocument(path, f"not {_FORMAT_NAMES[suffix]}: {found}")
        return
    magic = _OLE2_MAGIC if suffix == ".doc" else _RTF_MAGIC
    if not data.startswith(magic):
        seems = _looks_like(data)
        raise UnreadableDocument(path, f"not {_FORMAT_NAMES[suffix]}" + (f"; it looks like {seems}" if seems else ""))


def _soffice(path: Path, suffix: str) -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise MissingSystemTool(path, f"reading {suffix} needs LibreOffice: install the Debian package {LIBREOFFICE_PACKAGE}")
    return found


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice's whole process group (soffice starts soffice.bin), then reap it.

    Called before the group's leader is reaped, so its id still names this group and no other.
    """
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def _convert(path: Path, soffice: str, source: Path, out_dir: Path, profile: Path) -> Path:
    """Run LibreOffice on `source` (inside the private folder); return the .docx it wrote."""
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
               "--nolockcheck", "--convert-to", "docx", "--outdir", str(out_dir), str(source)]
    limit = CONVERT_TIMEOUT_S
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=source.parent, start_new_session=True)
    try:
        _, stderr = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise UnreadableDocument(path, f"LibreOffice did not finish converting it within {limit} s") from None
    except BaseException:  # interrupted while waiting (Ctrl-C): leave no LibreOffice running
        _kill_group(proc)
        raise
    said = " ".join(stderr.decode("utf-8", "replace").split())
    converted = out_dir / f"{source.stem}.docx"
    if proc.returncode != 0:
        raise UnreadableDocument(path, f"LibreOffice failed converting it (exit status {proc.returncode})"
                                       + (f": {said[-300:]}" if said else ""))
    if not converted.is_file():
        # LibreOffice exits with 0 after "Error: source file could not be loaded"
        raise UnreadableDocument(path, "LibreOffice could not open it (damaged, truncated or password-protected)")
    return converted


def read_office_file(path: Path) -> SourceText:
    """Render a .doc, .odt or .rtf plan as plan text lines, through LibreOffice's .docx conversion.

    Raises `UnreadableDocument` for a file that is not of its format or cannot be converted, and
    `MissingSystemTool` when LibreOffice is not installed.
    """
    suffix = path.suffix.lower()
    if suffix not in OFFICE_SUFFIXES:
        raise UnsupportedFormat(path, f"not an office file LibreOffice is asked to read: {suffix or '(none)'!r}; "
                                      f"supported: {', '.join(sorted(OFFICE_SUFFIXES))}")
    data = read_input_bytes(path)
    _check_format(path, suffix, data)
    soffice = _soffice(path, suffix)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vn_plan_extract_office_") as tmp:
        folder = Path(tmp)  # created readable by this user only
        source = folder / f"input{suffix}"  # a fixed, safe name: the original's name never reaches soffice
        source.write_bytes(data)
        converted = _convert(path, soffice, source, folder / "out", folder / "profile")
        try:
            read = read_docx_file(converted)
        except UnreadableDocument as exc:  # the reason, with the original file's name instead of the copy's
            raise UnreadableDocument(path, exc.reason) from None
    logger.debug("%s: converted by LibreOffice in %.1f s", path, time.perf_counter() - started)
    fmt = suffix.lstrip(".")
    return replace(read, path=str(path), format=fmt, sha256=hashlib.sha256(data).hexdigest(), encoding=fmt)
