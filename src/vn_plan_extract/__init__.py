"""vn_plan_extract: Vietnamese government plans ("Kế hoạch") → structured, checkable data.

>>> from vn_plan_extract import extract_text
>>> doc = extract_text("I. MỤC TIÊU\\n- Tỷ lệ thanh toán trực tuyến đạt tối thiểu 80% trong năm 2026.")
>>> ind = doc.indicators[0]
>>> (ind.target.comparator.value, ind.target.value, ind.target.unit, ind.target_year)
('>=', 80.0, '%', 2026)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import UnreadableDocument, UnsupportedFormat, VnPlanExtractError

if TYPE_CHECKING:
    from .models import PlanDocument
    from .pipeline import extract, extract_text

__all__ = [
           "PlanDocument",
           "UnreadableDocument",
           "UnsupportedFormat",
           "VnPlanExtractError",
           "__version__",
           "extract",
           "extract_text",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    # the pipeline and the models load on first use (PEP 562): `import vn_plan_extract` and the command
    # line's --help start in a fraction of the time the lexicons, regexes and pydantic take
    if name == "PlanDocument":
        from .models import PlanDocument

        return PlanDocument
    if name in ("extract", "extract_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
