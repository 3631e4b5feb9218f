"""Read a plain-text or OCR-markdown plan: bytes in, NFC `SourceText` out.

Encodings seen in Vietnamese office files: UTF-8 (with or without BOM), UTF-16 (Notepad's "Unicode"),
and Windows-1258 from older Word/Notepad installs, whose tone marks are combining characters (NFC
composes them). A file that is none of these, or binary, is an `UnreadableDocument`.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

from .. import limits
from ..document import SourceText, line_starts_of
from ..errors import LimitExceeded, UnreadableDocument
from ._files import read_input_bytes

#: Share of control characters above which decoded text is taken for binary data.
_MAX_CONTROL_SHARE = 0.02
#: Vietnamese letters that only a right decoding yields; Windows-1258 text must show some of them.
_VIETNAMESE_MARKS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323")


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Characters a Windows-1258 reading of a Vietnamese file should not show often: symbols that stand
#: for letters in other code pages (TCVN3, VNI, or UTF-8 read byte by byte).
_UNEXPECTED_RE = re.compile(r"[^\w\u0300-\u036f\s.,;:!?()\[\]{}\"'“”‘’/\\%&+*=<>#@$–—…•·-]")
_MAX_UNEXPECTED_SHARE = 0.01
#: UTF-8 bytes of the Vietnamese letters U+1EA0–U+1EFF ("ạ" … "ỹ"): evidence a file is UTF-8.
_UTF8_VIETNAMESE_RE = re.compile(rb"\xe1[\xba\xbb][\x80-\xbf]")
_MIN_UTF8_EVIDENCE = 3


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL_RE.findall(text)) / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from NUL bytes on alternate positions (ASCII-heavy text)."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _plausible_vietnamese(text: str) -> bool:
    """Does text decoded with a single-byte code page read as Vietnamese, not as another encoding?"""
    sample = text[:20000]
    odd = len(_UNEXPECTED_RE.findall(sample))
    return bool(_VIETNAMESE_MARKS & set(sample)) and odd <= _MAX_UNEXPECTED_SHARE * max(1, len(sample))


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Decode plan bytes; return (text, encoding name, notes). Raises `UnreadableDocument`.

    Notes are (warning code, message) pairs for what was recovered by guessing.

    >>> decode_bytes("Kế hoạch".encode("utf-8"))[1]
    'utf-8'
    >>> decode_bytes(codecs.BOM_UTF8 + "Kế hoạch".encode("utf-8"))[:2]
    ('Kế hoạch', 'utf-8-sig')
    >>> decode_bytes("Kế hoạch".encode("utf-16"))[1]
    'utf-16'
    >>> text, enc, _ = decode_bytes("Hà Nô\u0323i".encode("cp1258"))  # tone marks are combining in cp1258
    >>> (unicodedata.normalize("NFC", text), enc)
    ('Hà Nội', 'cp1258')
    >>> decode_bytes("Kế hoạch đạt mức".encode("utf-8")[:-2])[2]  # cut inside "ứ"
    (('W003', '1 undecodable byte sequence(s) replaced (utf-8)'),)
    """
    if not data.strip(b" \t\r\n\x00"):
        raise UnreadableDocument(path, "the file is empty")
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and not _looks_utf16(data):
        raise UnreadableDocument(path, "the file is binary, not text")
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        guess = _looks_utf16(data)
        candidates = [guess] if guess else ["utf-8", "cp1258"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            if encoding.startswith("utf-8") and len(_UTF8_VIETNAMESE_RE.findall(data)) >= _MIN_UTF8_EVIDENCE:
                # UTF-8 with a few broken bytes (a truncated or damaged file): keep the rest
                text = data.decode(encoding, errors="replace")
                bad = text.count("\ufffd")
                if bad <= max(_MIN_UTF8_EVIDENCE, 0.001 * len(text)):
                    _check_not_binary(text, path)
                    return text, encoding, (("W003", f"{bad} undecodable byte sequence(s) replaced ({encoding})"),)
            continue
        _check_not_binary(text, path)
        if encoding == "cp1258" and not text.isascii() and not _plausible_vietnamese(text):
            continue
        notes = (("W002", f"decoded as {encoding}"),) if encoding in {"cp1258", "utf-16-le", "utf-16-be"} else ()
        return text, encoding, notes
    raise UnreadableDocument(
        path, "the text is not Vietnamese in UTF-8, UTF-16 or Windows-1258 "
              "(legacy TCVN3/VNI font encodings are not read)"
    )


def _check_not_binary(text: str, path: str | None) -> None:
    if "\x00" in text or _control_share(text) > _MAX_CONTROL_SHARE:
        raise UnreadableDocument(path, "the file is binary, not text")


def source_from_text(text: str, path: str | None = None, fmt: str = "txt",
                     raw: bytes | None = None, encoding: str = "str",
                     notes: tuple[tuple[str, str], ...] = ()) -> SourceText:
    """NFC-normalise text, make CRLF/CR into LF, and index its lines. Raises `LimitExceeded` for a text
    past the limits of size and lines."""
    lim = limits.current()
    if len(text) > lim.max_text_bytes:
        raise LimitExceeded(path, f"the text has {len(text) / 2**20:,.1f} million characters, more than the limit of "
                                  f"{lim.max_text_mb:g} MB")
    if text.count("\n") > lim.max_lines:
        raise LimitExceeded(path, f"the text has {text.count(chr(10)):,} lines, more than the limit of {lim.max_lines:,}")
    if _SURROGATE_RE.search(text):  # half of a UTF-16 pair, alone: no character at all
        text = _SURROGATE_RE.sub("\ufffd", text)
        notes = (*notes, ("W003", "lone surrogate code points replaced"))
    digest = hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()
    clean = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if clean.startswith("\ufeff"):
        clean = clean[1:]
    if not clean.strip():
        raise UnreadableDocument(path, "the file has no text")
    return SourceText(path=path, format=fmt, sha256=digest, text=clean,
                      line_starts=line_starts_of(clean), encoding=encoding, notes=notes)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def read_text_file(path: Path) -> SourceText:
    lim = limits.current()
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # reading it says why
    if size > lim.max_text_bytes:
        raise LimitExceeded(path, f"the file is {size / 2**20:,.1f} MB, more than the limit of {lim.max_text_mb:g} MB "
                                  "for a text plan")
    data = read_input_bytes(path)
    text, encoding, notes = decode_bytes(data, str(path))
    fmt = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
    return source_from_text(text, str(path), fmt, raw=data, encoding=encoding, notes=notes)
