"""The language switcher leads to the same page in the chosen language, and back."""

from __future__ import annotations

import pytest

from tests.e2e.e2e_support import PROFILES, PageFactory, ServedProfile

SWITCHER = ".lang-switch"


def sample_pages(profile: ServedProfile, limit: int = 6) -> list[str]:
    """Pages of the default language: the front page, the first page of sections that have
    pages of their own (a member, a strategy, ...), the deepest page, section front pages."""
    languages = set(profile.languages())
    pages = [path for path in profile.html_files()
             if path.split("/", 1)[0] not in languages and not path.endswith("404.html")]
    sections = [path for path in pages if path.count("/") == 1]
    by_section: dict[str, str] = {}
    for path in pages:
        if path.count("/") >= 2:
            by_section.setdefault(path.split("/", 1)[0], path)
    deepest = max(pages, key=lambda path: path.count("/"))
    picks = ["index.html", *list(by_section.values())[: limit - 3], deepest, *sections]
    return list(dict.fromkeys(picks))[:limit]


def tour(languages: list[str]) -> list[tuple[str, str]]:
    """Every ordered pair of languages, ordered so that each pair starts where the last one
    ended whenever it can (fi→sv→en→fi→en→sv→fi for three): few page loads, every
    switcher link clicked from every language."""
    remaining = [(a, b) for a in languages for b in languages if a != b]
    steps: list[tuple[str, str]] = []
    current = languages[0]
    while remaining:
        here = [pair for pair in remaining if pair[0] == current]
        step = here[-1] if here else remaining[0]
        remaining.remove(step)
        steps.append(step)
        current = step[1]
    return steps


def in_language(path: str, language: str) -> str:
    """The same page in another language: default language at the root, others in folders."""
    return f"{language}/{path}" if language else path


def html_lang(profile: ServedProfile, language: str) -> str:
    """The `lang` a page of this language folder must declare."""
    if language:
        return language
    default = (profile.root / "index.html").read_text(encoding="utf-8")
    return default.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.slow  # six pages, each switched between every pair of languages: 10-13 s
@pytest.mark.parametrize("profile_name", PROFILES)
def test_switcher_lands_on_the_same_page_in_each_language(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, watch = new_page(profile)
    languages = profile.languages()
    assert len(languages) > 1, "the example site is multilingual"
    pages = sample_pages(profile)
    assert len(pages) >= 4
    codes = {language: html_lang(profile, language) for language in languages}
    for path in pages:
        for start, target in tour(languages):
            if page.url != profile.url(in_language(path, start)):
                page.goto(profile.url(in_language(path, start)))
            assert page.locator("html").get_attribute("lang") == codes[start]
            current = page.locator(f"{SWITCHER} [aria-current]")
            assert current.get_attribute("lang") == codes[start], (
                f"{path} in {start or 'default'}: the switcher marks the wrong language")
            link = page.locator(f"{SWITCHER} a[hreflang='{codes[target]}']")
            with page.expect_navigation():
                link.click()
            expected = profile.url(in_language(path, target))
            assert page.url == expected, f"{path}: {start!r} → {target!r} went to {page.url}"
            assert page.locator("html").get_attribute("lang") == codes[target]
            watch.assert_clean(page.url)
