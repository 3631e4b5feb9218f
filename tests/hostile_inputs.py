"""Hostile inputs for the reader boundary: damaged and adversarial .docx, .pdf, text files and file names.

Each `make_<kind>(folder)` writes one file into `folder` and returns its path; `CASES` maps a case name to
its function. Files are small on disk (under ~2 MB) and, except the two streamed ZIP bombs (a few seconds:
they deflate 0.5-1 GB), are made in well under a second. Seeds: tests/fixtures/seeds (docx, pdf) and
corpus/000_*.txt (text). Nothing here runs the extractor; scripts/hostile_campaign.py does.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
#: A .docx with data tables (an "STT" header) and multi-level Word numbering.
SEED_DOCX = SEEDS / "002_041fe1f3cc3f1776.docx"
SEED_PDF = SEEDS / "000_6bf0ca8f79bfd109.pdf"
#: The seeds folder has no .txt: the corpus text of the same plan stands in.
SEED_TXT = ROOT / "corpus" / "000_6bf0ca8f79bfd109.txt"

DOCUMENT_XML = "word/document.xml"
NUMBERING_XML = "word/numbering.xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: A short plan opening, so that text cases read as a plan up to the hostile part.
PREAMBLE = (
    "ỦY BAN NHÂN DÂN\nPHƯỜNG TAM PHƯỚC\n\nKẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n\n"
    "Căn cứ Kế hoạch số 03-KH/BCĐ ngày 16/01/2026 của Ban Chỉ đạo tỉnh Đồng Nai;\n\n"
)
TEXT_SIZE = 300_000  # bytes, for the "few hundred KB" text cases


# --------------------------------------------------------------------------------------------- helpers


def _docx_members(seed: Path = SEED_DOCX) -> dict[str, bytes]:
    with zipfile.ZipFile(seed) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _write_docx(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _docx_with(folder: Path, name: str, edit: Callable[[dict[str, bytes]], None]) -> Path:
    """The seed .docx with its members changed in place by `edit`, written as `folder/name`."""
    members = _docx_members()
    edit(members)
    return _write_docx(folder / name, members)


def _sub_document(members: dict[str, bytes], old: str, new: str, count: int = 1) -> None:
    text = members[DOCUMENT_XML].decode("utf-8")
    if old not in text:
        raise ValueError(f"seed document.xml has no {old!r}")
    members[DOCUMENT_XML] = text.replace(old, new, count).encode("utf-8")


def _after_body(members: dict[str, bytes], xml: str) -> None:
    """Insert `xml` at the start of the body."""
    _sub_document(members, "<w:body>", "<w:body>" + xml)


def _add_numbering(members: dict[str, bytes], abstract_xml: str, num_xml: str) -> None:
    """Add an abstractNum (before the first w:num, as the schema orders them) and a w:num."""
    text = members[NUMBERING_XML].decode("utf-8")
    first_num = text.index("<w:num ")
    text = text[:first_num] + abstract_xml + text[first_num:]
    text = text.replace("</w:numbering>", num_xml + "</w:numbering>")
    members[NUMBERING_XML] = text.encode("utf-8")


def _para(text: str, num_id: str | None = None, ilvl: str | None = None) -> str:
    num = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    return f"<w:p>{num}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _first_data_cell_tcpr_end(text: str) -> int:
    """Offset of the first `</w:tcPr>` in the seed's second table (its first data table)."""
    second_table = text.index("<w:tbl>", text.index("<w:tbl>") + 1)
    return text.index("</w:tcPr>", second_table)


def _eocd_central_offset(data: bytes) -> int:
    eocd = data.rindex(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, eocd + 16)
    return int(offset)


