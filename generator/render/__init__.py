"""Stage 4, render: model + analysis → every page of each profile, in memory.

Jinja2 templates, Markdown, routes and links, charts and graph data, formatted per
language (i18n.py): a page shows the analyse stage's results and works nothing out
of its own. incremental.py takes from the previous output every page whose recorded
dependencies did not change. Imports analyse, model, load and the shared modules,
never the write stage or the commands (build, serve, bundle, cli …).
"""
