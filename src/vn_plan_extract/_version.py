"""The package version, in one place: pyproject reads it, the output records it, `batch` compares it."""

__version__ = "0.2.0"