def _patch_zip_headers(data: bytearray, member: str, patch: Callable[[bytearray, int, bool], None]) -> None:
    """Call `patch(data, header_offset, is_central)` on the local and the central header of `member`."""
    pos = _eocd_central_offset(bytes(data))
    found = False
    while data[pos:pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        name = bytes(data[pos + 46:pos + 46 + name_len]).decode("utf-8")
        if name == member:
            (local,) = struct.unpack_from("<I", data, pos + 42)
            patch(data, int(local), False)
            patch(data, pos, True)
            found = True
        pos += 46 + name_len + extra_len + comment_len
    if not found:
        raise ValueError(f"no ZIP member {member}")


def _member_data_span(data: bytes, member: str) -> tuple[int, int]:
    """(start, length) of the compressed bytes of `member` in a ZIP without data descriptors."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


def _repeat_lines(path: Path, lines: Callable[[int], str], size: int = TEXT_SIZE, heading: str = "I. MỤC TIÊU CỤ THỂ\n") -> Path:
    """PREAMBLE, `heading`, then `lines(i)` for i = 0, 1, … until the file has `size` bytes."""
    parts = [PREAMBLE, heading]
    total = len((PREAMBLE + heading).encode("utf-8"))
    i = 0
    while total < size:
        line = lines(i) + "\n"
        parts.append(line)
        total += len(line.encode("utf-8"))
        i += 1
    path.write_text("".join(parts), encoding="utf-8")
    return path


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                           (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF from object bodies (object i + 1 is objects[i]; object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _seed_text() -> str:
    return SEED_TXT.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------ docx


def make_docx_zlib_flip(folder: Path) -> Path:
    """The seed .docx rewritten, then one byte of word/document.xml's deflated data flipped in place (the first
    position, from a third of the way on, at which raw inflate fails: a zlib error, not only a CRC mismatch)."""
    path = _write_docx(folder / "docx_zlib_flip.docx", _docx_members())
    data = bytearray(path.read_bytes())
    start, length = _member_data_span(bytes(data), DOCUMENT_XML)
    for pos in [*range(start + length // 3, start + length), *range(start, start + length // 3)]:
        trial = bytearray(data[start:start + length])
        trial[pos - start] ^= 0xFF
        try:
            zlib.decompressobj(-15).decompress(bytes(trial))
        except zlib.error:
            data[pos] ^= 0xFF
            break
    else:
        raise RuntimeError("no byte flip broke the deflate stream")
    path.write_bytes(bytes(data))
    return path


def make_docx_invalid_xml(folder: Path) -> Path:
    """word/document.xml cut mid-way (not well-formed XML: an unclosed tag and elements)."""
    def edit(members: dict[str, bytes]) -> None:
        members[DOCUMENT_XML] = members[DOCUMENT_XML][: len(members[DOCUMENT_XML]) // 2] + b"<w:p><w:r><w:t>&bogus"
    return _docx_with(folder, "docx_invalid_xml.docx", edit)


def make_docx_wrong_root(folder: Path) -> Path:
    """word/document.xml whose root element is <w:numbering> instead of <w:document> (the body kept inside)."""
    def edit(members: dict[str, bytes]) -> None:
        text = members[DOCUMENT_XML].decode("utf-8")
        text = text.replace("<w:document ", "<w:numbering ", 1).replace("</w:document>", "</w:numbering>")
        members[DOCUMENT_XML] = text.encode("utf-8")
    return _docx_with(folder, "docx_wrong_root.docx", edit)


def make_docx_ilvl_abc(folder: Path) -> Path:
    """Every numbered paragraph's w:ilvl in word/document.xml set to "abc"."""
    def edit(members: dict[str, bytes]) -> None:
        text = re.sub(r'<w:ilvl w:val="\d+"/>', '<w:ilvl w:val="abc"/>', members[DOCUMENT_XML].decode("utf-8"))
        members[DOCUMENT_XML] = text.encode("utf-8")
    return _docx_with(folder, "docx_ilvl_abc.docx", edit)


def make_docx_start_x(folder: Path) -> Path:
    """Every level's start in word/numbering.xml set to w:start w:val="x"."""
    def edit(members: dict[str, bytes]) -> None:
        text = re.sub(r'<w:start w:val="\d+"/>', '<w:start w:val="x"/>', members[NUMBERING_XML].decode("utf-8"))
        members[NUMBERING_XML] = text.encode("utf-8")
    return _docx_with(folder, "docx_start_x.docx", edit)


