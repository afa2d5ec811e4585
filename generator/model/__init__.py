"""Stage 2, model: raw data → typed, validated objects, every error at once."""
