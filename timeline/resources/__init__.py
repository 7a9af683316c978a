"""The package's language data: patterns, word lists, event types (``en/`` for English).

Code names a file here through :func:`resource_path`, so where the data lies (a checkout,
an installed wheel) is decided in one place.

>>> resource_path("en", "event_types.yaml").name
'event_types.yaml'
>>> resource_path("en", "people").is_dir()
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of ``parts`` (say ``"en", "merge.yaml"``) inside the resources folder."""
    return Path(str(resources.files(__name__).joinpath(*parts)))