def make_docx_gridspan_zz(folder: Path) -> Path:
    """<w:gridSpan w:val="zz"/> added to the first cell of the seed's first data table."""
    def edit(members: dict[str, bytes]) -> None:
        text = members[DOCUMENT_XML].decode("utf-8")
        at = _first_data_cell_tcpr_end(text)
        members[DOCUMENT_XML] = (text[:at] + '<w:gridSpan w:val="zz"/>' + text[at:]).encode("utf-8")
    return _docx_with(folder, "docx_gridspan_zz.docx", edit)


def make_docx_encrypted_flag(folder: Path) -> Path:
    """The seed rewritten, then general-purpose flag bit 0 ("encrypted") set on word/document.xml in both its
    local and its central ZIP header (the data itself unchanged)."""
    path = _write_docx(folder / "docx_encrypted_flag.docx", _docx_members())
    data = bytearray(path.read_bytes())

    def patch(buf: bytearray, at: int, central: bool) -> None:
        field = at + (8 if central else 6)
        (flags,) = struct.unpack_from("<H", buf, field)
        struct.pack_into("<H", buf, field, flags | 1)

    _patch_zip_headers(data, DOCUMENT_XML, patch)
    path.write_bytes(bytes(data))
    return path


def make_docx_unknown_method(folder: Path) -> Path:
    """The seed rewritten, then word/document.xml's compression method set to 99 in both ZIP headers."""
    path = _write_docx(folder / "docx_unknown_method.docx", _docx_members())
    data = bytearray(path.read_bytes())

    def patch(buf: bytearray, at: int, central: bool) -> None:
        struct.pack_into("<H", buf, at + (10 if central else 8), 99)

    _patch_zip_headers(data, DOCUMENT_XML, patch)
    path.write_bytes(bytes(data))
    return path


_XXE_DOCTYPE = '<!DOCTYPE {root} SYSTEM "file:///etc/passwd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def make_docx_xxe_numbering(folder: Path) -> Path:
    """word/numbering.xml given <!DOCTYPE w:numbering SYSTEM "file:///etc/passwd" [<!ENTITY xxe SYSTEM
    "file:///etc/passwd">]> and an &xxe; reference in an element's content (a w:name of an abstractNum)."""
    def edit(members: dict[str, bytes]) -> None:
        text = members[NUMBERING_XML].decode("utf-8")
        decl_end = text.index("?>") + 2
        text = text[:decl_end] + _XXE_DOCTYPE.format(root="w:numbering") + text[decl_end:]
        text = text.replace("<w:multiLevelType", "<w:name>&xxe;</w:name><w:multiLevelType", 1)
        members[NUMBERING_XML] = text.encode("utf-8")
    return _docx_with(folder, "docx_xxe_numbering.docx", edit)


def make_docx_xxe_document(folder: Path) -> Path:
    """word/document.xml given the same external DOCTYPE and entity, with &xxe; in the first paragraph's text
    (if resolved, /etc/passwd would land in the output: the campaign looks for "root:")."""
    def edit(members: dict[str, bytes]) -> None:
        text = members[DOCUMENT_XML].decode("utf-8")
        decl_end = text.index("?>") + 2
        text = text[:decl_end] + _XXE_DOCTYPE.format(root="w:document") + text[decl_end:]
        members[DOCUMENT_XML] = text.encode("utf-8")
        _after_body(members, _para("Tệp: &xxe;"))
    return _docx_with(folder, "docx_xxe_document.docx", edit)


def make_docx_billion_laughs(folder: Path) -> Path:
    """word/document.xml with the "billion laughs" internal entities (lol1 … lol9, ten references each) and
    &lol9; in a paragraph's text (10^9 "lol" if expanded)."""
    refs = ["&lol;" * 10] + [f"&lol{i};" * 10 for i in range(1, 9)]
    entities = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{ref}">' for i, ref in enumerate(refs, start=1)]
    doctype = "<!DOCTYPE w:document [" + "".join(entities) + "]>"

    def edit(members: dict[str, bytes]) -> None:
        text = members[DOCUMENT_XML].decode("utf-8")
        decl_end = text.index("?>") + 2
        members[DOCUMENT_XML] = (text[:decl_end] + doctype + text[decl_end:]).encode("utf-8")
        _after_body(members, _para("&lol9;"))
    return _docx_with(folder, "docx_billion_laughs.docx", edit)


