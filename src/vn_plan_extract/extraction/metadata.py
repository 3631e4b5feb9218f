"""Metadata: issuer, number, place, date, title, legal bases, signer, recipients."""

from __future__ import annotations

from datetime import date

import regex

from ..document import Span, span_of
from ..lexicon.markers import DATE_LINE_RE, DOC_TYPE_RE, LEGAL_BASIS_RE
from ..lexicon.targets import BASE_YEAR_BEFORE_RE, BASE_YEAR_REACH, YEAR_PHRASES
from ..models import Metadata, Signer
from ..structure import Role, StructuredDocument

#: "Số: 05/KH-UBND"; the number before the slash may be blank in a draft ("Số: /KH-UBND").
_NUMBER_RE = regex.compile(r"\bSố\s*:?\s*(?P<num>\d*)\s*/\s*(?P<code>[A-ZĐ][A-ZĐa-z0-9\-]*)")
#: "(Kèm theo Kế hoạch số 09 /KH-UBND ngày …)": the appendix repeats the plan's number.
_ANNEX_NUMBER_RE = regex.compile(r"Kèm\s+theo\s+Kế\s+hoạch\s+số\s*:?\s*(?P<num>\d*)\s*/\s*(?P<code>[A-ZĐ][A-ZĐa-z0-9\-]*)")
_ISSUER_SENTENCE_RE = regex.compile(
    r"(?P<issuer>(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+(?:phường|xã|thị\s+trấn|huyện|quận|"
    r"thị\s+xã|thành\s+phố|tỉnh)\s+[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*){0,3})\s+(?:xây\s+dựng|ban\s+hành)"
)
_HEADER_ISSUER_RE = regex.compile(r"^(?P<level>PHƯỜNG|XÃ|THỊ TRẤN|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH)\s+"
                                  r"(?P<name>[A-ZĐÀ-Ỹ ]+?)(?=\s+Độc\s+lập|\s*$)")
_SIGNER_PREFIX_RE = regex.compile(r"^(?:TM\.|KT\.|Q\.|TL\.|TUQ\.)?\s*(?:PHÓ\s+)?CHỦ\s+TỊCH\b|^(?:TM\.|KT\.|TL\.)")
_TITLE_BESIDE_RE = regex.compile(r"\s(?P<title>(?:TM\.|KT\.|Q\.|TL\.|TUQ\.)?\s*(?:PHÓ\s+)?CHỦ\s+TỊCH)\s*$")
_CITED_YEAR_RE = regex.compile(r"\b\d{1,2}/\d{1,2}/((?:19|20)\d{2})\b|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+((?:19|20)\d{2})",
                            regex.IGNORECASE)
_PERIOD_RE = regex.compile(r"(?:giai\s+đoạn|nhiệm\s+kỳ|năm)\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}", regex.IGNORECASE)
_NAME_RE = regex.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")

#: "Số: /KH-UBND Tam Phước": what stands before the place on the place-and-date line.
_BEFORE_PLACE_RE = regex.compile(r"^(?:.*/\S*\s+|\p{Lu}+-[\p{L}\d-]*\s+)")  # or the code alone ("QĐ-TTg Hà Nội")
_RECIPIENTS_RE = regex.compile(r"^Nơi\s+nhận\s*:?\s*", regex.IGNORECASE)
_ANNEX_RE = regex.compile(r"Kèm\s+theo")

def _title_year(title: str | None) -> int | None:
    """The first year or period end a title names, the dates of documents it cites left out
    ("… Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 … năm 2026" is for 2026).

    >>> _title_year("Chuyển đổi số trong các cơ quan nhà nước phường Đồng Xoài năm 2026")
    2026
    >>> _title_year("Phát triển chính quyền số tỉnh Bắc Ninh giai đoạn 2026-2030")
    2030
    >>> _title_year("Triển khai Nghị quyết ngày 22 tháng 12 năm 2024 của Bộ Chính trị, nhiệm kỳ 2025 – 2030")
    """
    if not title:
        return None
    for m in YEAR_PHRASES.finditer(_CITED_YEAR_RE.sub(" ", title)):
        # "Nghị quyết Đại hội … nhiệm kỳ 2025-2030": the term of the congress whose resolution the
        # plan carries out, not the plan's own period
        if not m.group().lower().startswith("nhiệm"):
            return int(m.group("year") or m.group("end") or m.group("bare"))
    return None


