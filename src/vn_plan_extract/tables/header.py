"""The header: which column holds what ("Đơn vị tính" → unit, "Đơn vị phối hợp" → support …), from
the words of `lexicon.columns`, never from positions fixed for one document."""

from __future__ import annotations

import regex

from ..lexicon.columns import CELL_YEAR_RE, HEADER_PHRASE_RE, HEADER_UNIT_RE, ROLE_OF_PHRASE

AGENCY_ROLES = frozenset({"lead", "support", "monitor"})

def _role(phrase: str, roles: list[str]) -> str:
    role = ROLE_OF_PHRASE[" ".join(phrase.split()).lower()]
    if role == "name_or_target":
        return "target" if ("name" in roles or "task" in roles) else "name"
    if role == "target_or_output":
        return "target" if "name" in roles else "output"
    return role


def roles_of_header(header: str) -> list[str]:
    """Column roles of a flattened header, in the order its phrases are written."""
    roles: list[str] = []
    for m in HEADER_PHRASE_RE.finditer(header):
        role = _role(m.group("phrase"), roles)
        if (role == "task" and "name" in roles) or (role in roles and role not in AGENCY_ROLES):
            continue
        roles.append(role)
    return roles


def roles_of_header_cells(cells: list[str]) -> list[str]:
    """One role per column of a delimited header, from the first role phrase of each cell; a cell that
    only names a year ("Năm 2027", "GIAI ĐOẠN 2026 - 2030 Năm 2027") is a column of the plan for that
    year. In a table of targets with no name column, the products listed ("Sản phẩm") are the names."""
    roles: list[str] = []
    for text in cells:
        m = HEADER_PHRASE_RE.search(text)
        roles.append(_role(m.group("phrase"), roles) if m else "target" if CELL_YEAR_RE.search(text) else "note")
    if "target" in roles and not {"name", "task"} & set(roles) and "output" in roles:
        roles[roles.index("output")] = "name"
    return roles


def column_years(cells: list[str]) -> tuple[int | None, ...]:
    """The year each column's header names: its last one ("GIAI ĐOẠN 2026 - 2030 Năm 2027" is 2027)."""
    return tuple(int(years[-1]) if (years := CELL_YEAR_RE.findall(text)) else None for text in cells)


def column_measures(cells: list[str]) -> tuple[str | None, ...]:
    """What each column measures besides its year and unit ("Kế hoạch 2026 Lượng (Tấn)" → "Lượng";
    "GIAI ĐOẠN 2026 - 2030 Năm 2027" → None): named with the row when a row has several plan cells."""
    out: list[str | None] = []
    for text in cells:
        rest = " ".join(_PLAN_WORDS_RE.sub(" ", HEADER_UNIT_RE.sub("", text)).split()).strip(" -–:")
        out.append(rest or None)
    return tuple(out)


#: Words of a plan column's header that say whose plan and when, not what is measured.
_PLAN_WORDS_RE = regex.compile(
    r"(?:giai\s+đoạn|kế\s+hoạch|năm|KH|dự\s+kiến|mục\s+tiêu|chỉ\s+tiêu)(?!\w)|(?<!\d)(?:19|20)\d{2}(?!\d)|[-–]",
    regex.IGNORECASE)


def column_units(cells: list[str]) -> tuple[str | None, ...]:
    """The unit each column's header writes in brackets ("Lượng (Tấn)" → "Tấn")."""
    return tuple(m.group("unit").strip() if (m := HEADER_UNIT_RE.search(text)) else None for text in cells)


def kind_of(roles: list[str]) -> str:
    if "amount" in roles:
        return "budget"
    if "task" in roles:
        return "tasks"
    return "indicators"
