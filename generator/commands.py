"""What `netcard build` and `netcard check` do, with the messages a user reads."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from generator import plural
from generator.errors import ContentError, ContentErrors, UsageError, shown
from generator.load.paths import is_inside
from generator.model.profile import PROFILES
from generator.names import DEFAULT_OUTPUT

if TYPE_CHECKING:
    from generator.model.site import Site


def _site_dir(site: Path) -> Path:
    if not (site / "content").is_dir():
        raise UsageError(f"there is no content/ folder in {site.resolve()}; run netcard in a "
                         "site folder, pass its path (netcard build SITE), or create one with "
                         "'netcard new DIR'")
    return site


def _print_warnings(warnings: list[ContentError]) -> None:
    """Every warning, up to the cap that content errors have too (`errors.shown`)."""
    for warning in shown(sorted(warnings)):
        print(warning.format(), file=sys.stderr)


def run_build(site: Path, output: Path | None, profile: str | None) -> int:
    from generator.freshness import is_up_to_date

    site_dir = _site_dir(site)
    out_dir = output if output is not None else site_dir / DEFAULT_OUTPUT
    if is_inside(out_dir, site_dir / "content"):
        raise UsageError("the output folder is inside content/; choose another with -o")
    started = time.perf_counter()
    profiles = (profile,) if profile else PROFILES
    if is_up_to_date(site_dir, out_dir, profiles):
        print(f"{out_dir} is up to date: nothing changed since the last build")
        return 0
    from generator.build import build
    from generator.progress import TerminalProgress

    progress = TerminalProgress() if TerminalProgress.wanted() else None
    try:
        result = build(site_dir, out_dir, profiles, progress)
    finally:
        if progress is not None:
            progress.close()
    _print_warnings(result.warnings)
    pages = sum(len(r.page_paths) for r in result.profiles.values())
    reused = sum(r.reused for r in result.profiles.values())
    seconds = time.perf_counter() - started
    note = f", {pages - reused} rendered, {reused} unchanged" if reused else ""
    print(f"Built {pages} pages ({', '.join(profiles)}{note}) into {out_dir} "
          f"in {seconds:.2f} s")
    return 0


def run_check(site: Path, strict: bool) -> int:
    from generator.build import render_site
    from generator.check import link_problems, publishing_notes
    from generator.model import translations

    site_dir = _site_dir(site)
    result = render_site(site_dir)
    problems = link_problems(result)
    warnings = [*result.warnings, *problems.warnings,
                *translations.warnings(result.site, site_dir)]
    for line in translations.summary(result.site):  # the overview; the texts follow
        print(line, file=sys.stderr)
    if problems.errors or (strict and warnings):
        errors = problems.errors + (warnings if strict else [])
        if not strict:
            _print_warnings(warnings)
        raise ContentErrors(errors)
    _print_warnings(warnings)
    for publishing_note in publishing_notes(result):
        print(publishing_note, file=sys.stderr)
    pages = sum(len(r.page_paths) for r in result.profiles.values())
    note = (" with " + plural.english(len(warnings), "{count} warning", "{count} warnings")
            if warnings else "")
    print(f"Content is valid: {pages} pages, every internal link resolves{note}.")
    return 0


def _summary_language(asked: str | None, site: Site) -> str:
    """The language of `netcard diff`'s summary: the one asked for, if netcard has its
    words or the site is written in it, else a usage error saying which there are."""
    from generator.render.i18n import UI_LANGUAGES

    if asked is None:
        return site.default_language
    known = sorted({*UI_LANGUAGES, *site.languages})
    if asked not in known:
        raise UsageError(f"--lang {asked} is not a language netcard can write the summary "
                         f"in; choose one of {', '.join(known)}")
    return asked


def run_diff(arguments: list[str], output_format: str, svg: Path | None = None,
             language: str | None = None) -> int:
    """`netcard diff [SITE] [REV1 [REV2]]`: the first argument is the site when it is a
    folder, else the first revision. With `svg`, the change is drawn into that file too.
    The summary is in `language` (default: the site's default language)."""
    from generator.diff.compare import compare, make_state
    from generator.diff.drawing import check_svg_target, write_drawing
    from generator.diff.read_revision import WORKING_TREE, find_repository, load_state
    from generator.diff.report import as_json, as_markdown
    from generator.model.types import LANGUAGE_CODE
    from generator.paths import site_cache_dir

    site, revisions = Path("."), list(arguments)
    if revisions and Path(revisions[0]).is_dir():
        site = Path(revisions.pop(0))
    if len(revisions) > 2:
        raise UsageError("netcard diff compares two states: give at most two revisions "
                         "(netcard diff SITE REV1 REV2)")
    site_dir = _site_dir(site)
    if svg is not None:
        check_svg_target(svg, site_dir)
    if language is not None and not LANGUAGE_CODE.match(language):
        raise UsageError(f"--lang {language} is not a language code; give one such as "
                         "fi, sv or en (a language of the site)")  # before loading two sites
    repository = find_repository(site_dir)
    before: str | None = revisions[0] if revisions else "HEAD"
    after: str | None = revisions[1] if len(revisions) > 1 else None
    cache_dir = site_cache_dir(site_dir, inside_site=False)
    states = [make_state(load_state(site_dir, repository, revision), cache_dir)
              for revision in (before, after)]
    labels = (before or WORKING_TREE, after or WORKING_TREE)
    language = _summary_language(language, states[1].site)
    summary = compare(states[0], states[1], labels, language)
    if svg is not None:
        write_drawing(svg, states[0].site, states[1].site, labels, language)
        print(f"Wrote the drawing of the change to {svg}", file=sys.stderr)
    print(as_json(summary) if output_format == "json" else as_markdown(summary, language),
          end="")
    return 0
