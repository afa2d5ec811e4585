"""Stage 2, model: raw data → typed, validated objects, every error at once.

Pydantic models of each file (schema.py), assembled into one `Site` (build.py) with
its references checked (references.py), and the public view: the site with
everything internal left out, made once per build (visibility.py). content_type.py
says what a content type's declaration holds. Imports load and the shared modules,
nothing of analyse or render.
"""
