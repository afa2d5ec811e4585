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


# For each member named in the competence matrix: the words of its name (a hyphenated word
# in parts) split across two lines that would have fitted on one, and whether its dot sits
# on the name's first line.
MATRIX_NAMES = """() => Array.from(document.querySelectorAll('#competence-map tbody th'))
  .map(cell => {
    const link = cell.querySelector('a'), dot = cell.querySelector('.sector-dot');
    const box = link.parentElement, style = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const text = link.firstChild, split = [];
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    cell.append(probe);
    for (const match of text.data.matchAll(/[^\\s-]+-?/g)) {  // (a hyphen is a break)
      const word = document.createRange();
      word.setStart(text, match.index);
      word.setEnd(text, match.index + match[0].length);
      probe.textContent = match[0];
      const lines = new Set(Array.from(word.getClientRects()).map(r => Math.round(r.top)));
      if (lines.size > 1 && probe.getBoundingClientRect().width <= room) split.push(match[0]);
    }
    probe.remove();
    const first = link.getClientRects()[0], spot = dot.getBoundingClientRect();
    return {name: text.data, split,
            dotOnFirstLine: spot.top >= first.top - 2 && spot.bottom <= first.bottom + 2};
  })"""


@pytest.mark.parametrize("language", ["", "sv/", "en/"])
def test_the_competence_matrix_wraps_names_between_words_on_a_phone(
        served: dict[str, ServedProfile], new_page: PageFactory, language: str) -> None:
    """Finnish compounds ("seurakuntayhtymän", "ammattikorkeakoulu") were cut mid-word in
    the phone's narrow name column, and a name that wrapped left its dot alone above it.
    A word wider than the column can hold may still break (a browser with the language's
    hyphenation rules hyphenates it)."""
    workbook = served["workbook"]
    page, watch = new_page(workbook, viewport=PHONE)
    page.goto(workbook.url(f"{language}competences/index.html"))
    names = page.evaluate(MATRIX_NAMES)
    assert len(names) >= 10
    assert [(n["name"], n["split"]) for n in names if n["split"]] == []
    assert [n["name"] for n in names if not n["dotOnFirstLine"]] == []
    watch.assert_clean(language)
