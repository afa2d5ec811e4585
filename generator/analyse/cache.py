"""Keep a network's analysis between builds, keyed by the graph it was computed from.

Betweenness, Burt's measures, brokerage and the layout take seconds on large
networks and change only when the graph does: a member's description or name
edit reuses them. The key covers everything the analysis reads except names
(which are put back from the current input), plus the analysis code itself.
The cache is plain JSON; a damaged or foreign entry is recomputed, never trusted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.atomic import write_atomic
from generator.deps import fingerprint
from generator.model import derivation
from generator.parallel import long_lived
from generator.rebuilds import KeptByFile, file_stamp

from .results import (
    Brokerage,
    Departure,
    Drift,
    NetworkAnalysis,
    NetworkMetrics,
    NodeInput,
    NodeResult,
    TieInput,
)

FORMAT = 1

# netcard serve: analyses an earlier build read, as decoded (see generator.rebuilds); a
# few, as each profile's graph has its own file, and an edit to a tie makes another.
_KEPT: KeptByFile[tuple[NetworkAnalysis, str]] = KeptByFile(limit=6)  # (and its digest)


@functools.cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def graph_key(nodes: list[NodeInput], ties: list[TieInput]) -> str:
    nameless = sorted((n.id, n.sector, n.role, n.kind, n.external) for n in nodes)
    links = sorted((t.source, t.target, t.directed, t.strength, t.type) for t in ties)
    payload = json.dumps([_code_fingerprint(), nameless, links], separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:40]


def cached_analysis(nodes: list[NodeInput], ties: list[TieInput], cache_dir: Path | None,
                    compute: Callable[[], NetworkAnalysis]) -> NetworkAnalysis:
    """The analysis from the cache when the graph is unchanged, else computed and stored."""
    if cache_dir is None:
        return compute()
    path = _entry(nodes, ties, cache_dir)
    stored = _read(path, nodes)
    if stored is not None:
        return stored
    analysis = compute()
    with contextlib.suppress(OSError):  # a read-only site still builds, only slower
        write_atomic(path, json.dumps(_encode(analysis)).encode("utf-8"), durable=False)
    return analysis


def stored_analysis(nodes: list[NodeInput], ties: list[TieInput],
                    cache_dir: Path) -> NetworkAnalysis | None:
    """The cached analysis of this graph, with these names; None if there is none (or it
    cannot be read: a damaged entry is never trusted)."""
    return _read(_entry(nodes, ties, cache_dir), nodes)


def _entry(nodes: list[NodeInput], ties: list[TieInput], cache_dir: Path) -> Path:
    return cache_dir / f"analysis-{graph_key(nodes, ties)}.json"


def note_entry(analysis: NetworkAnalysis, nodes: list[NodeInput], ties: list[TieInput],
               cache_dir: Path) -> None:
    """Note that `analysis`, just computed, is what its graph's entry now holds (its
    derivation, see model/derivation.py), so that it has the fingerprint the next build
    gives the analysis it reads back. Nothing when the entry could not be written."""
    try:
        content = _entry(nodes, ties, cache_dir).read_bytes()
    except OSError:
        return
    derivation.note(analysis, "analysis entry", fingerprint(content))


def _read(path: Path, nodes: list[NodeInput]) -> NetworkAnalysis | None:
    """The entry's analysis with these names, noted as made from the entry (the names
    aside: pages read them from the members, not from the analysis' fingerprint)."""
    names = {n.id: n.name for n in nodes}
    kept = _KEPT.get(path)  # netcard serve: read by an earlier build
    if kept is None:
        read_from = file_stamp(path)
        try:
            with long_lived():
                content = path.read_bytes()
                kept = _decode(json.loads(content)), fingerprint(content)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        _KEPT.put(path, kept, read_from)
    decoded, made_from = kept
    try:
        analysis = _with_names(decoded, names, nodes)
    except KeyError:  # another graph's
        return None
    derivation.note(analysis, "analysis entry", made_from)
    return analysis


def _encode(analysis: NetworkAnalysis) -> dict[str, Any]:
    return {"metrics": _fields(analysis.metrics),
            "results": [{**_fields(r), "brokerage": r.brokerage.as_dict()}
                        for r in analysis.results],
            "estimated": analysis.betweenness_estimated,
            "components": [list(c) for c in analysis.components],
            "isolated": list(analysis.isolated),
            "nodes": [_fields(n) for n in analysis.nodes],
            "ties": [_fields(t) for t in analysis.ties],
            "departures": [{**_fields(d), "drift": [_fields(x) for x in d.drift]}
                           for d in analysis.departures]}


def _fields(item: Any) -> dict[str, Any]:
    """A flat dataclass's fields (nested values as they are: JSON writes tuples as
    lists). dataclasses.asdict deep-copies every value: 1.4 s at 2,000 members."""
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}


def _decode(data: dict[str, Any]) -> NetworkAnalysis:
    results = tuple(NodeResult(**{**r, "brokerage": Brokerage(**r["brokerage"]),
                                  "holes": tuple(tuple(pair) for pair in r["holes"])})
                    for r in data["results"])
    return NetworkAnalysis(
        metrics=NetworkMetrics(**data["metrics"]), results=results,
        betweenness_estimated=bool(data["estimated"]),
        components=tuple(tuple(c) for c in data["components"]),
        isolated=tuple(data["isolated"]),
        nodes=tuple(NodeInput(**n) for n in data["nodes"]),
        ties=tuple(TieInput(**t) for t in data["ties"]),
        departures=tuple(_departure(d) for d in data["departures"]),
        _by_id={r.id: r for r in results})


def _departure(data: dict[str, Any]) -> Departure:
    return Departure(**{**data, "cut_off": tuple(tuple(group) for group in data["cut_off"]),
                        "drift": tuple(Drift(**pair) for pair in data["drift"])})


def _with_names(analysis: NetworkAnalysis, names: dict[str, str],
                nodes: list[NodeInput]) -> NetworkAnalysis:
    if {n.id for n in analysis.nodes} != set(names):
        raise KeyError("the cached analysis is of another graph")
    # Mostly the names it was stored with: only a renamed member's record is made again.
    results = tuple(r if r.name == names[r.id] else dataclasses.replace(r, name=names[r.id])
                    for r in analysis.results)
    return dataclasses.replace(
        analysis, results=results, nodes=tuple(sorted(nodes, key=lambda n: n.id)),
        _by_id={r.id: r for r in results})
