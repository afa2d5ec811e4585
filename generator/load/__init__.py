"""Stage 1, load: content files → raw data that remembers file:line:column.

Reads content/ (YAML, Markdown front matter, CSV, media) and checks only what needs
the files themselves (syntax, encodings, paths, SVG safety); what the data means is
the model's business. Imports only the shared modules (errors, deps …), nothing of
the later stages.
"""
