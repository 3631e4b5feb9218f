"""The header: which column holds what ("Đơn vị tính" → unit, "Đơn vị phối hợp" → support …), from
the words of `lexicon.columns`, never from positions fixed for one document."""

from __future__ import annotations

from ..lexicon.columns import HEADER_PHRASE_RE, ROLE_OF_PHRASE

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
    """One role per column of a delimited header, from the first role phrase of each cell."""
    roles: list[str] = []
    for text in cells:
        m = HEADER_PHRASE_RE.search(text)
        roles.append(_role(m.group("phrase"), roles) if m else "note")
    return roles


def kind_of(roles: list[str]) -> str:
    if "amount" in roles:
        return "budget"
    if "task" in roles:
        return "tasks"
    return "indicators"