def make_docx_nested_tables(folder: Path) -> Path:
    """300 tables nested one in another's single cell (w:tbl/w:tr/w:tc, 900+ elements deep), at the body's start."""
    depth = 300
    opening = '<w:tbl><w:tblGrid><w:gridCol w:w="500"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Tầng</w:t></w:r></w:p>'
    xml = opening * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth + "<w:p/>"
    return _docx_with(folder, "docx_nested_tables.docx", lambda m: _after_body(m, xml))


def _stream_member(path: Path, head: bytes, unit: bytes, total: int, tail: bytes) -> Path:
    """The seed .docx with word/document.xml = head + unit repeated to `total` bytes + tail, streamed into the
    ZIP in 4 MB writes (ZIP_DEFLATED, level 9, zip64), so little memory is used."""
    members = _docx_members()
    chunk = unit * max(1, (4 << 20) // len(unit))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members.items():
            if name != DOCUMENT_XML:
                zf.writestr(name, data)
        with zf.open(DOCUMENT_XML, "w", force_zip64=True) as out:
            out.write(head)
            written = 0
            while written < total:
                piece = chunk if total - written >= len(chunk) else unit * ((total - written) // len(unit) + 1)
                out.write(piece)
                written += len(piece)
            out.write(tail)
    return path


def _document_head() -> bytes:
    text = _docx_members()[DOCUMENT_XML].decode("utf-8")
    return text[: text.index("<w:body>") + len("<w:body>")].encode("utf-8")


def make_docx_zip_bomb(folder: Path) -> Path:
    """A ZIP bomb: word/document.xml inflates to ~1 GiB (a few real paragraphs, then empty paragraphs <w:p/>
    repeated: the shortest period deflate packs ~690:1), ~1.5 MB on disk. Takes ~3 s to make."""
    head = _document_head() + (_para("KẾ HOẠCH") + _para("I. MỤC TIÊU") + _para("- Tỷ lệ hộ dân đạt 80%.")).encode("utf-8")
    return _stream_member(folder / "docx_zip_bomb.docx", head, b"<w:p/>", 1 << 30, b"</w:body></w:document>")


def make_docx_huge_text_node(folder: Path) -> Path:
    """One <w:t> holding ~500 MB of text ("80% " repeated), streamed; ~0.5 MB on disk. Takes ~1.5 s to make."""
    head = _document_head() + (_para("KẾ HOẠCH") + "<w:p><w:r><w:t>").encode("utf-8")
    return _stream_member(folder / "docx_huge_text_node.docx", head, b"80% ", 500_000_000,
                          b"</w:t></w:r></w:p></w:body></w:document>")


def make_docx_huge_start(folder: Path) -> Path:
    """A numbering definition (abstractNum/num 900) whose level 0 is upperRoman starting at 1000000000 and whose
    level 1 is lowerLetter starting at 100000000000, used by six paragraphs at the body's start."""
    abstract = (
        '<w:abstractNum w:abstractNumId="900"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1000000000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="100000000000"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        "</w:abstractNum>"
    )
    num = '<w:num w:numId="900"><w:abstractNumId w:val="900"/></w:num>'
    paras = "".join(_para(t, "900", lvl) for t, lvl in (("MỤC TIÊU", "0"), ("Chỉ tiêu đạt 80%", "1"), ("Chỉ tiêu đạt 90%", "1"),
                                                         ("NHIỆM VỤ", "0"), ("Triển khai", "1"), ("Kiểm tra", "1")))

    def edit(members: dict[str, bytes]) -> None:
        _add_numbering(members, abstract, num)
        _after_body(members, paras)
    return _docx_with(folder, "docx_huge_start.docx", edit)


def make_docx_nine_levels(folder: Path) -> Path:
    """A 9-level numbering definition (abstractNum/num 901, level n's text "%1.%2.….%n.") used on paragraphs
    9 deep: levels 0 … 8 in turn, 50 times over."""
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{k}" for k in range(1, n + 2))}."/></w:lvl>'
        for n in range(9)
    )
    abstract = f'<w:abstractNum w:abstractNumId="901"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    num = '<w:num w:numId="901"><w:abstractNumId w:val="901"/></w:num>'
    paras = "".join(_para(f"Nội dung cấp {n + 1}, chỉ tiêu đạt {80 + n}%", "901", str(n)) for _ in range(50) for n in range(9))

    def edit(members: dict[str, bytes]) -> None:
        _add_numbering(members, abstract, num)
        _after_body(members, paras)
    return _docx_with(folder, "docx_nine_levels.docx", edit)


def make_docx_gridspan_5000(folder: Path) -> Path:
    """<w:gridSpan w:val="5000"/> added to the first cell of the seed's first data table."""
    def edit(members: dict[str, bytes]) -> None:
        text = members[DOCUMENT_XML].decode("utf-8")
        at = _first_data_cell_tcpr_end(text)
        members[DOCUMENT_XML] = (text[:at] + '<w:gridSpan w:val="5000"/>' + text[at:]).encode("utf-8")
    return _docx_with(folder, "docx_gridspan_5000.docx", edit)


# ------------------------------------------------------------------------------------------------- pdf


def make_pdf_20000_pages(folder: Path) -> Path:
    """A hand-written PDF of 20,000 blank A4 pages: one Pages node (holding the inherited MediaBox and Resources)
    and 20,000 minimal page objects "<< /Type /Page /Parent 2 0 R >>" (~1.6 MB)."""
    count = 20_000
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /MediaBox [0 0 595 842] /Resources << >> /Kids [%s] >>" % (count, kids),
        _stream(b""),  # unused: keeps the first page at object 4
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R >>"] * count
    path = folder / "pdf_20000_pages.pdf"
    path.write_bytes(_pdf(objects))
    return path


def make_pdf_char_flood(folder: Path) -> Path:
    """One A4 page whose single (deflated) content stream draws ~200,000 characters of 1 pt Helvetica: 400 lines
    of 500 characters ("Chi tieu 80% " repeated), written by hand (reportlab is not a dependency)."""
    line = (b"Chi tieu 80% " * 40)[:500]
    ops = [b"BT /F1 1 Tf 1.2 TL 20 820 Td"]
    ops += [b"(" + line + b") Tj T*" for _ in range(400)]
    ops.append(b"ET")
    content = zlib.compress(b"\n".join(ops), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content, b"/Filter /FlateDecode "),
        _HELVETICA,
    ]
    path = folder / "pdf_char_flood.pdf"
    path.write_bytes(_pdf(objects))
    return path


