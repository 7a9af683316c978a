"""Corpora: the store, ingest and its engines, merging, corrections."""
