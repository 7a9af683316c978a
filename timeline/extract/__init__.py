"""Extraction: spaCy, temporal expressions, people, events, the pipeline."""
