"""The public profile: the site with everything internal removed *before* analysis.

Filtering the model (not the pages) is what keeps internal members, ties and counts out
of every public page, metric, export and search index at once. The filter fails closed:

- every field of Site needs a rule in FIELD_RULES, and every value of `Site.content` a
  content type, or making the public view raises `VisibilityRuleMissing`;
- each content type's value goes through the type's `public` rule, else through
  `by_visibility`: the items (or the file) that are public by their own `visibility:`
  or, without one, by the default the type declares;
- what comes out is checked: an item, or a list item inside any file, that is internal
  raises (a rule that forgot something), instead of being published.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.deps import recording
from generator.model.content_type import ContentType
from generator.model.profile import Profile
from generator.model.schema import Model, PublicSection, attach_source, source_of
from generator.model.site import Site, top_level_items
from generator.model.types import Visibility


class VisibilityRuleMissing(Exception):
    """Something would reach the public site that no visibility rule decided on: a bug in
    netcard or in a content type's declaration, raised instead of publishing it."""


def public_view(site: Site) -> Site:
    """The site as customers may see it: everything internal left out."""
    filtering = PublicFilter(site)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(site):
        rule = FIELD_RULES.get(field.name)
        if rule is None:
            raise VisibilityRuleMissing(
                f"Site.{field.name} has no rule for the public view: say what the public "
                "site keeps of it in FIELD_RULES (generator/model/visibility.py)")
        values[field.name] = rule(filtering)
    view = Site(**values)
    _check_nothing_internal(view)
    for item in top_level_items(view).values():
        if isinstance(item, Model):  # copies made by the rules learn where they came from
            attach_source(item, source_of(item))
    return view


@dataclass(frozen=True)
class PublicSite:
    """The public view, and every source that making it read: a workbook page that shows
    the public card depends on them (see deps.py)."""

    site: Site
    reads: frozenset[str]


def recorded_public_view(site: Site) -> PublicSite:
    """The public view, made once per build, with what it read."""
    with recording() as reads:
        view = public_view(site)
    return PublicSite(view, frozenset(reads))


class PublicFilter:
    """Makes the public value of each content type, once and when first asked for: a
    type's rule may ask for another's (members keep only the public competence areas)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._made: dict[str, Any] = {}
        self._making: set[str] = set()

    def content(self) -> dict[str, Any]:
        types = {content_type.name for content_type in self.site.types}
        for name in self.site.content:
            if name not in types:
                raise VisibilityRuleMissing(f"Site.content['{name}'] belongs to no content "
                                            "type, so no rule says what of it is public")
        return {content_type.name: self.public(content_type.name)
                for content_type in self.site.types}

    def public(self, name: str) -> Any:
        """The public value of the content type `name`."""
        if name in self._made:
            return self._made[name]
        if name in self._making:
            raise VisibilityRuleMissing(f"the public rules ask for each other in a loop "
                                        f"through '{name}'")
        self._making.add(name)
        content_type = self.site.types.named(name)
        value = (self.site.collection(name) if content_type.is_collection
                 else self.site.single(name))
        rule = content_type.public or by_visibility
        made = self._made[name] = rule(content_type, value, self)
        self._making.discard(name)
        return made

    def public_ids(self, name: str) -> set[str]:
        """The ids of a collection that the public site keeps."""
        return set(self.public(name))

    def opted_in(self, section: PublicSection) -> bool:
        """Whether site.yaml's `public_sections` publishes this part of the analysis (the
        rules leave out what it needs, tie strengths or competence levels, unless it does)."""
        return section in self.site.settings.public_sections


def by_visibility(content_type: ContentType, value: Any, filtering: PublicFilter) -> Any:
    """The items whose visibility is public; for one file, the file if it is public,
    else its model's empty value (an internal ties.yaml shows no tie)."""
    if content_type.is_collection:
        return {identifier: item for identifier, item in value.items()
                if content_type.visibility_of(item) == Visibility.PUBLIC}
    if content_type.visibility_of(value) == Visibility.PUBLIC:
        return value
    return content_type.model()


def _same_settings(filtering: PublicFilter) -> Any:
    """site.yaml: the same in both profiles."""
    return filtering.site.settings


def _same_types(filtering: PublicFilter) -> Any:
    return filtering.site.types


def _public_content(filtering: PublicFilter) -> Any:
    return filtering.content()


def _every_media_file(filtering: PublicFilter) -> Any:
    """Every file stays known, so that a public page may show any; only the files the
    public pages use are copied into the public site (see build.py)."""
    return filtering.site.media_files


def _public_profile(filtering: PublicFilter) -> Any:
    return Profile.PUBLIC


FIELD_RULES: dict[str, Callable[[PublicFilter], Any]] = {
    "settings": _same_settings,
    "types": _same_types,
    "content": _public_content,
    "media_files": _every_media_file,
    "profile": _public_profile,
}


def _check_nothing_internal(view: Site) -> None:
    """Raise if a rule kept an internal item, or a file a list item that is internal.
    (A single file's own `visibility:` is its type's rule's to read: the network's card
    is public whatever network.yaml says.)"""
    for content_type in view.types:
        value = view.content[content_type.name]
        items = value.values() if content_type.is_collection else [value]
        for item in items:
            if content_type.is_collection and \
                    content_type.visibility_of(item) != Visibility.PUBLIC:
                raise VisibilityRuleMissing(f"the public rule of '{content_type.name}' kept "
                                            "an internal item")
            if isinstance(item, Model):
                for inner in vars(item).values():
                    _check_nested(inner, content_type.name)


def _check_nested(value: Any, type_name: str) -> None:
    if isinstance(value, Model):
        if vars(value).get("visibility") == Visibility.INTERNAL:
            raise VisibilityRuleMissing(
                f"the public rule of '{type_name}' kept an internal "
                f"{type(value).__name__}: filter it out in the type's `public` rule")
        for inner in vars(value).values():
            _check_nested(inner, type_name)
    elif isinstance(value, list | tuple):
        for inner in value:
            _check_nested(inner, type_name)
    elif isinstance(value, dict):
        for inner in value.values():
            _check_nested(inner, type_name)
