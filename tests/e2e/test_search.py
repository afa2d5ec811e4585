"""Search in a real browser: the header box, the search page, Pagefind's index, no other host."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_support import PageFactory, ServedProfile


def member_title(profile: ServedProfile, language: str) -> tuple[str, str]:
    """A member page of the built profile and the words of its heading."""
    page = sorted((profile.root / language / "members").glob("*/index.html"))[0]
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    assert heading is not None, page
    title = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip()
    return page.relative_to(profile.root).as_posix(), title


@pytest.mark.parametrize("language", ["", "sv", "en"])
def test_header_box_finds_a_member_page(served: dict[str, ServedProfile],
                                        new_page: PageFactory, language: str) -> None:
    public = served["public"]
    path, title = member_title(public, language)
    page, watch = new_page(public)
    page.goto(public.url(f"{language}/index.html" if language else "index.html"))
    box = page.locator("form.header-search input[type=search]")
    box.fill(title)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/index\.html\?q="))
    link = page.locator(f'.search-results a[href$="/{path}"]')
    link.first.wait_for()
    assert page.locator("html").get_attribute("lang") == (language or "fi")
    status = page.locator(".search-status").inner_text()
    assert status and re.search(r"\d|One|Yksi|En ", status), status
    link.first.click()
    page.wait_for_url(public.url(path))
    watch.assert_clean(f"search for {title!r}")


def test_search_page_says_when_nothing_is_found(served: dict[str, ServedProfile],
                                               new_page: PageFactory) -> None:
    public = served["public"]
    page, watch = new_page(public)
    page.goto(public.url("en/search/index.html"))
    page.locator("#search-query").fill("qqzzxxnothing")
    page.locator("#search-query").press("Enter")
    page.locator(".search-status", has_text="Nothing was found").wait_for()
    assert page.locator(".search-results li").count() == 0
    watch.assert_clean("search with no results")


def test_from_a_file_search_explains_itself_without_errors(served: dict[str, ServedProfile],
                                                            new_page: PageFactory) -> None:
    public = served["public"]
    page, watch = new_page("file://")
    page.goto((public.root / "en" / "search" / "index.html").as_uri())
    expect(page.locator(".search-status")).to_contain_text("web server")
    expect(page.locator("form.search-form")).to_be_hidden()
    watch.assert_clean("search page opened as a file")


def test_an_excerpt_reads_field_by_field(served: dict[str, ServedProfile],
                                         new_page: PageFactory) -> None:
    """A member's facts in a result read "Verkkosivut: kela.example.fi Puhelin: …", each
    label with its value and apart from the next, not "Verkkosivuthttps://…Puhelin"."""
    public = served["public"]
    page, watch = new_page(public)
    page.goto(public.url("search/index.html"))
    page.locator("#search-query").fill("Verkkosivut")
    page.locator("#search-query").press("Enter")
    excerpts = page.locator(".search-results li p")
    excerpts.first.wait_for()
    texts = excerpts.all_inner_texts()
    assert any(re.search(r"Verkkosivut: \S+ (Sähköposti|Puhelin): \S", text)
               for text in texts), texts
    assert not any(re.search(r"Verkkosivut[^\s:]", text) for text in texts), texts
    watch.assert_clean("search for a field label")
