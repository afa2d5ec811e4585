"""A field's fingerprint (what the page cache compares between builds)."""

from __future__ import annotations

from generator.render.incremental import value_fingerprint


def test_text_and_other_values_never_share_a_fingerprint() -> None:
    assert value_fingerprint("1") != value_fingerprint(1)
    assert value_fingerprint("'x'") != value_fingerprint("x")
    assert value_fingerprint("None") != value_fingerprint(None)
    assert value_fingerprint("body\n" * 1000) == value_fingerprint("body\n" * 1000)
    assert value_fingerprint("body") != value_fingerprint("body ")
