"""Contact details as people read them: phone numbers grouped, links named by what they
reach, and the tel: address kept in E.164."""

from __future__ import annotations

import pytest

from generator.render.contact_links import link_text, phone_href, phone_text


@pytest.mark.parametrize(("written", "shown", "href"), [
    ("+358401234567", "040 123 4567", "tel:+358401234567"),
    ("+35891234567", "09 123 4567", "tel:+35891234567"),
    ("+358 40 000 0000", "040 000 0000", "tel:+358400000000"),
    ("040 123 4567", "040 123 4567", "tel:+358401234567"),  # without +: a Finnish number
    ("(09) 123 4567", "09 123 4567", "tel:+35891234567"),
    ("+358800123456", "0800 123 456", "tel:+358800123456"),
    ("+358 9 123 45678", "09 1234 5678", "tel:+358912345678"),
    ("+46701234567", "+46 70 123 45 67", "tel:+46701234567"),  # abroad: international form
    ("+49 30 123456", "+49 30 123456", "tel:+4930123456"),
])
def test_a_phone_number_is_grouped_for_people_and_dialled_in_e164(written: str, shown: str,
                                                                   href: str) -> None:
    assert phone_text(written) == shown
    assert phone_href(written) == href


def test_a_number_it_cannot_read_is_shown_as_written() -> None:
    assert phone_text("12") == "12"
    assert phone_href("12") == "tel:12"


@pytest.mark.parametrize(("url", "text"), [
    ("mailto:uutiskirje@example.fi?subject=Tilaus", "uutiskirje@example.fi"),
    ("mailto:a%40b@example.fi", "a@b@example.fi"),
    ("tel:+358400000001", "040 000 0001"),
    ("https://www.koskela.fi/palvelut?x=1", "koskela.fi"),
    ("http://Chat.Example.fi:8080/", "chat.example.fi"),
])
def test_a_link_reads_as_what_it_reaches(url: str, text: str) -> None:
    assert link_text(url) == text
