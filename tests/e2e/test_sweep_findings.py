"""What issue 16's acceptance sweep (scripts/page_sweep.py) found, pinned in a browser."""

from __future__ import annotations

import pytest

from tests.e2e.e2e_support import PageFactory, ServedProfile

PHONE = {"width": 390, "height": 844}

# Each bare table in main (not in a .table-wrap with its own scroll cue): how much wider
# its content is than the box it scrolls in.
BARE_TABLES_OVERFLOW = """() => Array.from(document.querySelectorAll('main table'))
  .filter(t => !t.closest('.table-wrap, .prose') && !t.classList.contains('stack-table'))
  .map(t => t.scrollWidth - t.clientWidth)"""


@pytest.mark.parametrize("language", ["", "sv/", "en/"])
def test_a_members_competence_table_fits_a_phone(served: dict[str, ServedProfile],
                                                 new_page: PageFactory, language: str) -> None:
    """The member of the example with the most competences: "Utbildningsrådgivning" and
    "5 Specialistkunnande" side by side once made the Swedish table scroll 9 px sideways,
    with no cue that it did."""
    workbook = served["workbook"]
    page, watch = new_page(workbook, viewport=PHONE)
    page.goto(workbook.url(f"{language}members/kaisa-lahdemaki/index.html"))
    overflow = page.evaluate(BARE_TABLES_OVERFLOW)
    assert overflow and max(overflow) <= 1
    watch.assert_clean(language)


MENU_ROWS = """() => new Set(Array.from(document.querySelectorAll('.main-nav .menu-list > li'))
  .map(li => Math.round(li.getBoundingClientRect().top))).size"""


@pytest.mark.parametrize("language", ["", "sv/", "en/"])
def test_the_public_cards_menu_is_one_row_on_a_desktop(served: dict[str, ServedProfile],
                                                       new_page: PageFactory,
                                                       language: str) -> None:
    """The example's public menu (nine entries) once wrapped its last entry ("Sivut",
    "Sidor") onto a second row at 1280 px."""
    public = served["public"]
    page, _ = new_page(public, viewport={"width": 1280, "height": 800})
    page.goto(public.url(f"{language}index.html"))
    assert page.evaluate(MENU_ROWS) == 1
