"""The wheel carries the page's CSS and scripts: installed in a fresh venv, away from any
checkout, ``timeline serve`` serves the same assets as ``python app.py`` does.

Slow: it builds the wheel (pip fetches the build backend from the package index) and
starts the installed command.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from timeline.corpus.store import create_store

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
#: What the build reads. Building from a copy keeps pip's build/ and egg-info out of the
#: checkout, and a stale build/lib (modules since moved) out of the wheel.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "timeline", "assets")
ASSETS = sorted(path.name for path in (REPO / "assets").iterdir() if path.is_file())
START_SECONDS = 120
#: No PYTHONPATH: what it names would stand before the venv (and pip would take a
#: ``timeline`` found there as installed already).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def run(command: list, **options) -> str:
    options.setdefault("env", ENV)
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **options)
    assert done.returncode == 0, f"{command}: exit {done.returncode}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "src"
    source.mkdir()
    for name in BUILD_INPUTS:
        if (REPO / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy2(REPO / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", root / "dist", source])
    (built,) = (root / "dist").glob("timeline-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding the installed wheel; the dependencies are this interpreter's,
    seen through a .pth file (a venv made from a venv sees the base Python's packages, not
    the outer venv's). The wheel is installed before that file exists, so pip sees no other
    ``timeline`` and touches nothing outside the new venv."""
    home = tmp_path_factory.mktemp("venv") / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", home])
    python = home / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python]
    run([*pip, "install", "--no-deps", "--no-index", "-q", wheel])
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(run([python, "-c", where]).strip())
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "outer-venv.pth").write_text("\n".join(ours) + "\n")
    return home


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_the_wheel_holds_the_assets_and_no_test_helpers(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"timeline/dashboard/assets/{name}" for name in ASSETS} <= set(names)
    assert any(name.startswith("timeline/resources/") for name in names)
    assert not {"timeline/dashboard/synthetic.py", "timeline/dashboard/serving.py"} & set(names)


def test_installed_timeline_serve_serves_the_assets(venv, tmp_path):
    show = "from timeline.dashboard import application as a; print(a.__file__, a.assets_folder())"
    where = run([venv / "bin" / "python", "-c", show], cwd=tmp_path).split()
    assert all(Path(path).resolve().is_relative_to(venv.resolve()) for path in where), where
    store = create_store(tmp_path / "empty.duckdb")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    command = [venv / "bin" / "timeline", "serve", "--store", store, "--port", str(port)]
    server = subprocess.Popen(command, cwd=tmp_path, env=ENV, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                status, page = get(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline, "timeline serve did not start in time"
                time.sleep(0.5)
        assert status == 200
        for name in ASSETS:
            assert f"/assets/{name}?m=" in page.decode()
            assert get(f"{base}/assets/{name}") == (200, (REPO / "assets" / name).read_bytes())
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
