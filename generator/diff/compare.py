"""What differs between two states of a site, as plain data (ordered, deterministic).

Each state is flattened into sections of records: a collection's items by id, the
network's services by id, the ties by their ends and type, and each single file's other
fields. What becomes public is read from the public views of both states, made by the
public filter (model/visibility.py), never by rules of its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.analyse.history import tie_key
from generator.analyse.results import NetworkAnalysis
from generator.model.site import Page, Site
from generator.model.types import Text
from generator.model.visibility import public_view

Record = dict[str, Any]  # a dotted field path → its plain value
Sections = dict[str, dict[str, Record]]  # section → item key → record
FILES = "files"  # the section of single files' own fields
MOST_CHANGED = 5  # members listed whose betweenness changed most
FIGURES = ("nodes", "ties", "density", "centralization", "components")


@dataclass(frozen=True)
class State:
    """One compared state: the site, its public view and its network analysis."""

    site: Site
    public: Site
    analysis: NetworkAnalysis


def make_state(site: Site, cache_dir: Path | None) -> State:
    from generator.analyse.site_graph import analyse_site_graph

    return State(site, public_view(site), analyse_site_graph(site, cache_dir))


def plain(value: Any) -> Any:
    """`value` as JSON data: models by their keys as written, pages by front matter and text."""
    if isinstance(value, BaseModel):
        return {field.alias or name: plain(getattr(value, name))
                for name, field in type(value).model_fields.items()
                if not field.exclude and getattr(value, name) is not None}
    if isinstance(value, Text):
        return value.plain if value.plain is not None else plain(value.values)
    if isinstance(value, Page):
        return {**plain(value.meta), "body": value.body,
                "translations": {language: translation.body
                                 for language, translation in value.translations.items()}}
    if isinstance(value, dict):
        return {str(key): plain(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(inner) for inner in value]
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def flatten(data: Any, prefix: str = "") -> Record:
    """Nested mappings as dotted paths ("name.fi"); lists and scalars are values. An
    empty mapping has no paths, so `{}` and a missing mapping read the same (a page's
    `translations` going from none to two shows as the two, not as `{}` → null)."""
    if not isinstance(data, dict):
        return {prefix or "value": data}
    record: Record = {}
    for key, inner in data.items():
        record.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
    return record


def sections(site: Site) -> Sections:
    """The state as records: collections by id, services, ties, the single files."""
    result: Sections = {}
    for content_type in site.types:
        value = site.content[content_type.name]
        if content_type.is_collection:
            result[content_type.name] = {identifier: flatten(plain(item))
                                         for identifier, item in sorted(value.items())}
            continue
        data = plain(value)
        if content_type.name == "network":
            result["services"] = {service["id"]: flatten(service)
                                  for service in data.pop("services", [])}
        if content_type.name == "ties":
            data.pop("ties", None)
            result["ties"] = _ties(value.ties)
        result.setdefault(FILES, {})[content_type.source.path] = flatten(data)
    result[FILES] = dict(sorted(result.get(FILES, {}).items()))
    return result


def _ties(ties: list[Any]) -> dict[str, Record]:
    keyed: dict[str, Record] = {}
    for tie in ties:
        key, number = tie_key(tie), 2
        while key in keyed:  # the same ends and type twice: numbered in file order
            key, number = f"{tie_key(tie)} #{number}", number + 1
        keyed[key] = flatten(plain(tie))
    return dict(sorted(keyed.items()))


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def section_changes(before: dict[str, Record], after: dict[str, Record]) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    for key in sorted(before.keys() & after.keys()):
        fields = {name: {"before": before[key].get(name), "after": after[key].get(name)}
                  for name in sorted(before[key].keys() | after[key].keys())
                  if before[key].get(name) != after[key].get(name)}
        if fields:
            changed[key] = fields
    return {"added": sorted(after.keys() - before.keys()),
            "removed": sorted(before.keys() - after.keys()), "changed": changed}


def content_changes(before: Sections, after: Sections) -> dict[str, Any]:
    """Every section with something added, removed or changed, in a fixed order."""
    result: dict[str, Any] = {}
    for name in sorted(before.keys() | after.keys()):
        changes = section_changes(before.get(name, {}), after.get(name, {}))
        if changes["added"] or changes["removed"] or changes["changed"]:
            result[name] = changes
    return result


def becomes_public(before: State, after: State) -> list[dict[str, Any]]:
    """What the public site would show after that it did not before: items made public
    or added public, fields newly shown, internal members newly named on public pages."""
    old_public, new_public = sections(before.public), sections(after.public)
    old_full = sections(before.site)
    found: list[dict[str, Any]] = []
    for name in sorted(new_public):
        old_items, old_all = old_public.get(name, {}), old_full.get(name, {})
        for key, record in new_public[name].items():
            if key not in old_items:
                reason = "made public" if key in old_all else "new and public"
                found.append({"section": name, "item": key, "reason": reason, "fields": []})
                continue
            shown = sorted(field for field, value in record.items()
                           if not _is_empty(value) and _is_empty(old_items[key].get(field)))
            if shown:
                found.append({"section": name, "item": key, "reason": "newly shown fields",
                              "fields": shown})
    found.extend(_newly_named(before, old_public, after, new_public))
    return found


def _newly_named(before: State, old_public: Sections, after: State,
                 new_public: Sections) -> list[dict[str, Any]]:
    """Internal members whose name or id a public item holds now and did not before."""
    found = []
    for identifier, member in sorted(after.site.members.items()):
        if identifier in after.public.members:
            continue
        pattern = _naming_pattern(identifier, plain(member.name))
        was = _naming_items(pattern, old_public)
        named = [place for place in _naming_items(pattern, new_public) if place not in was]
        if named:
            found.append({"section": "members", "item": identifier,
                          "reason": "internal member named in public content",
                          "fields": named})
    return found


def _naming_pattern(identifier: str, name: Any) -> re.Pattern[str]:
    names = [identifier, *(name.values() if isinstance(name, dict) else [name])]
    words = sorted({text for text in names if isinstance(text, str) and len(text) >= 3})
    return re.compile("|".join(rf"(?<![\w-]){re.escape(word)}(?![\w-])" for word in words))


def _naming_items(pattern: re.Pattern[str], public: Sections) -> list[str]:
    return [f"{name}/{key}" for name, items in public.items() for key, record in items.items()
            if pattern.search(json.dumps(record, ensure_ascii=False))]


def figures(analysis: NetworkAnalysis) -> dict[str, Any]:
    metrics = analysis.metrics
    return {name: getattr(metrics, name) for name in FIGURES}


def broker_changes(before: NetworkAnalysis, after: NetworkAnalysis) -> dict[str, Any]:
    old_brokers = {node.id for node in before.brokers()}
    new_brokers = {node.id for node in after.brokers()}
    old = {node.id: node.betweenness for node in before.results}
    new = {node.id: node.betweenness for node in after.results}
    moved = sorted(((identifier, old[identifier], new[identifier])
                    for identifier in old.keys() & new.keys()
                    if round(new[identifier] - old[identifier], 4) != 0),
                   key=lambda item: (-abs(item[2] - item[1]), item[0]))
    return {"gained": sorted(new_brokers - old_brokers),
            "lost": sorted(old_brokers - new_brokers),
            "betweenness": [{"member": identifier, "before": round(was, 4),
                             "after": round(now, 4), "change": round(now - was, 4)}
                            for identifier, was, now in moved[:MOST_CHANGED]]}


def compare(before: State, after: State, labels: tuple[str, str],
            language: str | None = None) -> dict[str, Any]:
    """The whole summary as data, keys in the order they are shown. `names` reads the
    members' and ties' keys for people, in `language` (default: the site's)."""
    summary = {"before": labels[0], "after": labels[1],
               "becomes_public": becomes_public(before, after),
               "changes": content_changes(sections(before.site), sections(after.site)),
               "figures": {"before": figures(before.analysis),
                           "after": figures(after.analysis)},
               "brokers": broker_changes(before.analysis, after.analysis)}
    names = readable_names(before.site, after.site, language)
    shown = _mentioned(summary)
    summary["names"] = {section: {key: text for key, text in names[section].items()
                                  if key in shown[section]} for section in names}
    return summary


def _mentioned(summary: dict[str, Any]) -> dict[str, set[str]]:
    """The members and ties the summary names (the names it carries are theirs only)."""
    shown: dict[str, set[str]] = {"members": set(), "ties": set()}
    for section, change in summary["changes"].items():
        if section in shown:
            shown[section].update(*(change[kind] for kind in ("added", "removed")),
                                  change["changed"])
    for item in summary["becomes_public"]:
        if item["section"] in shown:
            shown[item["section"]].add(item["item"])
    brokers = summary["brokers"]
    shown["members"].update(brokers["gained"], brokers["lost"],
                            (row["member"] for row in brokers["betweenness"]))
    shown["ties"] = {key.split(" #")[0] for key in shown["ties"]}
    return shown


def readable_names(before: Site, after: Site, language: str | None) -> dict[str, dict[str, str]]:
    """Each member's name and each tie's ends and type as people read them, from the
    state that still has it (the newer one first), in `language`."""
    language = language or after.default_language
    members: dict[str, str] = {}
    type_labels: dict[str, str] = {}
    for site in (before, after):  # the newer state's names win
        members.update({identifier: member.name.get(language, site.default_language)
                        for identifier, member in site.members.items()})
        type_labels.update({name: kind.label.get(language, site.default_language)
                            for name, kind in site.ties.types.items()})
    ties: dict[str, str] = {}
    for site in (before, after):
        for tie in site.ties.ties:
            first, second = (tie.ends if tie.directed else sorted(tie.ends))
            ends = f"{members.get(first, first)} {'→' if tie.directed else '—'} " \
                   f"{members.get(second, second)}"
            kind = type_labels.get(tie.type or "", tie.type or "")
            ties[tie_key(tie)] = f"{ends} ({kind})" if kind else ends
    return {"members": dict(sorted(members.items())), "ties": dict(sorted(ties.items()))}