def _title_case(words: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in words.split())


#: The national motto's two lines, beside which the header block names the issuing body.
_MOTTO_RE = regex.compile(r"C[ỘO]NG\s+H[ÒO]À?A?\s+XÃ\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM|Độc\s+lập\s*[-–—]", regex.IGNORECASE)
#: Bodies named by their kind alone, whose place is the next line ("ỦY BAN NHÂN DÂN" / "PHƯỜNG …").
_KIND_ONLY = frozenset({"ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"})
#: Words after which a body's name is a place's proper name ("Công an tỉnh Lâm Đồng").
_PLACE_LEVELS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "xã", "phường", "đặc khu")


def _body_case(caps: str) -> str:
    """A body's name written in capitals, in the case a sentence writes it: "BỘ CÔNG AN" → "Bộ Công an",
    "THỦ TƯỚNG CHÍNH PHỦ" → "Thủ tướng Chính phủ", "CÔNG AN TỈNH LÂM ĐỒNG" → "Công an tỉnh Lâm Đồng"."""
    text = " ".join(caps.lower().split())
    for level in _PLACE_LEVELS:
        found = regex.search(rf"(?<=^|\s){level}\s+(?P<place>.+)$", text)
        if found:
            text = text[:found.start("place")] + " ".join(w[:1].upper() + w[1:] for w in found["place"].split())
            break
    text = regex.sub(r"\bchính phủ\b", "Chính phủ", text)
    # a ministry's or department's field is named with a capital: "Bộ Công an", "Sở Y tế", "… và Đào tạo"
    text = regex.sub(r"(?<=^(?:bộ|sở|ban) |\bvà )(\p{Ll})", lambda m: m[1].upper(), text)
    return text[:1].upper() + text[1:]


def _header_issuer(header_text: list[str]) -> str | None:
    """The body named beside the motto: the line beside "Độc lập – Tự do – Hạnh phúc" (a body under its
    parent: "BỘ CÔNG AN" / "CÔNG AN TỈNH LÂM ĐỒNG"), else the line beside "CỘNG HÒA …" ("THỦ TƯỚNG
    CHÍNH PHỦ"); a kind without a place ("ỦY BAN NHÂN DÂN") takes the line under it."""
    beside: list[str] = []
    for line in header_text[:6]:
        found = _MOTTO_RE.search(line)
        if found:
            left = line[:found.start()].strip(" -–—_")
            beside.append(left if left.isupper() else "")
    if not beside:
        return None
    upper, lower = beside[0], (beside[1] if len(beside) > 1 else "")
    if upper in _KIND_ONLY and lower:
        return _body_case(f"{upper} {lower}")
    name = lower or upper
    return _body_case(name) if name else None


