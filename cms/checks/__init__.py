"""Pure content checks on comment text: personal data (`pii`) and spam heuristics (`spam`)."""
