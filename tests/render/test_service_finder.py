"""The card's service finder: services by customer group, channel and language, and the
content errors of its two keys."""

from __future__ import annotations

from generator.build import load_site, render_site
from generator.render.service_finder import language_label, service_finder
from tests.conftest import SiteFactory
from tests.model.test_content_errors import single_error

CUSTOMERS = """\
name: N
customers:
  - {fi: Nuoret, sv: Unga, en: Young people}
  - {fi: Työnantajat, sv: Arbetsgivare, en: Employers}
  - Maahan muuttaneet
services:
  - id: ohjaus
    name: Ohjaus
    channels: [phone, one-to-one]
    customers: [Nuoret, maahan  MUUTTANEET]
    languages: [ar, fi]
  - id: messut
    name: Messut
    channels: [event]
    customers: [Työnantajat]
    languages: [sv]
  - id: chat
    name: Chat
    channels: [chat]
"""


def test_services_are_listed_by_the_groups_they_serve_and_for_everyone(
        make_site: SiteFactory) -> None:
    site, _ = load_site(make_site({"network.yaml": CUSTOMERS}))
    finder = service_finder(site.network, site.languages)
    assert [group.name.get("en", "fi") for group in finder.groups] == [
        "Young people", "Employers", "Maahan muuttaneet"]
    listed = [(group.key if group else None, [e.service.id for e in entries])
              for group, entries in finder.grouped()]
    assert listed == [("g0", ["ohjaus"]), ("g1", ["messut"]), ("g2", ["ohjaus"]),
                      (None, ["chat"])]
    assert finder.channels == ("phone", "chat", "one-to-one", "event")  # the contract's order
    assert finder.languages == ("fi", "sv", "ar")  # the site's own first, then the others
    assert finder.by_group and finder.by_channel and finder.by_language


def test_a_choice_that_would_leave_no_service_out_is_not_offered(
        make_site: SiteFactory) -> None:
    network = ("name: N\nservices:\n"
               "  - {id: a, name: A, channels: [web, phone], languages: [fi]}\n"
               "  - {id: b, name: B, channels: [web, phone], languages: [fi, sv]}\n")
    site, _ = load_site(make_site({"network.yaml": network}))
    finder = service_finder(site.network, site.languages)
    assert not finder.by_channel and not finder.by_group  # every service has both
    assert finder.by_language and finder.filterable  # only b is in Swedish


def test_a_card_without_groups_is_one_list(make_site: SiteFactory) -> None:
    site, _ = load_site(make_site({"network.yaml": "name: N\nservices:\n  - {id: a, name: A}\n"}))
    finder = service_finder(site.network, site.languages)
    assert [(g, [e.service.id for e in entries]) for g, entries in finder.grouped()] == [
        (None, ["a"])]
    assert not finder.filterable  # one service: nothing to choose


def test_language_names_are_in_the_page_language() -> None:
    assert (language_label("ar", "fi"), language_label("ar", "sv"),
            language_label("ar", "en")) == ("Arabia", "Arabiska", "Arabic")


def test_the_card_lists_each_service_once_with_its_groups_and_the_finder(
        make_site: SiteFactory) -> None:
    files = render_site(make_site({"network.yaml": CUSTOMERS})).files()
    card = files["public/en/index.html"].decode()
    for service in ("ohjaus", "messut", "chat"):
        assert card.count(f'id="service-{service}"') == 1
    assert 'data-groups="g0 g2" data-channels="phone one-to-one" data-languages="ar fi"' in card
    assert "Services by customer group" in card and "For everyone" in card
    assert '<form class="service-filters" hidden' in card  # shown by the script only
    assert "assets/netcard-services.js" in card


def test_a_service_customer_must_be_one_of_the_cards(make_site: SiteFactory) -> None:
    error = single_error(make_site({"network.yaml": CUSTOMERS.replace(
        "customers: [Työnantajat]", "customers: [Työnantaja]")}))
    assert "content/network.yaml:15:17" in error
    assert "'Työnantaja' is not one of the network's customers" in error
    assert "did you mean 'Työnantajat'?" in error


def test_a_service_language_must_be_a_language_code(make_site: SiteFactory) -> None:
    error = single_error(make_site({"network.yaml": CUSTOMERS.replace(
        "languages: [sv]", "languages: [swedish]")}))
    assert "content/network.yaml:16:17" in error and "is not a language code" in error
    unknown = single_error(make_site({"network.yaml": CUSTOMERS.replace(
        "languages: [sv]", "languages: [qq]")}))
    assert "'qq' is not a known language" in unknown


def test_without_card_customers_any_group_is_its_own(make_site: SiteFactory) -> None:
    network = "name: N\nservices:\n  - {id: a, name: A, customers: [Yrittäjät]}\n"
    site, _ = load_site(make_site({"network.yaml": network}))
    finder = service_finder(site.network, site.languages)
    assert [g.name.get("fi", "fi") for g in finder.groups] == ["Yrittäjät"]
