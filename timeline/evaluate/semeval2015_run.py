"""Running a timeline system over the SemEval-2015 Task 4 corpora and writing its files."""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterable
from pathlib import Path

from timeline.evaluate.cat import read_cat_dir
from timeline.evaluate.semeval2015 import Corpus, Timeline, write_timeline
from timeline.evaluate.semeval2015_baseline import SentenceBaseline, TimelineSystem


def load_system(spec: str, tagger=None) -> TimelineSystem:
    """``pipeline`` (the extractor), ``baseline`` (with ``tagger`` for anchors), or a
    ``package.module:callable`` path.

    A callable found by path is called with no arguments if it is a class, so a system
    can be a class with ``__call__(entities, documents)``, or a plain function.
    """
    if spec == "baseline":
        return SentenceBaseline(tagger=tagger)
    if spec == "pipeline":
        from timeline.evaluate.semeval2015_pipeline import PipelineSystem

        return PipelineSystem()
    module_name, _, attribute = spec.partition(":")
    if not attribute:
        raise ValueError(
            f"system {spec!r}: expected 'pipeline', 'baseline' or 'package.module:callable'"
        )
    found = getattr(importlib.import_module(module_name), attribute)
    return found() if isinstance(found, type) else found


def build_timelines(
    corpora: Iterable[Corpus], system: TimelineSystem, out_dir: str | Path
) -> tuple[dict[str, dict[str, Timeline]], float]:
    """Run ``system`` on each corpus's Track A documents; write ``out_dir/<corpus>/*.txt``."""
    started = time.perf_counter()
    built: dict[str, dict[str, Timeline]] = {}
    for corpus in corpora:
        documents = read_cat_dir(corpus.cat_dir)
        timelines = dict(system(list(corpus.entities), documents))
        missing = [entity for entity in corpus.entities if entity not in timelines]
        for entity in missing:
            timelines[entity] = Timeline(entity)
        for timeline in timelines.values():
            write_timeline(timeline, Path(out_dir) / corpus.name)
        built[corpus.name] = timelines
    return built, time.perf_counter() - started
