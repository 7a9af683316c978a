"""The dashboard: a Dash app that draws each person's events on a timeline.

``create_app`` builds it; ``timeline serve`` (or ``app.py`` at the repository root) runs it.
``create_app`` is imported on first use, so the command line loads Dash only to serve.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.dashboard.application import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> object:
    if name == "create_app":
        from timeline.dashboard.application import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
