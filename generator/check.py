"""`netcard check`: every internal link of the built pages must resolve."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.build import BuildResult
from generator.errors import ErrorList
from generator.model.profile import Profile
from generator.render.links import link_target, site_root


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)
            if name == "id" and value:
                self.ids.add(value)


def link_problems(result: BuildResult) -> ErrorList:
    problems = ErrorList()
    root = site_root(result.site.settings.base_url)
    for profile, rendered in result.profiles.items():
        # Where internal content is left out, the target may be internal: a warning.
        missing_may_be_internal = not Profile(profile).includes_internal
        for page, target in rendered.broken_links:
            problems.add(f"{profile}/{page}", 0, 0, f"a link to content/{target} leads nowhere "
                         f"in the {profile} site",
                         "check the file name, or make the target public if public pages "
                         "link to it", warning=missing_may_be_internal)
        available = set(rendered.files) | {p.split("/", 1)[1] for p in result.copies
                                           if p.startswith(profile + "/")}
        for page, content in rendered.files.items():
            if page.endswith(".html"):
                _check_page(profile, page, content.decode("utf-8"), available, problems, root)
    return problems


def publishing_notes(result: BuildResult) -> list[str]:
    """What a site still lacks for publishing, which the content cannot be wrong about
    before the address is known: shown by `check`, never counted as a warning, so that
    `check --strict` passes on a site that is not published yet."""
    if result.site.settings.base_url:
        return []
    return ["note: content/site.yaml has no base_url yet, so the public card has no "
            "sitemap.xml, QR code or share links. When you know the address the card will "
            "have, add it: base_url: https://example.org/network/"]


def _check_page(profile: str, page: str, html: str, available: set[str],
                problems: ErrorList, root: str) -> None:
    parser = _Links()
    parser.feed(html)
    for target in parser.targets:
        resolved = link_target(page, target, root)
        if resolved is not None and resolved.path not in available:
            problems.add(f"{profile}/{page}", 0, 0, f"the link '{target}' leads to a page that "
                         "does not exist", "fix the link in the content or the theme template")
