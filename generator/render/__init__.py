"""Render stage: model and analysis -> pages, charts and exports."""
