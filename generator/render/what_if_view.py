"""The workbook's what-ifs in plain words, worded from the analyse stage's results
(analyse/what_if.py): what would change if a key broker left, and the ties that would
close the network's largest structural holes. The public site never shows them."""

from __future__ import annotations

from dataclasses import dataclass

from generator.analyse.profiles import ProfileAnalysis
from generator.analyse.results import Departure, Drift, NetworkAnalysis
from generator.analyse.what_if import (
    CONTACTS_COMPARED_MAX,
    HOLDERS_MAX,
    Shared,
    SuggestedTie,
    Suggestions,
)
from generator.model.site import Site
from generator.model.types import Text
from generator.render.helpers import PageHelpers

CUT_OFF_LISTED = 12  # members named under a departure; the rest are counted


@dataclass(frozen=True)
class WhatIf:
    """What the workbook's network page shows: each key broker's departure and the
    suggested ties (None when the network page shows no analysis)."""

    departures: tuple[Departure, ...]
    suggestions: Suggestions
    has_ties: bool


def workbook_what_if(site: Site, analysis: ProfileAnalysis) -> WhatIf | None:
    """The what-ifs in the workbook; None on the public card, whatever it publishes."""
    if not site.profile.includes_internal or analysis.suggestions is None:
        return None
    network = analysis.network
    return WhatIf(network.departures, analysis.suggestions.read(), bool(network.ties))


def member_departure(site: Site, analysis: NetworkAnalysis, member_id: str) -> Departure | None:
    """The member's own departure, when it is a key broker and the page is the workbook's."""
    if not site.profile.includes_internal:
        return None
    return next((item for item in analysis.departures if item.member == member_id), None)


def join(names: list[str], nc: PageHelpers) -> str:
    """"A, B and C" in the page's language."""
    if len(names) <= 1:
        return "".join(names)
    return nc.t("reading.list_join", first=", ".join(names[:-1]), last=names[-1])


def cut_off_text(item: Departure, nc: PageHelpers) -> str:
    if not item.cut_off:
        return nc.t("what_if.no_cut_off")
    return nc.tn("what_if.cut_off", item.cut_off_count)


def cut_off_groups(item: Departure) -> list[tuple[str, ...]]:
    """The groups cut off, with at most `CUT_OFF_LISTED` members named in all."""
    groups, room = [], CUT_OFF_LISTED
    for group in item.cut_off:
        if room <= 0:
            break
        groups.append(group[:room])
        room -= len(group)
    return groups


def cut_off_more(item: Departure, nc: PageHelpers) -> str:
    """"…and 5 more", when not every member cut off is named."""
    more = item.cut_off_count - CUT_OFF_LISTED
    return nc.tn("what_if.more", more) if more > 0 else ""


def drift_text(item: Departure, nc: PageHelpers) -> str:
    if not item.drifted:
        return nc.t("what_if.no_drift")
    return nc.tn("what_if.drift", item.drifted)


def sampled_text(item: Departure, nc: PageHelpers) -> str:
    """How the pairs were counted on a large network ('' when every pair was compared):
    among all the broker's contacts, or among as many as are compared at most."""
    if not item.contacts_compared:
        return ""
    if item.contacts_compared < CONTACTS_COMPARED_MAX:
        return nc.t("what_if.sampled_all")
    return nc.tn("what_if.sampled", item.contacts_compared)


def drift_steps(item: Drift, nc: PageHelpers) -> str:
    """"2 → 5 steps": the steps between the pair now and without the broker."""
    return nc.tn("what_if.steps", item.after, before=nc.num(item.before, 0))


def reason(tie: SuggestedTie, site: Site, nc: PageHelpers) -> str:
    """Why the tie is suggested: what the two share, and where they are in the network."""
    services = {service.id: service.name for service in site.network.services}
    areas = {area.id: area.name for area in site.competences.areas}
    provided = [_quoted(services[item.id], nc) for item in tie.shared if item.kind == "service"]
    good_at = [_quoted(areas[item.id], nc) for item in tie.shared if item.kind == "area"]
    sentences = []
    if provided:
        sentences.append(nc.tn("what_if.reason_services", len(provided),
                               names=join(provided, nc)))
    if good_at:
        sentences.append(nc.tn("what_if.reason_areas", len(good_at), names=join(good_at, nc)))
    apart = tie.apart
    if tie.distance is None:
        sentences.append(nc.t("what_if.apart_components"))
    else:
        sentences.append(nc.tn(f"what_if.apart_{apart}", tie.distance))
    return " ".join(sentences)


def too_common_text(suggestions: Suggestions, site: Site, nc: PageHelpers) -> str:
    """The services and areas so widely shared that they suggest no tie ('' for none)."""
    if not suggestions.too_common:
        return ""
    names = [_shared_name(item, site, nc) for item in suggestions.too_common]
    return nc.tn("what_if.too_common", len(names), max=nc.num(HOLDERS_MAX, 0),
                 names=join(names, nc))


def _shared_name(item: Shared, site: Site, nc: PageHelpers) -> str:
    if item.kind == "service":
        return next(_quoted(s.name, nc) for s in site.network.services if s.id == item.id)
    return next(_quoted(a.name, nc) for a in site.competences.areas if a.id == item.id)


def _quoted(name: Text, nc: PageHelpers) -> str:
    """A service's or an area's name in the language's quotation marks: names such as
    "Information and advice" read apart in a list ("“A and B” and “C”")."""
    return nc.t("what_if.quoted", name=nc.text(name))


class Words:
    """The wording above, for the templates (partials/what_if.html)."""

    join = staticmethod(join)
    cut_off = staticmethod(cut_off_text)
    cut_off_groups = staticmethod(cut_off_groups)
    cut_off_more = staticmethod(cut_off_more)
    drift = staticmethod(drift_text)
    sampled = staticmethod(sampled_text)
    steps = staticmethod(drift_steps)
    reason = staticmethod(reason)
    too_common = staticmethod(too_common_text)
