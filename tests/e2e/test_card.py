"""The public card in a real browser: a customer on a phone can call or e-mail without
scrolling, the QR code ("open this on your phone") is for wide screens and paper only,
and the service finder filters the services."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

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
    assert desktop.locator(".qr img").is_visible()
    phone.emulate_media(media="print")  # paper, even from a phone-sized window
    assert phone.locator(".qr img").is_visible()


def test_the_finder_filters_the_services(served: dict[str, ServedProfile],
                                         new_page: PageFactory) -> None:
    profile = served["public"]
    page, watch = new_page(profile, viewport=DESKTOP)
    page.goto(profile.url("en/index.html"))
    services = page.locator(".services .service")
    total = services.count()
    assert page.locator(".service-filters").is_visible()
    assert not page.locator(".service-index").is_visible()  # the filters replace the links
    page.select_option(".service-filters select[name=language]", "ar")
    shown = [s for s in services.all() if s.is_visible()]
    assert 0 < len(shown) < total
    assert all("ar" in (s.get_attribute("data-languages") or "").split() for s in shown)
    status = page.locator(".finder-status").inner_text()
    assert ("One service" in status) if len(shown) == 1 else (f"{len(shown)} services" in status)
    page.select_option(".service-filters select[name=language]", "")
    assert sum(s.is_visible() for s in services.all()) == total
    watch.assert_clean(page.url)


def test_without_javascript_the_services_are_listed_by_customer_group(
        served: dict[str, ServedProfile], new_page: PageFactory) -> None:
    profile = served["public"]
    page, _ = new_page(profile, viewport=PHONE, java_script_enabled=False)
    page.goto(profile.url("en/index.html"))
    assert not page.locator(".service-filters").is_visible()
    index = page.locator(".service-index")
    assert index.is_visible() and index.locator("a[href^='#service-']").count() > 0
    assert all(s.is_visible() for s in page.locator(".services .service").all())


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
