"""Content errors: what is wrong, where, and how to fix it.

Every stage collects errors instead of stopping at the first one, so a user
sees every problem in one run. The command line turns them into exit code 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, located as precisely as we can."""

    file: str
    line: int = 0
    column: int = 0
    message: str = ""
    hint: str = ""
    warning: bool = field(default=False, compare=False)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file

    def format(self) -> str:
        kind = "warning" if self.warning else "error"
        text = f"{self.location()}: {kind}: {self.message}"
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text


class ContentErrors(Exception):
    """Raised at the end of a stage when it collected at least one error."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [error.format() for error in self.errors]
        count = len(self.errors)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)


class UsageError(Exception):
    """The command line is wrong (exit code 2, like content errors)."""


class ErrorList:
    """Collects errors (and warnings) from one stage."""

    def __init__(self) -> None:
        self.items: list[ContentError] = []

    def add(
        self,
        file: str,
        line: int = 0,
        column: int = 0,
        message: str = "",
        hint: str = "",
        *,
        warning: bool = False,
    ) -> None:
        self.items.append(ContentError(file, line, column, message, hint, warning))

    def extend(self, errors: Iterable[ContentError]) -> None:
        self.items.extend(errors)

    @property
    def errors(self) -> list[ContentError]:
        return [item for item in self.items if not item.warning]

    @property
    def warnings(self) -> list[ContentError]:
        return [item for item in self.items if item.warning]

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "did you mean …?" hint, or an empty string when nothing is close."""
    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=3, cutoff=0.6)
    if not close:
        lowered = {option.lower(): option for option in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    if not close:
        return ""
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


def allowed_list(candidates: Iterable[str], limit: int = 12) -> str:
    options = sorted(set(candidates))
    shown = ", ".join(options[:limit])
    if len(options) > limit:
        shown += f", … ({len(options)} in all)"
    return shown
