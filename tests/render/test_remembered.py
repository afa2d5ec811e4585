"""NetworkView.remembered: what a member's page shows the same in every language is worked
out once per profile, and every page that shows it still depends on what it was made of."""

from __future__ import annotations

from typing import cast

from generator.analyse.results import NetworkAnalysis
from generator.deps import record, recording
from generator.model.site import Site
from generator.render.network_view import NetworkView


def test_every_page_that_asks_records_what_the_value_read() -> None:
    view = NetworkView(cast(Site, None), cast(NetworkAnalysis, None))
    made: list[str] = []

    def ties_of_alpha() -> list[str]:
        made.append("alpha")
        record("file:content/ties.yaml#ties")
        return ["beta", "gamma"]

    pages = []
    for _language in ("fi", "sv", "en"):
        with recording() as reads:
            assert view.remembered(("ties", "alpha"), ties_of_alpha) == ["beta", "gamma"]
        pages.append(reads)
    assert made == ["alpha"]  # worked out once
    assert all(reads == {"file:content/ties.yaml#ties"} for reads in pages)
    with recording() as reads:
        view.remembered(("ties", "beta"), lambda: [])
    assert reads == set()  # another key is another value
