"""The bytes of an input file, with the file's name and the reason in every error."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableDocument


def read_input_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(path, "no such file") from None
    except IsADirectoryError:
        raise UnreadableDocument(path, "is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot be read ({exc.strerror or exc})") from None
