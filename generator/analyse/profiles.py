"""The analyse stage as a build runs it: everything worked out about each profile's
site before a page is rendered, which the render stage then only reads.

The network analysis and its export files are taken from the caches when the network
is unchanged, else computed. Only a computation imports networkx and numpy (about
0.2 s): an edit that leaves the network as it was (a page's text, a member's
description) never imports them. The 6D rounds and the actions are quick and worked
out on every build, each with the sources it read (see deps.Recorded); the competence
maps, the targets and the tie suggestions when a page first reads them (deps.Deferred),
so an edit whose pages that show them are reused never works them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator import __version__
from generator.analyse import exports
from generator.analyse.actions import ActionFollowUp, follow_up, reference_date
from generator.analyse.cache import note_entry, stored_analysis
from generator.analyse.competence import CompetenceMap, competence_maps
from generator.analyse.history import GitHistory
from generator.analyse.results import NetworkAnalysis, NodeInput, TieInput
from generator.analyse.rounds import RoundsAnalysis, analyse_rounds
from generator.analyse.site_graph import analyse_graph, graph_inputs
from generator.analyse.targets import TargetReading, read_targets
from generator.analyse.what_if import Suggestions, site_suggestions
from generator.deps import Deferred, Recorded, fingerprint, recorded
from generator.model.profile import Profile
from generator.model.site import Site
from generator.parallel import run_all

EXPORT_NAMES = ("network.json", "network.graphml", "network.gexf", "members.csv", "ties.csv")
PARALLEL_ANALYSIS_MIN_MEMBERS = 200  # ~0.3 s each below this: a fork gains little

Analysed = tuple[NetworkAnalysis, dict[str, bytes]]  # the analysis and its export files


@dataclass(frozen=True)
class ProfileAnalysis:
    """What the analyse stage found out about one profile's site, for its pages.

    `exports` are the files of the network analysis by name (network.json, GraphML,
    GEXF, CSV); `competences` the map of the network's own members and the extended
    one with external partners; `actions` the future tables' actions on the build's
    reference date (see analyse/actions.py)."""

    network: NetworkAnalysis
    exports: dict[str, bytes]
    rounds: RoundsAnalysis
    competences: Deferred[tuple[CompetenceMap, CompetenceMap]]
    actions: Recorded[ActionFollowUp]
    targets: Deferred[TargetReading | None]
    history: GitHistory | None = None  # content/ in git, commit by commit (the build reads it)
    suggestions: Deferred[Suggestions] | None = None  # ties to suggest (what_if.py): workbook


def analyse_profiles(views: dict[Profile, Site], cache_dir: Path | None,
                     code: str, reference: dt.date | None = None) -> dict[Profile, ProfileAnalysis]:
    """Each profile's analysis; `code` is netcard's own (a cached export made by other
    code is never used). Without a `cache_dir` (no cache can be written) everything
    is computed. `reference` is the build's reference date (the same for every
    profile; without one, it is worked out from the content alone)."""
    networks = analyse_networks(views, cache_dir, code)
    if reference is None:
        reference = max(reference_date(view, None) for view in views.values())
    analysed = {}
    for profile, view in views.items():
        network, files = networks[profile]
        competences = Deferred(partial(competence_maps, view))
        analysed[profile] = ProfileAnalysis(
            network, files, analyse_rounds(view), competences,
            recorded(partial(follow_up, view, reference)),
            Deferred(partial(_targets, view, network, competences)),
            suggestions=(Deferred(partial(site_suggestions, view, network))
                         if view.profile.includes_internal else None))
    return analysed


def _targets(view: Site, network: NetworkAnalysis,
             competences: Deferred[tuple[CompetenceMap, CompetenceMap]]) -> TargetReading | None:
    """The targets read against the network's figures and its own members' competences."""
    return read_targets(view.network, network.metrics, competences.read()[0])


def analyse_networks(views: dict[Profile, Site], cache_dir: Path | None,
                     code: str) -> dict[Profile, Analysed]:
    """Each profile's network analysis and exports. The profiles do not depend on each
    other and take seconds on large networks, so there they run at the same time, each
    on its own core; on small ones starting a process would cost more than it saves."""
    found: dict[Profile, Analysed] = {}
    jobs: dict[Profile, Callable[[], Analysed]] = {}
    inputs = {profile: graph_inputs(view) for profile, view in views.items()}
    for profile, (nodes, ties) in inputs.items():
        network = None if cache_dir is None else stored_analysis(nodes, ties,
                                                                 cache_dir / "layout")
        exported = None if network is None or cache_dir is None else stored_exports(
            cache_dir / "exports" / profile, exports_key(code, profile, network))
        if network is not None and exported is not None:
            found[profile] = network, exported
        else:
            jobs[profile] = partial(analyse_profile, nodes, ties, cache_dir, code, profile)
    large = any(len(view.members) >= PARALLEL_ANALYSIS_MIN_MEMBERS for view in views.values())
    results = run_all(list(jobs.values())) if large else [job() for job in jobs.values()]
    found.update(zip(jobs, results, strict=True))
    if cache_dir is not None:
        for profile in jobs:  # (computed in a worker, perhaps: noted here, in this process)
            note_entry(found[profile][0], *inputs[profile], cache_dir / "layout")
    return {profile: found[profile] for profile in views}


def analyse_profile(nodes: list[NodeInput], ties: list[TieInput], cache_dir: Path | None,
                    code: str, profile: str) -> Analysed:
    network = analyse_graph(nodes, ties, None if cache_dir is None else cache_dir / "layout")
    if cache_dir is None:
        return network, export_files(network, profile)
    return network, cached_exports(cache_dir / "exports" / profile, code, network, profile)


def export_files(network: NetworkAnalysis, profile: str) -> dict[str, bytes]:
    """network.json, GraphML, GEXF and the CSVs of one profile's analysis."""
    return {
        "network.json": exports.network_json(network, profile, __version__).encode(),
        "network.graphml": exports.network_graphml(network),
        "network.gexf": exports.network_gexf(network, exports.SECTOR_COLORS),
        "members.csv": exports.members_csv(network).encode(),
        "ties.csv": exports.ties_csv(network).encode(),
    }