def extract_metadata(doc: StructuredDocument) -> tuple[Metadata, Span | None]:
    """Read the metadata; also return the span of the place-and-date line for grounding."""
    blocks = doc.blocks
    source = doc.normalised.source
    meta = Metadata()
    date_span = None
    number_seen = False

    header_text = [b.text for b, r in zip(blocks, doc.roles, strict=True) if r is Role.HEADER]
    for i, (b, role) in enumerate(zip(blocks, doc.roles, strict=True)):
        if role is not Role.HEADER:
            continue
        text = b.text.strip("* ")
        if meta.doc_type is None and DOC_TYPE_RE.match(text):
            meta.doc_type = text
            title = []
            for b2, r2 in zip(blocks[i + 1:], doc.roles[i + 1:], strict=False):
                if r2 is not Role.HEADER or b2.text.rstrip().endswith(":"):
                    break
                title.append(b2.text.strip("* "))
            meta.title = " ".join(title) or None
        m = _NUMBER_RE.search(text)
        if m and not number_seen:
            number_seen = True
            meta.number = f"{m.group('num')}/{m.group('code')}" if m.group("num") else None
        d = DATE_LINE_RE.search(text)
        if d and date_span is None:
            # the number often shares the line: "Số: /KH-UBND Tam Phước, ngày …"
            place = _BEFORE_PLACE_RE.sub("", d.group("place").strip())
            meta.place = place.strip() or None
            year = int(d.group("year"))
            meta.year = year
            if d.group("day") and d.group("month"):
                try:
                    meta.date = date(year, int(d.group("month")), int(d.group("day"))).isoformat()
                except ValueError:
                    meta.date = None
            date_span = span_of(source, b, d.start(), d.end())
    if meta.number is None and not number_seen:
        for b in blocks:
            m = _ANNEX_NUMBER_RE.search(b.text)
            if m and m.group("num"):
                meta.number = f"{m.group('num')}/{m.group('code')}"
                break

    # Issuer: the sentence "UBND phường X xây dựng/ban hành Kế hoạch", else the header block.
    for b in blocks:
        m = _ISSUER_SENTENCE_RE.search(b.text)
        if m:
            meta.issuer = " ".join(m.group("issuer").split())
            break
    if meta.issuer is None:
        for line in header_text:
            m = _HEADER_ISSUER_RE.match(line)
            if m:
                meta.issuer = f"Ủy ban nhân dân {m.group('level').lower()} {_title_case(m.group('name'))}"
                break
    if meta.issuer is None:  # the motto's lines open the document, whatever role they were given
        meta.issuer = _header_issuer([b.text for b in blocks[:6]])

    meta.legal_bases = [b.text for b, r in zip(blocks, doc.roles, strict=True)
                        if r is Role.LEGAL_BASIS and LEGAL_BASIS_RE.match(b.text)]

    # Closing: recipients after "Nơi nhận:", then the signer.
    closing = [b.text.strip("* ") for b, r in zip(blocks, doc.roles, strict=True) if r is Role.CLOSING]
    in_recipients = False
    signer_lines: list[str] = []
    titles_beside: list[str] = []
    for line in closing:
        # a PDF reads the recipients and the signature side by side: "Nơi nhận: KT. CHỦ TỊCH"
        beside = _TITLE_BESIDE_RE.search(line) if line.startswith(("-", "–", "+", "Nơi")) else None
        if beside and beside.start() > 0:
            titles_beside.append(beside.group("title").strip())
            line = line[:beside.start()].rstrip()
        if _RECIPIENTS_RE.match(line):
            in_recipients = True
            rest = _RECIPIENTS_RE.sub("", line)
            if rest.startswith(("-", "–", "+")):
                meta.recipients.append(rest.lstrip("-–+ ").rstrip(" ;.,"))
            continue
        if in_recipients and line[:1] in {"-", "–", "+", "•"}:
            meta.recipients.append(line.lstrip("-–+• ").rstrip(" ;.,"))
            continue
        if in_recipients:
            signer_lines.append(line)
    title_parts = titles_beside + [ln for ln in signer_lines if _SIGNER_PREFIX_RE.match(ln)]
    names = [ln for ln in signer_lines if _NAME_RE.match(ln)]
    if title_parts or names:
        meta.signer = Signer(title=" ".join(title_parts) or None, name=names[0] if names else None)

    # A plan is for the year or period its title names, not the year it was signed ("Kế hoạch … năm
    # 2026" signed in December 2025; "giai đoạn 2026-2030" sets its targets for 2030).
    titled = _title_year(meta.title)
    if titled is not None:
        meta.year = titled
    if meta.year is None and meta.legal_bases:
        # a plan is issued no earlier than the latest document its legal bases cite
        cited = [int(m.group(1) or m.group(2)) for text in meta.legal_bases for m in _CITED_YEAR_RE.finditer(text)]
        meta.year = max(cited) if cited else None
    if meta.year is None:
        # the title ("… năm 2026"), the introduction ("… năm 2026, cụ thể như sau:"), the appendix's
        # "(Kèm theo Kế hoạch số … năm 2026)", and for a web page its first lines
        annex = [b.text for b in blocks if _ANNEX_RE.search(b.text)]
        for text in ([meta.title] if meta.title else []) + header_text[-1:] + annex + [b.text for b in blocks[:3]]:
            # a base year ("giảm 5 - 10% … so với năm 2019") is the year compared with, not the plan's
            m = next((m for m in YEAR_PHRASES.finditer(text or "")
                      if not BASE_YEAR_BEFORE_RE.search(text, max(0, m.start() - BASE_YEAR_REACH), m.start())),
                     None)
            if m:
                meta.year = int(m.group("year") or m.group("end") or m.group("bare"))
                break
    return meta, date_span


