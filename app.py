"""Run the timeline dashboard from a checkout; the same as ``timeline serve``.

    python app.py [--store FILE] [--host H] [--port P] [--debug]
    python app.py --data DIR          # articles read into memory, no store

With no ``--store`` and no ``--data``, the articles of ``data/`` are ingested into
``data/timeline.duckdb`` (unchanged ones are skipped) and that store is served. The work is
in ``timeline.dashboard.command``.
"""

from __future__ import annotations

from timeline.dashboard.command import main

if __name__ == "__main__":
    raise SystemExit(main())
