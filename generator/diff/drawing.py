"""`netcard diff --svg FILE`: the change drawn on the network, as a picture of its own.

Both states' members and ties are laid out together once (analyse/timeline.py's
`change_layout`, analyse/layout.py's algorithm: the same states, the same picture), and
the change is drawn as the history page draws each saved version's
(render/timeline_view.py): added in blue and solid, removed in orange (vermillion),
dashed and hollow, the rest faint, with a legend in the picture, in the language of
the summary (`--lang`, default: the site's default language).
"""

from __future__ import annotations

from pathlib import Path

from generator.analyse.timeline import change_layout
from generator.atomic import write_atomic
from generator.diff.history import state_of
from generator.diff.read_revision import WORKING_TREE
from generator.errors import EnvironmentProblem, UsageError
from generator.model.site import Site
from generator.render.i18n import fill, texts
from generator.render.timeline_view import Legend, change_svg


def check_svg_target(output: Path, site_dir: Path) -> None:
    """Refuse, before anything is read, a drawing that could not or must not be written
    there (a UsageError: exit code 2). A folder that cannot be written is found when
    writing (an environment problem: exit code 3)."""
    from generator.load.paths import is_inside

    if output.suffix.lower() != ".svg":
        raise UsageError(f"{output} does not end in .svg; the drawing is an SVG picture, so "
                         "give it a name such as changes.svg with --svg")
    if output.is_dir():
        raise UsageError(f"{output} is a folder; give the drawing a file name with --svg "
                         "(for example --svg changes.svg)")
    if not output.parent.is_dir():
        raise UsageError(f"the folder {output.parent} does not exist; create it first, or "
                         "choose a file in a folder that exists with --svg")
    if is_inside(output, site_dir / "content"):
        raise UsageError("the drawing would be written inside content/, where netcard would "
                         "take it for content; choose another place with --svg")


def change_drawing(before: Site, after: Site, labels: tuple[str, str],
                   language: str | None = None) -> str:
    """The whole SVG file: the change from `before` to `after`, with its legend, in
    `language` (default: the newer state's default language)."""
    language = language or after.default_language
    strings = texts(language)
    old, new = state_of(before), state_of(after)
    positions = change_layout([*old.members, *new.members], [*old.ties, *new.ties])
    names = {**_names(before, language), **_names(after, language)}
    states = [fill(strings, "diff.working_tree", {}) if label == WORKING_TREE else label
              for label in labels]
    title = fill(strings, "diff.drawing_title", {"before": states[0], "after": states[1]})
    legend = Legend(title, *(_capitalised(fill(strings, f"history_map.legend_{kind}", {}))
                             for kind in ("added", "removed", "unchanged")))
    svg = change_svg(positions, old, new, names, title, legend)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(site: Site, language: str) -> dict[str, str]:
    return {identifier: member.name.get(language, site.default_language)
            for identifier, member in site.members.items()}


def write_drawing(output: Path, before: Site, after: Site, labels: tuple[str, str],
                  language: str | None = None) -> None:
    """Write the drawing, whole or not at all; an EnvironmentProblem (exit code 3) naming
    the file when the machine prevents it (no permission, a read-only disk, a full one)."""
    data = change_drawing(before, after, labels, language).encode("utf-8")
    try:
        write_atomic(output, data, durable=True)
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise EnvironmentProblem(
            f"the drawing could not be written to {output} ({reason})",
            "choose a folder you can write to with --svg (check its permissions and that "
            "the disk has space), then run the command again") from exc
