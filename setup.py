"""The one build step that pyproject.toml cannot say: the wheel carries the page's assets.

``assets/`` stays at the top of the checkout, where Dash finds it beside ``app.py``. Building
copies it into the package as ``timeline/dashboard/assets/``, where an installed
``timeline serve`` finds it (``timeline.dashboard.application.assets_folder``). An editable
install keeps serving the checkout's folder, so nothing is copied then.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ASSETS = Path(__file__).resolve().parent / "assets"
PACKAGED_ASSETS = ("timeline", "dashboard", "assets")


class BuildWithAssets(build_py):
    """``build_py``, then the assets (subfolders too: the map's topojson) copied into the
    built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib, *PACKAGED_ASSETS)
        self.mkpath(str(target))
        for source in sorted(ASSETS.rglob("*")):
            if source.is_file():
                destination = target / source.relative_to(ASSETS)
                self.mkpath(str(destination.parent))
                self.copy_file(str(source), str(destination))


setup(cmdclass={"build_py": BuildWithAssets})
