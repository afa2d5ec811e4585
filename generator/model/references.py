"""Checks across files: every id a file names must exist, ids must be unique."""

from __future__ import annotations

from collections.abc import Iterable

from generator.errors import ErrorList, did_you_mean
from generator.load.content import RawContent
from generator.load.yaml_marks import DocPath, YamlDocument
from generator.model.site import Site

# Top-level output folders that a page in pages/ would collide with.
RESERVED_PAGE_IDS = frozenset({
    "members", "network", "competences", "coordination", "strategy", "workbook", "futures",
    "evaluations", "portfolios", "assets", "media", "search", "pagefind", "404", "index",
})


class _Checker:
    def __init__(self, site: Site, raw: RawContent, errors: ErrorList) -> None:
        self.site = site
        self.raw = raw
        self.errors = errors
        self.member_ids = set(site.members)
        self.area_ids = {area.id for area in site.competences.areas}

    def error(self, document: YamlDocument | None, path: DocPath, message: str, hint: str,
              *, key: bool = False, warning: bool = False) -> None:
        if document is None:
            return
        mark = document.key_mark(path) if key else document.mark(path)
        self.errors.add(document.file, mark.line, mark.column, message, hint, warning=warning)

    def member_ref(self, document: YamlDocument | None, path: DocPath, value: str,
                   what: str) -> None:
        if value not in self.member_ids:
            hint = did_you_mean(value, self.member_ids) or (
                "each member is a file content/members/<id>.yaml; check the spelling")
            self.error(document, path, f"{what}: there is no member '{value}'", hint)

    def unique(self, document: YamlDocument | None, items: Iterable[tuple[DocPath, str]],
               what: str) -> None:
        seen: dict[str, DocPath] = {}
        for path, value in items:
            if value in seen:
                first = document.mark(seen[value]).line if document else 0
                self.error(document, path, f"duplicate {what} id '{value}' (first on line {first})",
                           f"give each {what} its own id")
            else:
                seen[value] = path


def check_references(site: Site, raw: RawContent, errors: ErrorList) -> None:
    checker = _Checker(site, raw, errors)
    _check_network(checker)
    _check_members(checker)
    _check_ties(checker)
    _check_competences(checker)
    _check_portfolios(checker)
    _check_futures(checker)
    _check_page_ids(checker)


def _check_network(c: _Checker) -> None:
    document = c.raw.single.get("network")
    network = c.site.network
    c.unique(document, ((("services", i, "id"), s.id) for i, s in enumerate(network.services)),
             "service")
    for i, service in enumerate(network.services):
        for j, provider in enumerate(service.providers):
            c.member_ref(document, ("services", i, "providers", j), provider, "providers")
    for i, coordinator in enumerate(network.coordination.coordinators):
        c.member_ref(document, ("coordination", "coordinators", i), coordinator, "coordinators")
    groups = network.coordination.groups
    c.unique(document, ((("coordination", "groups", i, "id"), g.id) for i, g in enumerate(groups)),
             "group")
    for i, group in enumerate(groups):
        for j, member in enumerate(group.members):
            c.member_ref(document, ("coordination", "groups", i, "members", j), member, "members")


def _check_members(c: _Checker) -> None:
    documents = c.raw.folders.get("members", {})
    for identifier, member in c.site.members.items():
        document = documents.get(identifier)
        if member.parent is not None:
            if member.parent == identifier:
                c.error(document, ("parent",), "a member cannot be its own parent",
                        "name the organisation this unit belongs to, or remove 'parent'")
            else:
                c.member_ref(document, ("parent",), member.parent, "parent")
        for area in member.competences:
            if area not in c.area_ids:
                hint = did_you_mean(area, c.area_ids) or (
                    "competence areas are listed in content/competences.yaml under 'areas'")
                c.error(document, ("competences", area),
                        f"competences: there is no competence area '{area}'", hint, key=True)
    _check_parent_cycles(c, documents)


def _check_parent_cycles(c: _Checker, documents: dict[str, YamlDocument]) -> None:
    reported: set[str] = set()
    for start in sorted(c.site.members):
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in c.site.members and current not in chain:
            chain.append(current)
            current = c.site.members[current].parent
        if current is None or current not in chain or current == chain[-1] == start:
            continue
        cycle = chain[chain.index(current):]
        if reported.intersection(cycle):
            continue
        reported.update(cycle)
        loop = " → ".join([*cycle, cycle[0]])
        c.error(documents.get(cycle[0]), ("parent",), f"parent: the parents form a loop: {loop}",
                "a unit's parent must be an organisation higher up; "
                "remove one 'parent' of the loop")


def _check_ties(c: _Checker) -> None:
    document = c.raw.single.get("ties")
    ties = c.site.ties
    for i, tie in enumerate(ties.ties):
        ends: list[tuple[DocPath, str]]
        if tie.between is not None:
            ends = [(("ties", i, "between", j), member) for j, member in enumerate(tie.between)]
        else:
            assert tie.from_ is not None and tie.to is not None
            ends = [(("ties", i, "from"), tie.from_), (("ties", i, "to"), tie.to)]
        for path, member in ends:
            c.member_ref(document, path, member, "tie")
        if ends[0][1] == ends[1][1]:
            c.error(document, ("ties", i), f"the tie connects '{ends[0][1]}' with itself",
                    "a tie joins two different members")
        if tie.type is not None and ties.types and tie.type not in ties.types:
            hint = did_you_mean(tie.type, ties.types) or (
                "add it under 'types:' at the top of ties.yaml, or use one of: "
                + ", ".join(sorted(ties.types)))
            c.error(document, ("ties", i, "type"), f"type: there is no tie type '{tie.type}'", hint)


def _check_competences(c: _Checker) -> None:
    document = c.raw.single.get("competences")
    areas = c.site.competences.areas
    c.unique(document, ((("areas", i, "id"), a.id) for i, a in enumerate(areas)), "area")
    for i, need in enumerate(c.site.competences.needs):
        if need.area not in c.area_ids:
            c.error(document, ("needs", i, "area"), f"area: there is no competence area "
                    f"'{need.area}'", did_you_mean(need.area, c.area_ids) or
                    "name one of the ids under 'areas'")


def _check_portfolios(c: _Checker) -> None:
    for identifier, document in c.raw.folders.get("portfolios", {}).items():
        if identifier in c.site.portfolios and identifier not in c.member_ids:
            hint = did_you_mean(identifier, c.member_ids) or "name the file after a member id"
            c.errors.add(document.file, 0, 0,
                         f"a portfolio belongs to a member, but there is no member '{identifier}'",
                         f"rename the file: {hint}")


def _check_futures(c: _Checker) -> None:
    for identifier, future in c.site.futures.items():
        document = c.raw.folders["futures"].get(identifier)
        for i, action in enumerate(future.actions):
            for j, who in enumerate(action.responsible):
                plain = who.plain
                if plain is None or plain in c.member_ids or " " in plain:
                    continue
                close = did_you_mean(plain, c.member_ids)
                if close:
                    c.error(document, ("actions", i, "responsible", j),
                            f"responsible: '{plain}' is not a member id, so it is shown as text",
                            close, warning=True)


def _check_page_ids(c: _Checker) -> None:
    for identifier in c.site.pages:
        if identifier in RESERVED_PAGE_IDS or identifier in c.site.languages:
            c.errors.add(f"content/pages/{identifier}.md", 0, 0,
                         f"the page id '{identifier}' is taken by a built-in section",
                         f"rename the file, e.g. to pages/about-{identifier}.md")
