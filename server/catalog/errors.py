"""The one error the catalog raises: it names the file and the entry so a fix is one edit away."""

from __future__ import annotations


class CatalogError(ValueError):
    def __init__(self, file: str, entry: str, message: str) -> None:
        super().__init__(f"{file}: {entry}: {message}")
        self.file = file
        self.entry = entry
        self.message = message
