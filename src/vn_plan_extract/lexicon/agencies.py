"""Vietnamese public bodies at commune, ward and province level, and their abbreviations.

Sources: `shared/DOMAIN.md` ("Bodies and their abbreviations", after the 2025 two-level reform), the
"Tổ chức thực hiện" sections and appendix tables of the plans in `corpus/`. Each entry is the canonical
name and the spellings met in real files; matching folds case and diacritics (see `lexicon.text.fold`).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from importlib.resources import files

import regex

from . import alternation
from .text import fold

#: The data file of bodies, beside this module (one body a line; see its header).
AGENCIES_FILE = "agencies.tsv"


@lru_cache(maxsize=2)
def load_bodies(kind: str) -> dict[str, tuple[str, ...]]:
    """canonical name → spellings seen in plans, for `kind` "body" or "generic" (read once, on first use)."""
    text = files(__package__).joinpath(AGENCIES_FILE).read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        row_kind, canonical, *rest = raw.split("\t")
        if row_kind != kind:
            continue
        variants = tuple(v.strip() for v in (rest[0] if rest else "").split("|") if v.strip())
        out[canonical.strip()] = variants
    return out



#: Words that open the name of a body; what follows them up to a verb or punctuation is the name.
AGENCY_HEADS = (
    "Phòng", "Trung tâm", "Văn phòng", "Công an", "Trạm Y tế", "Trạm y tế", "Ban", "Ủy ban", "Uỷ ban",
    "UBND", "HĐND", "Hội", "Đoàn", "Tổ", "Sở", "Bộ phận", "Các trường", "Trường", "Thường trực",
    "Các cơ quan", "các cơ quan", "các sở", "Các sở", "Ban Chỉ huy", "Đảng ủy", "Đảng uỷ", "VNPT", "Viettel",
    "Các doanh nghiệp", "các doanh nghiệp", "Doanh nghiệp", "UBMTTQ", "UB MTTQ", "Chi cục", "Kho bạc",
    "Bưu điện", "Cục", "Chi nhánh", "Tổ Công nghệ", "Tổ CNS", "Trưởng các", "Trưởng khu", "Trưởng ấp",
    "Các phòng", "Các ban", "Các tổ chức", "Các cán bộ", "Cán bộ, công chức", "Công chức", "Công dân",
    "Người dân", "Các hội", "Ngân hàng", "Các cơ sở", "các đơn vị", "trung tâm",
)

#: Verbs and words after which a body's name has ended ("Phối hợp Công an phường | đảm bảo …").
NAME_END_WORDS = (
    "đảm bảo", "bảo đảm", "thực hiện", "triển khai", "tổ chức", "chủ trì", "phối hợp", "tham mưu",
    "hướng dẫn", "xây dựng", "theo dõi", "kiểm tra", "đôn đốc", "hoàn thành", "chịu trách nhiệm",
    "có trách nhiệm", "cung cấp", "rà soát", "vận động", "tuyên truyền", "để", "nhằm", "trong", "về",
)

#: A head word not inside another word; used with match(text, pos) and finditer, so no "^" (which would
#: only match at the string's start). Every head starts with a letter, so "\b" before one says what
#: "(?<!\w)" says, and the engine scans for it a third faster (a lookbehind is tried at every position).
AGENCY_HEAD_RE = regex.compile(r"\b(?:" + alternation(AGENCY_HEADS) + r")(?!\w)")
_NAME_END_RE = regex.compile(r"\s(?:" + alternation(NAME_END_WORDS) + r")(?!\w)")
_SPACED_PUNCTUATION_RE = regex.compile(r"\s*([&,;/])\s*")
#: Where a body's name written at the start of a line ends: a colon, a bracket, a sentence, or a comma
#: that does not continue the name ("Phòng Kinh tế, Hạ tầng và Đô thị", "Các cơ quan, đơn vị").
_NAME_STOP_RE = regex.compile(r"[:;(]|\.\s|,\s(?!\s*(?:Hạ tầng|Xã hội|đơn vị|ban|ngành))")

@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """Folded, with the spacing around "&" and "," that tables vary ("KT,HT &ĐT") taken out."""
    return _SPACED_PUNCTUATION_RE.sub(r"\1", fold(name)).strip(" .,;:-")


@lru_cache(maxsize=1)
def _folded_variants() -> dict[str, str]:
    """folded spelling → canonical name, for every body and generic cell of the data file."""
    out: dict[str, str] = {}
    for kind in ("body", "generic"):
        for canonical, variants in load_bodies(kind).items():
            for name in (canonical, *variants):
                out[_key(name)] = canonical
    return out


@lru_cache(maxsize=8192)
def canonical_agency(name: str) -> str | None:
    """The canonical name of a body, by exact (folded) variant or by its longest known prefix.

    >>> canonical_agency("Phòng VHXH")
    'Phòng Văn hóa - Xã hội'
    >>> canonical_agency("Trung tâm PVHCC")
    'Trung tâm Phục vụ hành chính công'
    >>> canonical_agency("Công an phường")
    'Công an phường'
    >>> canonical_agency("hộ kinh doanh") is None
    True
    """
    key = _key(name)
    if key in _folded_variants():
        return _folded_variants()[key]
    best = None
    for variant, canonical in _folded_variants().items():
        if (key.startswith((variant + " ", variant + ","))) and (best is None or len(variant) > len(best[0])):
            best = (variant, canonical)
    return best[1] if best else None


def leading_agency(text: str) -> str | None:
    """The name of a body opening `text`, as written, up to a verb or punctuation.

    >>> leading_agency("Công an phường đảm bảo 100% công dân")
    'Công an phường'
    >>> leading_agency("Tổ Công nghệ số cộng đồng các ấp: Phối hợp chặt chẽ")
    'Tổ Công nghệ số cộng đồng các ấp'
    >>> leading_agency("100% hộ kinh doanh") is None
    True
    """
    if not AGENCY_HEAD_RE.match(text):
        return None
    end = len(text)
    m = _NAME_STOP_RE.search(text)
    if m:
        end = m.start()
    m = _NAME_END_RE.search(text, 0, end)
    if m:
        end = m.start()
    name = text[:end].strip(" ,.-–")
    return name or None


def agency_is_complete(name: str) -> bool:
    """A cell text that names a body in full (a known body, maybe followed by its place).

    >>> agency_is_complete("Trạm y tế"), agency_is_complete("Trung tâm PVHCC"), agency_is_complete("Trung tâm")
    (True, True, False)
    """
    return canonical_agency(name) is not None and not agency_is_incomplete(name)


@lru_cache(maxsize=8192)
def agency_is_incomplete(name: str) -> bool:
    """A cell text cut inside a body's name ("Trung tâm", "Văn phòng HĐND", "Các cơ quan").

    >>> agency_is_incomplete("Văn phòng HĐND"), agency_is_incomplete("Phòng VHXH")
    (True, False)
    """
    key = _key(name)
    if not key or key in _folded_variants():
        return False
    ordered = _sorted_variants()
    # the variants that start with the key sit together in sorted order, right from where it would go
    for v in ordered[bisect_left(ordered, key):]:
        if not v.startswith(key):
            return False
        if len(v) > len(key) and v[len(key)] in " .,&;":
            return True
    return False


@lru_cache(maxsize=1)
def _sorted_variants() -> list[str]:
    return sorted(_folded_variants())


#: What may follow a body's name and still be that body: its place ("Công an xã", "Trạm y tế phường").
_PLACE_SUFFIX_RE = regex.compile(r"(?: (?:xa|phuong|thi tran|huyen|quan|tinh|ap|khu pho|cac ap|cac khu pho|"
                                 r"tren dia ban(?: (?:xa|phuong))?))?$")


@lru_cache(maxsize=8192)
def agency_is_exact(name: str) -> bool:
    """A text that is a body's name and nothing more (its place may follow).

    >>> agency_is_exact("Phòng VHXH"), agency_is_exact("Trạm y tế phường"), agency_is_exact("UBND tỉnh về phát")
    (True, True, False)
    """
    key = _key(name)
    variants = _folded_variants()
    longest = _longest_variant()
    # a variant the key starts with ends where a word does (the place after it opens with a space); no
    # variant is longer than the longest, so a long text is not cut at each of its spaces
    ends = (*(m.start() for m in _SPACE_RE.finditer(key, 0, longest + 1)), len(key))
    return any(end <= longest and len(key) - end <= _LONGEST_PLACE and key[:end] in variants
               and _PLACE_SUFFIX_RE.fullmatch(key[end:]) for end in ends)


#: Characters a place after a body's name takes at most (" thành phố Hồ Chí Minh", " huyện …").
_LONGEST_PLACE = 80


@lru_cache(maxsize=1)
def _longest_variant() -> int:
    return max((len(v) for v in _folded_variants()), default=0)


_SPACE_RE = regex.compile(" ")