def _content_streams(data: bytes) -> Iterator[tuple[int, int]]:
    """(start, length) of each deflated stream of `data` whose inflated bytes hold text operators (BT … Tj/TJ)."""
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        try:
            inflated = zlib.decompressobj().decompress(data[start:end])
        except zlib.error:
            continue
        if b"BT" in inflated and (b"Tj" in inflated or b"TJ" in inflated):
            yield start, end - start


def make_pdf_damaged_stream(folder: Path) -> Path:
    """The seed PDF with the middle third of its first text content stream's deflated bytes overwritten by 0x55
    (same length, so the xref stays right): inflate fails part-way and the text after it is lost."""
    data = bytearray(SEED_PDF.read_bytes())
    start, length = next(_content_streams(bytes(data)))
    lo, hi = start + length // 3, start + 2 * length // 3
    data[lo:hi] = b"\x55" * (hi - lo)
    path = folder / "pdf_damaged_stream.pdf"
    path.write_bytes(bytes(data))
    return path


def make_pdf_truncated(folder: Path) -> Path:
    """The seed PDF cut to its first 40% (no xref, no trailer, a stream cut mid-way)."""
    data = SEED_PDF.read_bytes()
    path = folder / "pdf_truncated.pdf"
    path.write_bytes(data[: len(data) * 2 // 5])
    return path


def make_pdf_encrypted(folder: Path) -> Path:
    """A one-page PDF encrypted by hand with the standard security handler, RC4 40-bit (V 1, R 2), user password
    "hostile" and owner password "owner" (pypdfium2 cannot encrypt and pikepdf/pypdf are not installed): it
    cannot be opened without the password."""
    user, owner = b"hostile", b"owner"
    permissions = -44
    file_id = hashlib.md5(b"vn_plan_extract hostile").digest()
    o_value = _rc4(hashlib.md5((owner + _PDF_PAD)[:32]).digest()[:5], (user + _PDF_PAD)[:32])
    key = hashlib.md5((user + _PDF_PAD)[:32] + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
    u_value = _rc4(key, _PDF_PAD)

    def encrypt(obj_num: int, data: bytes) -> bytes:
        obj_key = hashlib.md5(key + struct.pack("<I", obj_num)[:3] + b"\x00\x00").digest()[:10]
        return _rc4(obj_key, data)

    content = b"BT /F1 14 Tf 72 760 Td (KE HOACH chuyen doi so nam 2026) Tj 0 -24 Td (I. MUC TIEU) Tj 0 -24 Td " \
              b"(- Ty le ho dan dat 80%.) Tj ET"
    encrypt_dict = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P %d >>" % (
        o_value.hex().encode(), u_value.hex().encode(), permissions)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(encrypt(4, content)),
        _HELVETICA,
        encrypt_dict,
    ]
    trailer = b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode())
    path = folder / "pdf_encrypted.pdf"
    path.write_bytes(_pdf(objects, trailer))
    return path


