"""axe-core on every page of both profiles in every language: nothing serious or critical."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.e2e_support import PROFILES, PageFactory, ServedProfile

BLOCKING = ("serious", "critical")
AXE = Axe()
OPTIONS = {"resultTypes": ["violations", "incomplete"]}
# Rules whose "needs review" answers are guesses: axe cannot tell the colour behind short
# text ("2" in a badge) or SVG text, so those go to a person, not to this test. Every other
# serious finding that axe could not decide (an aria-label on a plain span, say) fails.
UNDECIDABLE = {"color-contrast", "color-contrast-enhanced"}
# A folder per language, besides the default language at the root. Pages are split by
# language so the two xdist workers share the work; a missing language folder fails.
LANGUAGE_FOLDERS = ("", "sv", "en")


def pages_of(profile: ServedProfile, language: str) -> list[str]:
    """Every page of one language of the profile (the default language is at the root)."""
    languages = set(profile.languages())
    assert language in languages, f"{profile.name} has no {language!r} pages"
    if language:
        return [path for path in profile.html_files() if path.startswith(language + "/")]
    return [path for path in profile.html_files() if path.split("/", 1)[0] not in languages]


def describe(url: str, violation: dict[str, Any]) -> str:
    targets = [" ".join(map(str, node.get("target", []))) for node in violation["nodes"][:3]]
    summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")[:300]
    return (f"{url}: [{violation['impact']}] {violation['id']} – {violation['help']} "
            f"({len(violation['nodes'])}×, e.g. {targets}) {summary}")


@pytest.mark.slow  # axe on every page of a language: 14-35 s each
@pytest.mark.parametrize("language", LANGUAGE_FOLDERS)
@pytest.mark.parametrize("profile_name", PROFILES)
def test_no_serious_accessibility_violations(
    profile_name: str, language: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, _ = new_page(profile)
    paths = pages_of(profile, language)
    assert len(paths) > 3
    problems: list[str] = []
    for path in paths:
        url = profile.url(path)
        page.goto(url, wait_until="load")
        response = AXE.run(page, options=OPTIONS).response
        found = response["violations"] + [result for result in response.get("incomplete", [])
                                          if result["id"] not in UNDECIDABLE]
        problems += [describe(path, result) for result in found
                     if result.get("impact") in BLOCKING]
    assert not problems, f"{len(problems)} violations:\n" + "\n".join(problems)
