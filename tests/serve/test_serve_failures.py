"""What the serve overlay says about a failed build: capped lists, the machine's failures."""

from __future__ import annotations

import errno

from generator.errors import ContentError, ContentErrors
from generator.serve import _report_failure


def test_overlay_counts_every_problem_but_lists_the_first() -> None:
    errors = [ContentError("content/members/x.yaml", line, 1, f"unknown key k{line}", "")
              for line in range(1, 1001)]
    kind, title, listed = _report_failure(ContentErrors(errors))
    assert kind == "content"
    assert "1000 problems" in title.replace(",", "")
    assert len(listed) < 60
    assert "more problem" in listed[-1]["message"]


def test_a_full_disk_is_the_machine_not_a_bug() -> None:
    kind, title, listed = _report_failure(
        OSError(errno.ENOSPC, "No space left on device", "output/.public.tmp/index.html"))
    assert kind == "usage"
    assert "bug" not in (title + listed[0]["message"] + listed[0]["hint"]).lower()
    assert "space" in listed[0]["message"].lower()
