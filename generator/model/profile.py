"""The two sites one build makes from the same content: the public card and the workbook.

The code asks a profile what it needs to know (is it published, does it hold internal
content, where does it go) instead of comparing names, so the difference between the
two lives here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Profile(StrEnum):
    """One of the sites a build makes (its value is its name on the command line)."""

    PUBLIC = "public"
    WORKBOOK = "workbook"

    @property
    def published(self) -> bool:
        """Published at base_url: only the public card claims absolute addresses
        (canonical, language alternates, sitemap.xml) and invites search engines."""
        return self is Profile.PUBLIC

    @property
    def includes_internal(self) -> bool:
        """Shows internal content: the workbook is the model as it is; the public card is
        the model with everything internal left out (see model/visibility.py)."""
        return self is Profile.WORKBOOK

    @property
    def folder(self) -> str:
        """The profile's folder in the output folder."""
        return self.value


PROFILES = tuple(Profile)


def profiles_named(names: Iterable[str]) -> tuple[Profile, ...]:
    """The profiles with these names (as the command line gives them)."""
    return tuple(Profile(name) for name in names)


def in_build_order(profiles: Iterable[Profile]) -> tuple[Profile, ...]:
    """The profile with internal content (the larger) first: its search index is then
    made while the other renders."""
    return tuple(sorted(profiles, key=lambda profile: not profile.includes_internal))
