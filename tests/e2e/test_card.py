"""The public card in a real browser: a customer on a phone can call or e-mail without
scrolling, the QR code ("open this on your phone") is for wide screens and paper only,
and the service finder filters the services."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.e2e_support import PageFactory, ServedProfile
from tests.e2e.test_network_page import PANEL, assert_focused, open_network, pick_member

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def in_first_screen(page: Page, selector: str) -> bool:
    """Whether the element is shown and wholly inside the first screen, without scrolling."""
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 0
    return (box is not None and page.locator(selector).is_visible()
            and box["y"] >= 0 and box["y"] + box["height"] <= height)


@pytest.mark.parametrize("language", ["", "sv/", "en/"])
def test_call_and_email_are_in_the_first_phone_screen(
        language: str, served: dict[str, ServedProfile], new_page: PageFactory) -> None:
    profile = served["public"]
    page, watch = new_page(profile, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(profile.url(language + "index.html"))
    assert in_first_screen(page, ".contact-actions a[href^='tel:']")
    assert in_first_screen(page, ".contact-actions a[href^='mailto:']")
    call = page.locator(".contact-actions a[href^='tel:']")
    assert call.get_attribute("href") == "tel:+358400000000"
    assert "040 000 0000" in call.inner_text()
    watch.assert_clean(page.url)


def test_the_qr_code_is_hidden_on_a_phone_and_shown_on_a_wide_screen_and_in_print(
        served: dict[str, ServedProfile], new_page: PageFactory) -> None:
    profile = served["public"]
    phone, _ = new_page(profile, viewport=PHONE, is_mobile=True)
    phone.goto(profile.url("index.html"))
    assert phone.locator(".qr").count() == 1 and not phone.locator(".qr img").is_visible()
    desktop, _ = new_page(profile, viewport=DESKTOP)
    desktop.goto(profile.url("index.html"))
    expect(desktop.locator(".qr img")).to_be_visible()
    phone.emulate_media(media="print")  # paper, even from a phone-sized window
    expect(phone.locator(".qr img")).to_be_visible()


def test_the_finder_filters_the_services(served: dict[str, ServedProfile],
                                         new_page: PageFactory) -> None:
    profile = served["public"]
    page, watch = new_page(profile, viewport=DESKTOP)
    page.goto(profile.url("en/index.html"))
    services = page.locator(".services .service")
    shown = page.locator(".services .service:visible")
    expect(page.locator(".service-filters")).to_be_visible()
    expect(page.locator(".service-index")).to_be_hidden()  # the filters replace the links
    languages = services.evaluate_all(
        "items => items.map(item => (item.getAttribute('data-languages') || '').split(' '))")
    total, in_arabic = len(languages), sum("ar" in words for words in languages)
    assert 0 < in_arabic < total, "the example has services in Arabic and in other languages"
    page.select_option(".service-filters select[name=language]", "ar")
    expect(shown).to_have_count(in_arabic)
    assert all("ar" in (s.get_attribute("data-languages") or "").split() for s in shown.all())
    expect(page.locator(".finder-status")).to_contain_text(
        "One service" if in_arabic == 1 else f"{in_arabic} services")
    page.select_option(".service-filters select[name=language]", "")
    expect(shown).to_have_count(total)
    watch.assert_clean(page.url)


def test_without_javascript_the_services_are_listed_by_customer_group(
        served: dict[str, ServedProfile], new_page: PageFactory) -> None:
    profile = served["public"]
    page, _ = new_page(profile, viewport=PHONE, java_script_enabled=False)
    page.goto(profile.url("en/index.html"))
    expect(page.locator(".service-filters")).to_be_hidden()
    index = page.locator(".service-index")
    expect(index).to_be_visible()
    services = page.locator(".services .service")
    total = services.count()
    assert total > 0, "the example's card lists services"
    # each service linked from its customer groups (a service may be for several)
    linked = index.locator("a[href^='#service-']").evaluate_all(
        "links => links.map(link => link.getAttribute('href').slice(1))")
    assert sorted(set(linked)) == sorted(services.evaluate_all("items => items.map(i => i.id)"))
    expect(page.locator(".services .service:visible")).to_have_count(total)


def test_the_public_network_page_is_a_map_without_figures(
        served: dict[str, ServedProfile], new_page: PageFactory) -> None:
    """Who works with whom, and a way to each member's page: no table of measures, no
    sizing by a measure, no tie strengths, and a member's panel shows no figures."""
    profile = served["public"]
    page, watch = new_page(profile, viewport=DESKTOP)
    data = open_network(page, profile, "en")
    assert page.locator("table#member-figures").count() == 0
    assert page.locator("select[name=size-by], select[name=min-strength]").count() == 0
    assert page.locator("select[name=colour-by] option[value=community]").count() == 0
    node = pick_member(data)
    page.locator("form.graph-search input").fill(node["label"])
    page.keyboard.press("Enter")
    assert_focused(page, node)
    assert page.locator(f"{PANEL} dl dt").count() == 0
    assert page.locator(f"{PANEL} a[href]").count() == 1  # to the member's page
    watch.assert_clean(page.url)
