"""One exception hierarchy: the CLI prints a KGError as `Error: ...` and exits non-zero."""

from __future__ import annotations


class KGError(Exception):
    """Base of every error kg reports to a user (as opposed to a bug)."""

    exit_code = 1


class DataError(KGError):
    """The knowledge base (YAML, ontology, source texts) is wrong; names the file, entry and reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        head = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the data"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


class StoreError(KGError):
    """The store cannot be opened, built or written."""


class UsageError(KGError):
    """The user asked for something that cannot be done (bad option value, unknown format)."""

    exit_code = 2
