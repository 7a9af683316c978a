"""The short version of ``benchmarks/load_test.py``: gunicorn with 4 workers on a small store,
sessions that filter and add articles at once. Latency is the benchmark's business; this
checks what must hold at any speed: no error, every addition stored once, and every redraw
after an addition showing it, whichever worker drew it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_four_gunicorn_workers_serve_concurrent_readers_and_writers(tmp_path):
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    )
    command = [
        sys.executable, "benchmarks/load_test.py", "--events", "2000", "--seconds", "12",
        "--sessions", "4", "--add-every", "3", "--dir", str(tmp_path), "--json",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=REPO, env=env)
    lines = result.stdout.strip().splitlines()
    assert lines, f"exit {result.returncode}, no summary; stderr: {result.stderr[-2000:]}"
    summary = json.loads(lines[-1])
    assert summary["errors"] == [], summary["errors"]
    assert summary["store_problems"] == []
    assert summary["added"] >= 4  # each session added at least once
    assert "SIGSEGV" not in result.stderr and "Traceback" not in result.stderr
