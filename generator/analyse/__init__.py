"""Analysis stage: model -> graph metrics, 6D aggregates, competence map."""
