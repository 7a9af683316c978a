"""The dashboard: a Dash app that draws each person's events on a timeline.

``create_app`` builds it; ``app.py`` at the repository root runs it.
"""

from __future__ import annotations

from timeline.dashboard.application import create_app

__all__ = ["create_app"]
