"""deps: what a page read, and values worked out once for many pages."""

from __future__ import annotations

from generator.deps import Deferred, record, recording


def _worked_out(calls: list[int]) -> int:
    calls.append(1)
    record("file:content/competences.yaml")
    return 42


def test_a_deferred_value_is_worked_out_when_first_read_and_once() -> None:
    calls: list[int] = []
    value = Deferred(lambda: _worked_out(calls))
    assert calls == []  # no page has read it: nothing worked out
    with recording() as first:
        assert value.read() == 42
    with recording() as second:
        assert value.read() == 42
    assert calls == [1]
    # each page that reads it depends on what working it out read, as with Recorded
    assert first == second == {"file:content/competences.yaml"}


def test_a_deferred_value_worked_out_outside_a_page_records_nothing_there() -> None:
    value = Deferred(lambda: _worked_out([]))
    with recording() as page:
        made = value.made()  # (worked out, not read)
    assert page == set()
    assert made.reads == frozenset({"file:content/competences.yaml"})
