"""Stage 3, analyse: model → everything worked out about each profile's site.

The network's graph, metrics, brokerage and layout (networkx, cached between builds),
its export files (network.json, GraphML, GEXF, CSV), the 6D evaluation rounds and
their trend, and the competence maps. profiles.py runs it for a build and gives the
render stage a `ProfileAnalysis` per profile, which the pages only read. Results are
the same in every language. Imports model, load and the shared modules, nothing of
render.
"""