def stored_exports(folder: Path, key: str) -> dict[str, bytes] | None:
    """The export files kept in `folder` by an earlier build with this `exports_key`."""
    try:
        if (folder / "key").read_text(encoding="utf-8") == key:
            return {name: (folder / name).read_bytes() for name in EXPORT_NAMES}
    except OSError:
        pass
    return None


def exports_key(code: str, profile: str, network: NetworkAnalysis) -> str:
    """What the export files are made of: `code` (netcard's, the analysis' included) works
    every figure out of the nodes (names included) and ties alone, except the positions,
    which may come from the layout cache. `repr` of the whole analysis said the same at
    ten times the cost (every member's listed holes: 0.2 s a profile at 2,000 members)."""
    positions = [(result.x, result.y) for result in network.results]
    return fingerprint(code, profile, repr((network.nodes, network.ties, positions)))


def cached_exports(folder: Path, code: str, network: NetworkAnalysis,
                   profile: str) -> dict[str, bytes]:
    """network.json, GraphML, GEXF and the CSVs; kept in `folder` between builds.

    They depend on the analysis (names included) alone, and GraphML and GEXF take
    seconds on large networks, so an edit that leaves the network as it was reuses
    the files of the last build. A damaged or missing entry is made again.
    """
    key = exports_key(code, profile, network)
    kept = stored_exports(folder, key)
    if kept is not None:
        return kept
    files = export_files(network, profile)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "key").unlink(missing_ok=True)  # invalid while the files change
        for name, content in files.items():
            (folder / name).write_bytes(content)
        (folder / "key").write_text(key, encoding="utf-8")
    except OSError:
        pass  # a read-only site still builds, only slower
    return files


__all__ = ["EXPORT_NAMES", "ProfileAnalysis", "analyse_profiles", "cached_exports"]
