"""The workbook's plain-language reading of network.yaml's targets, worded from the
analyse stage's verdicts (analyse/targets.py): "density 27 %, target 30–40 %: below"."""

from __future__ import annotations

from generator.analyse.targets import AreaReading, ProfileReading, RangeReading, TargetReading
from generator.model.schema import CompetenceArea
from generator.render.helpers import PageHelpers
from generator.render.pages import PageContext


def workbook_targets(context: PageContext) -> TargetReading | None:
    """The targets read against the figures, in the workbook only (the public card's
    network.yaml has no targets: see _public)."""
    if not context.site.profile.includes_internal:
        return None
    return context.analysis.targets.read()


def network_target_lines(reading: TargetReading, nc: PageHelpers) -> list[str]:
    """The whole-network figures and the profile against their targets."""
    lines = []
    if reading.density is not None:
        lines.append(_density(reading.density, nc))
    if reading.centralization is not None:
        lines.append(_centralization(reading.centralization, nc))
    lines.extend(_profile(item, nc) for item in reading.profile)
    return lines


def competence_target_lines(reading: TargetReading, areas: dict[str, CompetenceArea],
                            nc: PageHelpers) -> list[str]:
    """Each competence area with a target: the best level of the network's own members."""
    return [_area(item, areas[item.area_id], nc) for item in reading.competences]


def _density(item: RangeReading, nc: PageHelpers) -> str:
    low = item.low if item.low is not None else 0.0
    return nc.t("targets.density", value=nc.pct(item.value),
                target=f"{nc.num(round(low * 100, 1), 1)}–{nc.pct(item.high)}",  # 30–40 %
                verdict=nc.t(f"targets.verdict.{item.verdict}"))


def _centralization(item: RangeReading, nc: PageHelpers) -> str:
    return nc.t("targets.centralization", value=nc.fixed(item.value, 2),
                high=nc.fixed(item.high, 2), verdict=nc.t(f"targets.verdict.{item.verdict}"))


def _profile(item: ProfileReading, nc: PageHelpers) -> str:
    current = (nc.t(f"profile.{item.key}_values.{item.current}") if item.current
               else nc.t("targets.profile_unset"))
    return nc.t("targets.profile", aspect=nc.t(f"profile.{item.key}"), current=current,
                target=nc.t(f"profile.{item.key}_values.{item.target}"),
                verdict=nc.t(f"targets.profile_{'match' if item.matches else 'differs'}"))


def _area(item: AreaReading, area: CompetenceArea, nc: PageHelpers) -> str:
    key = "targets.competence" if item.best else "targets.competence_none"
    return nc.t(key, area=nc.text(area.name), best=nc.num(item.best, 0),
                target=nc.num(item.target, 0), verdict=nc.t(f"targets.verdict.{item.verdict}"))
