"""Helpers for the tests, the benchmarks and the scripts, not shipped with the package:
synthetic event tables (``support.synthetic``) and an in-process server with Debian's
Chromium (``support.serving``).

Imported as ``support``: pytest puts ``tests/`` on the path (as for ``conftest``), and the
benchmarks and scripts add it themselves. (Not ``tests.support``: another installed package
ships a top-level ``tests`` package that would shadow ours.)
"""
