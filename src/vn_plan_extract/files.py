"""Writing files so that a reader never sees half of one: write beside the target, then rename over it.

A run killed mid-write leaves at most a hidden `.<name>.<random>.partial` file, which `remove_partials`
clears at the start of the next batch; the target itself is either the old file or the new one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .errors import UnreadableDocument
from .models import PlanDocument

PARTIAL_SUFFIX = ".partial"


#: The record of a batch run in its output folder (what `compare` reads the run's plans from).
SUMMARY_FILE = "summary.json"

def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: mkstemp makes owner-only files; outputs get the permissions any new file of this process would have
#: (read once: setting and restoring the umask for every file cost two system calls each time).
_FILE_MODE = 0o666 & ~_current_umask()


def write_atomic(path: Path, write: Callable[[Path], None] | bytes) -> None:
    """Write `write` (bytes, or a function called with the temporary path), then move the result to `path`
    in one step."""
    if isinstance(write, bytes):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as fh:  # through the open descriptor: no second open (a plan's JSON)
                fh.write(write)
                os.fchmod(fh.fileno(), _FILE_MODE)
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return
    tmp = partial_file(path)
    try:
        write(tmp)
        commit_partial(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def partial_file(path: Path) -> Path:
    """A new temporary file beside `path`, to be written and then moved into place by `commit_partial`
    (for a file written over a while, such as the exports as plans are converted)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL_SUFFIX)
    os.close(fd)
    return Path(tmp)


def commit_partial(tmp: Path, path: Path) -> None:
    """Move a finished `partial_file` to `path` in one step."""
    os.chmod(tmp, _FILE_MODE)
    os.replace(tmp, path)


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


#: Serialises a plan straight to UTF-8 bytes (`model_dump_json` makes the same bytes, then decodes them
#: into a str that would be encoded again: a third of the time for a 50 kB plan).
_PLAN_JSON = TypeAdapter(PlanDocument)


def write_plan_atomic(path: Path, plan: PlanDocument) -> None:
    """A plan's JSON, indented; pydantic serialises it (five times faster than `json` on the dumped dict,
    and byte for byte the same as `json.dumps(..., ensure_ascii=False, indent=2)`)."""
    write_atomic(path, _PLAN_JSON.dump_json(plan, indent=2) + b"\n")


def read_plan_json(path: Path) -> PlanDocument:
    """A plan written by this package, read back; an unreadable or foreign file names itself and why."""
    try:
        return PlanDocument.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise UnreadableDocument(str(path), exc.strerror or str(exc)) from exc
    except ValueError as exc:
        raise UnreadableDocument(str(path), f"not a plan JSON of this package ({str(exc).splitlines()[0]})") from exc


def write_json_atomic(path: Path, data: Any) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.write("\n")

    write_atomic(path, write)


def remove_partials(folder: Path) -> int:
    """Delete the temporary files an interrupted run left below `folder`; return how many."""
    removed = 0
    for tmp in folder.rglob(f".*{PARTIAL_SUFFIX}"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
