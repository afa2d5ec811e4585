"""Markdown files with a YAML front matter block between '---' lines."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import ErrorList
from generator.load.yaml_marks import Mark, YamlDocument, parse_yaml


@dataclass
class MarkdownFile:
    """A Markdown file: its front matter and its body with the body's first line."""

    front: YamlDocument
    body: str
    body_line: int


def parse_markdown_file(text: str, file: str, errors: ErrorList, *,
                        translation: bool = False) -> MarkdownFile | None:
    """A Markdown file's front matter and body. A page's `translation` may leave its front
    matter empty (`---` and `---`: every field comes from the page)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        errors.add(file, 1, 1, "the file does not start with front matter",
                   "start the file with a '---' line, then 'title: …', then another '---' line")
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        errors.add(file, 1, 1, "the front matter is not closed",
                   "add a line with only '---' after the front matter (before the text)")
        return None
    front_text = "".join(lines[1:closing])
    front = parse_yaml(front_text, file, errors, line_offset=1, allow_empty=translation)
    if front is None:
        return None
    if translation and front.data is None:
        front = YamlDocument(file, {}, {(): Mark(2, 1)})
    if not isinstance(front.data, dict):
        errors.add(file, 2, 1, "the front matter must be a mapping of keys and values",
                   "write it as 'title: My page' lines")
        return None
    return MarkdownFile(front, "".join(lines[closing + 1:]), closing + 2)
