"""The comparison as Markdown to paste into a pull request, or as JSON.

The Markdown is written in a UI language (the site's default unless `--lang` says
otherwise) and names members and ties as people read them, each followed by its key
in the content files as code, so a reviewer can both read it and find the line.
"""

from __future__ import annotations

import json
from typing import Any

from generator.diff.read_revision import WORKING_TREE
from generator.render.i18n import fill as fill_text
from generator.render.i18n import format_fixed, texts

SHOWN_LENGTH = 80  # characters of a value shown in the Markdown summary
FIGURES = ("nodes", "ties", "density", "centralization", "components")
# The reasons of `becomes_public` (kept in English in the JSON) and their UI strings.
REASONS = {"made public": "made_public", "new and public": "new_public",
           "newly shown fields": "new_fields",
           "internal member named in public content": "named"}


def as_json(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"


class _Words:
    """The report's words in one language, and the names of members and ties."""

    def __init__(self, language: str, names: dict[str, Any]) -> None:
        self.language = language
        self.strings = texts(language)
        self.members: dict[str, str] = names.get("members", {})
        self.ties: dict[str, str] = names.get("ties", {})

    def t(self, key: str, **values: Any) -> str:
        return fill_text(self.strings, f"diff.{key}", values)

    def section(self, name: str) -> str:
        key = f"diff.section.{name}"
        return self.strings[key] if key in self.strings else name.capitalize()

    def item(self, section: str, key: str) -> str:
        """A member or tie by its name, then its key; anything else by its key."""
        readable = (self.members if section == "members" else
                    self.ties if section == "ties" else {}).get(key.split(" #")[0])
        return f"{_escape(readable)} ({_code(key)})" if readable and readable != key \
            else _code(key)

    def member(self, identifier: str) -> str:
        return self.item("members", identifier)

    def state(self, label: str) -> str:
        return self.t("working_tree") if label == WORKING_TREE else label

    def figure(self, value: Any, sign: bool = False) -> str:
        """A figure as the language writes numbers (0,272 in Finnish and Swedish)."""
        if not isinstance(value, float):
            return str(value)
        shown = format_fixed(value, self.language, 3)
        return f"+{shown}" if sign and value > 0 else shown


def _escape(text: str) -> str:
    """A name as Markdown text: its own characters never start markup."""
    return "".join(f"\\{char}" if char in "\\`*_[]<>#|" else char for char in text)


def _code(value: Any) -> str:
    """A value as inline code, on one line, shortened, safe inside a table."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split()).replace("|", "\\|")
    if len(text) > SHOWN_LENGTH:
        text = text[:SHOWN_LENGTH - 1] + "…"
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def as_markdown(summary: dict[str, Any], language: str = "en") -> str:
    words = _Words(language, summary.get("names", {}))
    title = words.t("title", before=words.state(summary["before"]),
                    after=words.state(summary["after"]))
    lines = [f"## {title}", ""]
    lines += _public_part(summary["becomes_public"], words)
    lines += _changes_part(summary["changes"], words)
    lines += _figures_part(summary["figures"], words)
    lines += _brokers_part(summary["brokers"], words)
    return "\n".join(lines).rstrip() + "\n"


def _public_part(found: list[dict[str, Any]], words: _Words) -> list[str]:
    lines = [f"### ⚠️ {words.t('public.title')}", ""]
    if not found:
        return [*lines, words.t("public.nothing"), ""]
    lines.append(words.t("public.check"))
    lines.append("")
    for item in found:
        fields = f": {', '.join(_code(field) for field in item['fields'])}" \
            if item["fields"] else ""
        reason = words.t(f"public.{REASONS[item['reason']]}") \
            if item["reason"] in REASONS else item["reason"]
        lines.append(f"- **{words.section(item['section'])}** "
                     f"{words.item(item['section'], item['item'])}: {reason}{fields}")
    return [*lines, "", "---", ""]


def _changes_part(changes: dict[str, Any], words: _Words) -> list[str]:
    lines = [f"### {words.t('changes.title')}", ""]
    if not changes:
        return [*lines, words.t("changes.nothing"), ""]
    for section, change in changes.items():
        lines += [f"#### {words.section(section)}", ""]
        for kind in ("added", "removed"):
            if change[kind]:
                listed = ", ".join(words.item(section, key) for key in change[kind])
                lines.append(f"- {words.t('changes.' + kind)}: {listed}")
        for key, fields in change["changed"].items():
            lines.append(f"- {words.t('changes.changed', item=words.item(section, key))}:")
            lines += [f"  - {_code(name)}: {_code(values['before'])} → {_code(values['after'])}"
                      for name, values in fields.items()]
        lines.append("")
    return lines


def _figures_part(figures: dict[str, Any], words: _Words) -> list[str]:
    lines = [f"### {words.t('figures.title')}", "",
             f"| | {words.t('before')} | {words.t('after')} |", "|---|---:|---:|"]
    for name in FIGURES:
        before, after = figures["before"][name], figures["after"][name]
        lines.append(f"| {words.t('figures.' + name)} | {words.figure(before)} | "
                     f"{words.figure(after)} |")
    return [*lines, ""]


def _brokers_part(brokers: dict[str, Any], words: _Words) -> list[str]:
    lines = [f"### {words.t('brokers.title')}", ""]
    for kind in ("gained", "lost"):
        listed = ", ".join(words.member(member) for member in brokers[kind]) \
            or words.t("brokers.none")
        lines.append(f"- {words.t('brokers.' + kind)}: {listed}")
    lines.append("")
    if brokers["betweenness"]:
        lines += [words.t("brokers.most_changed"), "",
                  f"| {words.t('brokers.member')} | {words.t('before')} | {words.t('after')} "
                  f"| {words.t('brokers.change')} |", "|---|---:|---:|---:|"]
        lines += [f"| {words.member(row['member'])} | {words.figure(float(row['before']))} | "
                  f"{words.figure(float(row['after']))} | "
                  f"{words.figure(float(row['change']), sign=True)} |"
                  for row in brokers["betweenness"]]
        lines.append("")
    return lines