def make_pdf_empty(folder: Path) -> Path:
    """An empty file (0 bytes) named .pdf."""
    path = folder / "pdf_empty.pdf"
    path.write_bytes(b"")
    return path


# ------------------------------------------------------------------------------------------------ text


def make_txt_tu_den(folder: Path) -> Path:
    """~300 KB of bullet lines each holding a "từ X% đến Y%" range, ten ranges a line."""
    def line(i: int) -> str:
        ranges = ", ".join(f"từ {(i + k) % 90}% đến {(i + k) % 90 + 5}%" for k in range(10))
        return f"- Tỷ lệ hộ dân sử dụng dịch vụ công trực tuyến tăng {ranges} trong năm 2026."
    return _repeat_lines(folder / "txt_tu_den.txt", line)


def make_txt_top_n(folder: Path) -> Path:
    """~300 KB of lines with "Top N" repeated forty times each."""
    return _repeat_lines(folder / "txt_top_n.txt",
                         lambda i: "- Phấn đấu " + " ".join(f"Top {i % 50 + 1}" for _ in range(40)) + " của tỉnh.")


def make_txt_so_voi(folder: Path) -> Path:
    """~300 KB of lines with "so với" repeated forty times each, between a percentage and a year."""
    return _repeat_lines(folder / "txt_so_voi.txt", lambda i: f"- Tăng {i % 30 + 1}% " + "so với " * 40 + "năm 2025.")


def make_txt_trong_do(folder: Path) -> Path:
    """~300 KB of lines with "trong đó" repeated forty times each, between percentages."""
    return _repeat_lines(folder / "txt_trong_do.txt",
                         lambda i: f"- Tỷ lệ đạt {i % 90 + 10}%, " + "trong đó " * 40 + f"{i % 50}% ở nông thôn.")


def make_txt_spaced_digits(folder: Path) -> Path:
    """~300 KB of lines of 1,000 single digits separated by spaces ("1 2 3 4 5 …"), each ending in "%"."""
    return _repeat_lines(folder / "txt_spaced_digits.txt", lambda i: "- " + " ".join(str((i + k) % 10) for k in range(1000)) + "%")


