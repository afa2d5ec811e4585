"""What a model was made from, as a fingerprint: its derivation.

A model validated from a YAML file depends on nothing but the file's bytes, its type
and the validation context (the site's languages and media files; model/build.py keeps
models in netcard serve on the same ground), and a public copy of a model on nothing
but the model and what the copy was made for (the parent it may show, the competence
areas that are public …). For such a model the page caches (render/incremental.py)
take the fingerprint of what it was made from instead of walking all of its values:
the same inputs give the same model, and a model made from other inputs counts as
changed (its fields are then compared one by one). A 2,000-member site's members took
0.4 s a profile to walk on every build.

A derivation is kept by the model's identity for as long as the model lives (a weak
reference ends it): a process that builds again (netcard serve) keeps none for the
models of earlier builds.
"""

from __future__ import annotations

import weakref

from generator.deps import fingerprint

_DERIVATIONS: dict[int, tuple[weakref.ref[object], str]] = {}


def note(model: object, *made_from: str) -> None:
    """`model` is what `made_from` (fingerprints, names, reprs) always gives."""
    key = id(model)

    def forget(reference: weakref.ref[object]) -> None:  # (the model is gone)
        kept = _DERIVATIONS.get(key)
        if kept is not None and kept[0] is reference:  # (not a later model's, given its id)
            del _DERIVATIONS[key]

    _DERIVATIONS[key] = (weakref.ref(model, forget), fingerprint(*made_from))


def of(model: object) -> str | None:
    """The fingerprint of what `model` was made from; None when nothing was noted."""
    kept = _DERIVATIONS.get(id(model))
    return kept[1] if kept is not None and kept[0]() is model else None
