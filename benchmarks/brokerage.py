"""Times Gould-Fernandez brokerage on a 10,000-member, 40,000-tie directed graph.

    python benchmarks/brokerage.py [--runs 5]

Prints the median and the fastest of the runs. This was a wall-clock assertion in
tests/analyse/test_brokerage.py; tests check behaviour, benchmarks the time.
"""

from __future__ import annotations

import argparse
import statistics
import time

import networkx as nx

from generator.analyse.brokerage import brokerage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    graph = nx.relabel_nodes(nx.gnm_random_graph(10_000, 40_000, seed=1, directed=True), str)
    groups = {v: "XYZW"[int(v) % 4] for v in graph}
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        brokerage(graph, groups)
        times.append(time.perf_counter() - start)
    print(f"brokerage, 10,000 members / 40,000 ties: median {statistics.median(times):.3f} s, "
          f"fastest {min(times):.3f} s ({args.runs} runs)")


if __name__ == "__main__":
    main()
