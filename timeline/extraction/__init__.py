"""Extraction: ``nlp`` (spaCy, tags, entities), ``temporal/``, ``people/``, ``events/`` (the
lexicon apart from its use), ``entities/`` (target entities), ``mentions``, and the
``pipeline`` that runs them with one ``options`` object."""
