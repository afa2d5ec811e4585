"""netcard's content types, one module each: where a type's files are, its model, its
default visibility, what of it the public card keeps, its pages, its place in the menu
and in the bundle (see generator/model/content_type.py for what a declaration holds).

registry.BUILT_IN lists them; the build reads a site with it unless given another
(`ContentTypes.adding` makes one with a type of your own).

A declaration spans the stages, so this package sits above them: it may import load,
model, analyse and render, and no stage imports it (each is given the registry).
Its pages read the analyse stage's results from their `PageContext`.
"""