def make_txt_roman_headings(folder: Path) -> Path:
    """20,000 Roman-numeral headings "I. …", "II. …", … "MMMMMMMMMMMMMMMMMMMM. …", one a line (~800 KB)."""
    path = folder / "txt_roman_headings.txt"
    lines = [f"{_roman(n)}. NHIỆM VỤ THỨ {n}" for n in range(1, 20_001)]
    path.write_text(PREAMBLE + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_txt_decimal_headings(folder: Path) -> Path:
    """20,000 decimal headings in outline order ("1.", "1.1.", "1.1.1.", … up to six levels), one a line."""
    counters: list[int] = []
    lines = []
    for i in range(20_000):
        depth = 1 + (i * 7) % 6 if counters else 1
        depth = min(depth, len(counters) + 1)
        counters = counters[:depth]
        if len(counters) < depth:
            counters.append(0)
        counters[-1] += 1
        lines.append(".".join(map(str, counters)) + f". Nội dung {i}, chỉ tiêu đạt {i % 100}%")
    path = folder / "txt_decimal_headings.txt"
    path.write_text(PREAMBLE + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_txt_latex_geq(folder: Path) -> Path:
    r"""~300 KB of lines with LaTeX "$\geq$" runs: a target "$\geq$ N%" then "$\geq$" twenty times unspaced."""
    return _repeat_lines(folder / "txt_latex_geq.txt",
                         lambda i: f"- Tỷ lệ hồ sơ trực tuyến $\\geq$ {i % 100}%; " + "$\\geq$" * 20 + f" {i % 7}%")


def make_txt_64mb(folder: Path) -> Path:
    """A 64 MiB text file: the seed text repeated, written in ~1 MB chunks."""
    unit = _seed_text().encode("utf-8")
    chunk = unit * max(1, (1 << 20) // len(unit))
    path = folder / "txt_64mb.txt"
    total = 64 << 20
    with path.open("wb") as out:
        written = 0
        while written < total:
            piece = chunk[: total - written]
            out.write(piece)
            written += len(piece)
    return path


def make_txt_lone_surrogate(folder: Path) -> Path:
    """The seed text with the UTF-8-style encoding of a lone surrogate (bytes ED A0 80, invalid UTF-8) put in
    the middle of a target line."""
    data = _seed_text().encode("utf-8")
    at = data.index(b"80%")
    path = folder / "txt_lone_surrogate.txt"
    path.write_bytes(data[:at] + b"\xed\xa0\x80" + data[at:])
    return path


def make_md_budget_table(folder: Path) -> Path:
    """A markdown plan with a budget table whose amounts are written "30 triệu đồng", "50tr", "12,5tỷ" and
    "1.200.000đ"."""
    text = PREAMBLE + (
        "## I. MỤC TIÊU\n\n- Tỷ lệ hồ sơ trực tuyến đạt 80%.\n\n## II. KINH PHÍ THỰC HIỆN\n\n"
        "| STT | Nội dung | Kinh phí | Nguồn |\n|---|---|---|---|\n"
        "| 1 | Tập huấn cán bộ | 30 triệu đồng | Ngân sách phường |\n"
        "| 2 | Mua sắm thiết bị | 50tr | Ngân sách phường |\n"
        "| 3 | Xây dựng trung tâm dữ liệu | 12,5tỷ | Ngân sách tỉnh |\n"
        "| 4 | Tuyên truyền | 1.200.000đ | Xã hội hóa |\n"
        "| | **Tổng cộng** | 12.581.200.000 đồng | |\n"
    )
    path = folder / "md_budget_table.md"
    path.write_text(text, encoding="utf-8")
    return path


HAMLETS = ("Bình Lợi", "Tân Hòa", "Phước Lai", "An Thạnh", "Long Điền", "Mỹ Xuân", "Hưng Phú")


def make_txt_seven_shared_value(folder: Path) -> Path:
    """Seven targets with the same value, one bullet a hamlet, under "II. CHỈ TIÊU": "- Tỷ lệ hộ gia đình ở ấp
    Bình Lợi đạt 80%" … seven distinct hamlets."""
    bullets = "".join(f"- Tỷ lệ hộ gia đình ở ấp {h} đạt 80%.\n" for h in HAMLETS)
    text = PREAMBLE + "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng đời sống nhân dân.\n\nII. CHỈ TIÊU\n" + bullets
    path = folder / "txt_seven_shared_value.txt"
    path.write_text(text, encoding="utf-8")
    return path


def make_md_1500_rows(folder: Path) -> Path:
    """A markdown indicator table of 1,500 numbered rows: "| 1 | Tỷ lệ … thứ 1 | % | 80% |" …."""
    rows = "".join(f"| {n} | Tỷ lệ hộ dân dùng dịch vụ số thứ {n} | % | {60 + n % 40}% |\n" for n in range(1, 1501))
    text = PREAMBLE + "## I. CHỈ TIÊU\n\n| STT | Chỉ tiêu | Đơn vị | Chỉ tiêu năm 2026 |\n|---|---|---|---|\n" + rows
    path = folder / "md_1500_rows.md"
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------------------------- names


def _seed_copy(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(SEED_TXT.read_bytes())
    return path


def make_name_non_utf8(folder: Path) -> Path:
    """The seed text under a file name with a byte that is not UTF-8: os.fsdecode(b"plan\\xff.txt")."""
    return _seed_copy(folder, os.fsdecode(b"name_plan\xff.txt"))


def make_name_newline(folder: Path) -> Path:
    """The seed text under a file name with a newline in it."""
    return _seed_copy(folder, "name_plan\nerror: forged.txt")


def make_name_dash(folder: Path) -> Path:
    """The seed text under a file name starting with "-" (an option, to argparse, if passed bare)."""
    return _seed_copy(folder, "-name_plan.txt")


def make_name_javascript(folder: Path) -> Path:
    """The seed text under the file name javascript:alert(document.domain).txt."""
    return _seed_copy(folder, "javascript:alert(document.domain).txt")


def make_name_hyperlink(folder: Path) -> Path:
    """The seed text under the file name =HYPERLINK("http:x","y").txt (a formula if copied into a sheet; "http://x"
    as asked cannot be: "/" separates folders)."""
    return _seed_copy(folder, '=HYPERLINK("http:x","y").txt')


CASES: dict[str, Callable[[Path], Path]] = {
    "docx_zlib_flip": make_docx_zlib_flip,
    "docx_invalid_xml": make_docx_invalid_xml,
    "docx_wrong_root": make_docx_wrong_root,
    "docx_ilvl_abc": make_docx_ilvl_abc,
    "docx_start_x": make_docx_start_x,
    "docx_gridspan_zz": make_docx_gridspan_zz,
    "docx_encrypted_flag": make_docx_encrypted_flag,
    "docx_unknown_method": make_docx_unknown_method,
    "docx_xxe_numbering": make_docx_xxe_numbering,
    "docx_xxe_document": make_docx_xxe_document,
    "docx_billion_laughs": make_docx_billion_laughs,
    "docx_nested_tables": make_docx_nested_tables,
    "docx_zip_bomb": make_docx_zip_bomb,
    "docx_huge_text_node": make_docx_huge_text_node,
    "docx_huge_start": make_docx_huge_start,
    "docx_nine_levels": make_docx_nine_levels,
    "docx_gridspan_5000": make_docx_gridspan_5000,
    "pdf_20000_pages": make_pdf_20000_pages,
    "pdf_char_flood": make_pdf_char_flood,
    "pdf_damaged_stream": make_pdf_damaged_stream,
    "pdf_truncated": make_pdf_truncated,
    "pdf_encrypted": make_pdf_encrypted,
    "pdf_empty": make_pdf_empty,
    "txt_tu_den": make_txt_tu_den,
    "txt_top_n": make_txt_top_n,
    "txt_so_voi": make_txt_so_voi,
    "txt_trong_do": make_txt_trong_do,
    "txt_spaced_digits": make_txt_spaced_digits,
    "txt_roman_headings": make_txt_roman_headings,
    "txt_decimal_headings": make_txt_decimal_headings,
    "txt_latex_geq": make_txt_latex_geq,
    "txt_64mb": make_txt_64mb,
    "txt_lone_surrogate": make_txt_lone_surrogate,
    "md_budget_table": make_md_budget_table,
    "txt_seven_shared_value": make_txt_seven_shared_value,
    "md_1500_rows": make_md_1500_rows,
    "name_non_utf8": make_name_non_utf8,
    "name_newline": make_name_newline,
    "name_dash": make_name_dash,
    "name_javascript": make_name_javascript,
    "name_hyperlink": make_name_hyperlink,
}
