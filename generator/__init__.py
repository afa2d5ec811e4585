"""netcard: a static-site generator for networks of organisations.

A build is a pipeline, one package a stage, data flowing one way:

    load      content/ files → raw data with file:line:column     generator/load/
    model     raw data → validated objects, the public view       generator/model/
    analyse   model → network metrics, 6D rounds, competences     generator/analyse/
    render    model + analysis → pages, in memory                 generator/render/
    write     pages → the output folder, swapped in whole         generator/write.py

Each stage imports only the stages before it, never one after (tests/test_layers.py
checks it). Under them are the small modules every stage may use (deps, errors,
paths, atomic …), which import no stage. generator/content_types/ declares each type
of content once, for every stage; build.py runs the pipeline, and cli.py, commands.py,
serve.py, check.py and bundle.py are the commands around it.
"""

__version__ = "0.1.0"
