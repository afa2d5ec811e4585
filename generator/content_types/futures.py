"""futures/<id>.yaml: ACTVOD future tables (workbook phase 5), each with a page; the
futures page lists them and every action by its due date. In the workbook the actions
page follows them up: every action by its state on the build's reference date, overdue
ones first (see analyse/actions.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.analyse.actions import OPEN, period_end, period_start
from generator.errors import did_you_mean
from generator.load.content import Source
from generator.load.yaml_marks import YamlDocument
from generator.model.content_type import ContentType, Section
from generator.model.references import ReferenceChecker
from generator.model.schema import Future, FutureAction
from generator.model.site import Site
from generator.model.types import PartialDate, Visibility
from generator.model.visibility import PublicFilter, by_visibility
from generator.render.pages import Data, PageContext, PageSpec, titled

FOLDER = "futures"
ACTIONS_PAGE = "futures/actions/index.html"  # in a profile with internal content only
ACTIONS_ID = "actions"  # so no future table may have this id


@dataclass(frozen=True)
class ActionRow:
    """An action of a future table, with the table it belongs to."""

    action: FutureAction
    future: Future

    def sort_key(self) -> tuple[bool, PartialDate, str]:
        return (self.action.due is None, self.action.due or PartialDate(0), self.future.id)


def _pages(context: PageContext) -> list[PageSpec]:
    if "futures" not in context.sections:
        return []
    site = context.site
    specs = [PageSpec(f"futures/{future.id}/index.html", "future.html", "futures",
                      titled(future, future.id), _future_data(future))
             for future in site.futures.values()]
    specs.append(PageSpec("futures/index.html", "futures_index.html", "futures",
                          lambda nc: nc.t("nav.futures"), lambda: _futures_data(site)))
    if site.profile.includes_internal:
        follow_up = context.analysis.actions
        specs.append(PageSpec(ACTIONS_PAGE, "actions.html", "futures",
                              lambda nc: nc.t("actions.title"),
                              lambda: {"follow_up": follow_up.read()}))
    return specs


def _future_data(future: Future) -> Data:
    return lambda: {"future": future, "actions": [ActionRow(a, future) for a in future.actions]}


def _futures_data(site: Site) -> dict[str, Any]:
    futures = sorted(site.futures.values(), key=lambda f: (str(f.date or ""), f.id))
    actions = [ActionRow(a, future) for future in futures for a in future.actions]
    return {"futures": futures, "actions": sorted(actions, key=ActionRow.sort_key),
            "actions_page": ACTIONS_PAGE if site.profile.includes_internal else None}


def _public(content_type: ContentType, futures: dict[str, Future],
            filtering: PublicFilter) -> dict[str, Future]:
    """The public tables, without internal members among the responsible."""
    hidden = set(filtering.site.members) - filtering.public_ids("members")

    def keep(action: FutureAction) -> FutureAction:
        people = [r for r in action.responsible if r.plain not in hidden]
        return action.model_copy(update={"responsible": people})

    kept: dict[str, Future] = by_visibility(content_type, futures, filtering)
    return {i: future.model_copy(update={"actions": [keep(a) for a in future.actions]})
            for i, future in kept.items()}


def _check(c: ReferenceChecker) -> None:
    for identifier, future in c.site.futures.items():
        document = c.raw.folders[FOLDER].get(identifier)
        if identifier == ACTIONS_ID:
            c.errors.add(f"content/{FOLDER}/{identifier}.yaml", 0, 0,
                         f"the id '{ACTIONS_ID}' is taken by the workbook's list of actions",
                         f"rename the file, e.g. to {FOLDER}/future-{ACTIONS_ID}.yaml")
        for i, action in enumerate(future.actions):
            _check_done(c, document, future, i, action)
            for j, who in enumerate(action.responsible):
                plain = who.plain
                if plain is None or plain in c.member_ids or " " in plain:
                    continue
                close = did_you_mean(plain, c.member_ids)
                if close:
                    c.error(document, ("actions", i, "responsible", j),
                            f"responsible: '{plain}' is not a member id, so it is shown as text",
                            close, warning=True)


def _check_done(c: ReferenceChecker, document: YamlDocument | None, future: Future,
                index: int, action: FutureAction) -> None:
    """`done:` belongs to an action that is done or dropped, and not before its table.

    Warnings, not errors: the site builds as the status says (an open action with a
    `done:` date is still followed up as open), and `netcard check --strict` fails."""
    if action.done is None:
        return
    if action.status in OPEN:
        c.error(document, ("actions", index, "done"),
                f"done: the action is '{action.status}', so its done date is not used",
                "set status: done (or dropped), or remove the done date", warning=True)
    elif future.date is not None and period_end(action.done) < period_start(future.date):
        c.error(document, ("actions", index, "done"),
                f"done: {action.done} is before the table's date {future.date}",
                "check the year and the month of the done date", warning=True)


def _has_futures(site: Site) -> bool:
    return bool(site.futures)


FUTURES = ContentType(
    name="futures",
    source=Source(FOLDER, ".yaml"),
    model=Future,
    visibility=Visibility.INTERNAL,
    public=_public,
    check=_check,
    route="futures/{id}/index.html",
    sections=(Section("futures", _has_futures, menu=70, group="plans", bundle=80, nested=True),),
    pages=_pages,
)
