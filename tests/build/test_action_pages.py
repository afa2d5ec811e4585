"""The workbook's follow-up of the actions: the actions page, the dashboard, a member's
list, an evaluation round's list, the errors, and what the public card leaves out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import build, load_site
from generator.errors import ContentErrors
from tests.conftest import SiteFactory

EPOCH = "1719792000"  # 2024-07-01
FUTURE = """\
title: Plan
date: 2024-01-10
actions:
  - {action: Finished, due: 2024-04, status: done, done: 2024-04-20, responsible: [alpha]}
  - {action: Ahead, due: 2030, responsible: [alpha]}
  - {action: Late, due: 2024-05, status: started, responsible: [alpha, Somebody Else]}
  - {action: Given up, status: dropped, done: 2024-02}
  - {action: Underway, due: 2025, status: started}
  - {action: Early, status: done, done: 2024-02-10}
"""
ROUNDS = {"evaluations/first.yaml": "date: 2024-03-01\n",
          "evaluations/second.yaml": "date: 2024-06-01\n"}


@pytest.fixture
def built(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = make_site({"futures/plan.yaml": FUTURE, **ROUNDS})
    build(site, site / "output")
    return site / "output"


def main_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<main"):html.index("</main>")]


def order_of(text: str, *words: str) -> list[int]:
    return [text.index(word) for word in words]


def test_the_actions_page_groups_by_state_overdue_first(built: Path) -> None:
    main = main_text(built / "workbook/en/futures/actions/index.html")
    headings = re.findall(r'<h2 id="actions-(\w+)-h">', main)
    assert headings == ["overdue", "started", "planned", "done", "dropped"]
    places = order_of(main, ">Late", ">Underway<", ">Ahead<", ">Finished<", ">Early<",
                      ">Given up<")
    assert places == sorted(places)
    assert "on July 1, 2024" in main
    assert "Done on April 20, 2024" in main
    fi = main_text(built / "workbook/futures/actions/index.html")
    assert "Myöhässä" in fi and "yksi toimenpide" in fi


def test_the_dashboard_skips_finished_actions_and_marks_overdue(built: Path) -> None:
    html = (built / "workbook/en/index.html").read_text(encoding="utf-8")
    box = html[html.index('id="dash-actions-h"'):]
    box = box[:box.index("</section>")]
    # the action is a plain string, so in the default language (fi) on the English page
    assert '<span lang="fi">Late</span></strong> <span class="caution-mark">overdue</span>' \
        in box
    assert "Finished" not in box and "Given up" not in box
    assert 'href="futures/actions/index.html"' in box
    futures = main_text(built / "workbook/en/futures/index.html")
    assert 'href="actions/index.html"' in futures


def test_a_member_page_lists_what_it_is_responsible_for(built: Path) -> None:
    main = main_text(built / "workbook/en/members/alpha/index.html")
    section = main[main.index('id="member-actions-h"'):]
    places = order_of(section, ">Late<", ">Ahead<", ">Finished<")
    assert "Early" not in section
    assert places == sorted(places)
    assert "Underway" not in section
    assert "member-actions-h" not in main_text(built / "workbook/en/members/beta/index.html")


def test_each_round_lists_the_actions_done_since_the_previous_one(built: Path) -> None:
    first = main_text(built / "workbook/en/evaluations/first/index.html")
    second = main_text(built / "workbook/en/evaluations/second/index.html")
    assert "Actions completed by this round" in first and ">Early<" in first
    assert ">Finished<" not in first and "Given up" not in first
    assert "Actions completed since the previous round" in second
    assert ">Finished<" in second and "one action" in second and "Early" not in second


def test_the_public_card_shows_no_follow_up_of_internal_tables(built: Path) -> None:
    public = built / "public"
    assert not (public / "futures").exists()
    for page in ("members/alpha/index.html", "evaluations/second/index.html"):
        if (public / page).exists():
            html = (public / page).read_text(encoding="utf-8")
            assert "Late" not in html and "Finished" not in html


def test_editing_a_status_re_renders_the_actions_page(make_site: SiteFactory,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = make_site({"futures/plan.yaml": FUTURE, **ROUNDS})
    build(site, site / "output")
    edited = FUTURE.replace("status: started, responsible", "status: done, done: 2024-06-20,"
                            " responsible")
    (site / "content/futures/plan.yaml").write_text(edited, encoding="utf-8")
    rendered = build(site, site / "output").profiles["workbook"].rendered
    assert {"futures/actions/index.html", "index.html",
            "members/alpha/index.html"} <= set(rendered)
    main = main_text(site / "output/workbook/en/futures/actions/index.html")
    assert "actions-overdue-h" not in main


def test_a_new_reference_date_re_renders_the_actions_page(make_site: SiteFactory,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")  # 2024-01-01: nothing overdue
    site = make_site({"futures/plan.yaml": FUTURE})
    build(site, site / "output")
    assert "actions-overdue-h" not in main_text(site / "output/workbook/futures/actions/index.html")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build(site, site / "output")
    assert "actions-overdue-h" in main_text(site / "output/workbook/futures/actions/index.html")


def test_an_unknown_status_names_the_place_and_the_closest_one(make_site: SiteFactory) -> None:
    site = make_site({"futures/plan.yaml": "actions:\n  - action: A\n    status: strated\n"})
    with pytest.raises(ContentErrors) as caught:
        load_site(site)
    [error] = [e.format() for e in caught.value.errors]
    assert error.startswith("content/futures/plan.yaml:3:13:")
    assert "did you mean 'started'?" in error


def test_a_done_date_on_an_open_or_too_early_action_is_a_warning(make_site: SiteFactory) -> None:
    site = make_site({"futures/plan.yaml": "date: 2024-05-01\nactions:\n"
                      "  - {action: A, status: started, done: 2024-06}\n"
                      "  - {action: B, status: done, done: 2024-04-30}\n"})
    _, warnings = load_site(site)
    texts = [w.format() for w in warnings]
    assert len(texts) == 2, texts
    assert texts[0].startswith("content/futures/plan.yaml:3:40:") and "'started'" in texts[0]
    assert texts[1].startswith("content/futures/plan.yaml:4:37:")
    assert "before the table's date 2024-05-01" in texts[1]


def test_a_table_may_not_take_the_actions_page_id(make_site: SiteFactory) -> None:
    site = make_site({"futures/actions.yaml": "title: T\n"})
    with pytest.raises(ContentErrors) as caught:
        load_site(site)
    assert "the id 'actions' is taken" in caught.value.errors[0].format()