#: Something other than digits where a scan's number or day and month are ("Số: Ở3#/QĐ-TTg", "ngày ( tháng
#: năm 2025"): they are written by hand or stamped after printing, and Tesseract reads no handwriting.
_UNREAD_NUMBER_RE = regex.compile(r"\bSố\s*:?\s*(?P<mark>[^\s/]{1,6})\s*/?\s*[A-ZĐ]{2,}[\w]*-[\w-]+")
_UNREAD_DAY_RE = regex.compile(r",\s*ngày\s*(?:\d{1,2}|(?P<day>[^\s\d.…_/]{1,3}))?\s*"
                               r"tháng\s*(?:\d{1,2}|(?P<month>[^\s\d.…_/]{1,3}))?\s*năm\s*\d{4}")


def unread_by_ocr(doc: StructuredDocument, meta: Metadata) -> list[tuple[str, Span]]:
    """The number and date of a scan that OCR could not read (marks where the digits are), to be
    reported rather than left blank in silence; nothing for a document not read by OCR."""
    source = doc.normalised.source
    if not source.ocr_pages:
        return []
    out = []
    for b, role in zip(doc.blocks, doc.roles, strict=True):
        if role is not Role.HEADER:
            continue
        number = _UNREAD_NUMBER_RE.search(b.text) if meta.number is None else None
        if number is not None:
            out.append((f"the number after \"Số:\" is not read (\"{number[0]}\"; written by hand?)",
                        span_of(source, b, number.start(), number.end())))
        day = _UNREAD_DAY_RE.search(b.text) if meta.date is None else None
        if day is not None and (day["day"] or day["month"]):
            out.append(("the day or month of the date is not read (written by hand?)",
                        span_of(source, b, day.start(), day.end())))
    return out


def default_target_year(meta: Metadata, date_span: Span | None) -> int | None:
    """The year a target with no year of its own is for: the year or period the plan's title names, or
    the year its text gives; not the year it was signed ("Kế hoạch thực hiện Chỉ thị 27" signed in 2025
    sets no year for its targets).

    >>> default_target_year(Metadata(title="Chuyển đổi số năm 2026", year=2026), None)
    2026
    >>> default_target_year(Metadata(title="Thực hiện Chỉ thị số 27/CT-TTg", year=2025), Span(1, 1, 0, 1))
    """
    titled = _title_year(meta.title)
    if titled is not None:
        return titled
    return meta.year if date_span is None else None


def aims_year(doc: StructuredDocument) -> int | None:
    """The horizon the plan's aims name in their heading ("II. MỤC TIÊU … 2. Mục tiêu cụ thể đến năm 2030"):
    for a plan whose title names no year, the year its targets are for unless they name their own."""
    for heading in doc.headings:
        if _AIMS_HEADING_RE.search(heading.title):
            m = YEAR_PHRASES.search(heading.title)
            if m:
                return int(m.group("year") or m.group("end") or m.group("bare"))
    return None


#: A heading of the plan's aims or targets ("Mục tiêu cụ thể đến năm 2030", "Chỉ tiêu chủ yếu đến năm 2025").
_AIMS_HEADING_RE = regex.compile(r"^(?:mục\s+tiêu|chỉ\s+tiêu)", regex.IGNORECASE)


def names_a_period(meta: Metadata, opening: str = "") -> bool:
    """Does the plan's title (or, for a page quoting a plan, its first words) name a period it is for
    ("giai đoạn 2021-2025", "nhiệm kỳ 2020 - 2025", "5 năm 2026-2030")?

    >>> names_a_period(Metadata(title="Kế hoạch phát triển kinh tế - xã hội giai đoạn 2021-2025"))
    True
    >>> names_a_period(Metadata(title="Chuyển đổi số năm 2026"))
    False
    """
    return bool(_PERIOD_RE.search(meta.title or opening))
