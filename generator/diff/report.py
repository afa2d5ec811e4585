"""The comparison as Markdown to paste into a pull request, or as JSON."""

from __future__ import annotations

import json
from typing import Any

SHOWN_LENGTH = 80  # characters of a value shown in the Markdown summary
FIGURE_NAMES = {"nodes": "Members", "ties": "Ties", "density": "Density",
                "centralization": "Centralisation", "components": "Components"}


def as_json(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"


def _code(value: Any) -> str:
    """A value as inline code, on one line, shortened, safe inside a table."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split()).replace("|", "\\|")
    if len(text) > SHOWN_LENGTH:
        text = text[:SHOWN_LENGTH - 1] + "…"
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def as_markdown(summary: dict[str, Any]) -> str:
    lines = [f"## Content changes: {summary['before']} → {summary['after']}", ""]
    lines += _public_part(summary["becomes_public"])
    lines += _changes_part(summary["changes"])
    lines += _figures_part(summary["figures"])
    lines += _brokers_part(summary["brokers"])
    return "\n".join(lines).rstrip() + "\n"


def _public_part(found: list[dict[str, Any]]) -> list[str]:
    lines = ["### ⚠️ Becomes public", ""]
    if not found:
        return [*lines, "Nothing new becomes public.", ""]
    lines.append("Check these before merging: the public card would show them.")
    lines.append("")
    for item in found:
        fields = f": {', '.join(_code(field) for field in item['fields'])}" \
            if item["fields"] else ""
        lines.append(f"- **{item['section']}** {_code(item['item'])}: {item['reason']}{fields}")
    return [*lines, "", "---", ""]


def _changes_part(changes: dict[str, Any]) -> list[str]:
    lines = ["### Changes", ""]
    if not changes:
        return [*lines, "No content changed.", ""]
    for section, change in changes.items():
        lines += [f"#### {section.capitalize()}", ""]
        for kind in ("added", "removed"):
            if change[kind]:
                listed = ", ".join(_code(key) for key in change[kind])
                lines.append(f"- {kind.capitalize()}: {listed}")
        for key, fields in change["changed"].items():
            lines.append(f"- Changed {_code(key)}:")
            lines += [f"  - {_code(name)}: {_code(values['before'])} → {_code(values['after'])}"
                      for name, values in fields.items()]
        lines.append("")
    return lines


def _figures_part(figures: dict[str, Any]) -> list[str]:
    lines = ["### Network figures", "", "| | Before | After |", "|---|---:|---:|"]
    for name, label in FIGURE_NAMES.items():
        before, after = figures["before"][name], figures["after"][name]
        lines.append(f"| {label} | {_figure(before)} | {_figure(after)} |")
    return [*lines, ""]


def _figure(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _brokers_part(brokers: dict[str, Any]) -> list[str]:
    lines = ["### Brokers", ""]
    for kind in ("gained", "lost"):
        listed = ", ".join(_code(member) for member in brokers[kind]) or "none"
        lines.append(f"- {kind.capitalize()}: {listed}")
    lines.append("")
    if brokers["betweenness"]:
        lines += ["Betweenness changed most:", "", "| Member | Before | After | Change |",
                  "|---|---:|---:|---:|"]
        lines += [f"| {_code(row['member'])} | {row['before']:.3f} | {row['after']:.3f} | "
                  f"{row['change']:+.3f} |" for row in brokers["betweenness"]]
        lines.append("")
    return lines
