"""Scripts the page loads that no installed package provides, served by Dash as component
suites (``/_dash-component-suites/timeline.dashboard.bundles/...``), fingerprinted with
this package's version and each file's time, so browsers may keep them for a year.

``plotly-timeline.min.js`` is plotly.js with only the traces the dashboard draws (scatter,
scattergl, scattergeo): 1.7 MB instead of the 4.8 MB of the full ``plotly.min.js`` that
Dash loads otherwise. ``scripts/plotly_bundle/`` builds it from the npm packages pinned
there; ``__version__`` is its plotly.js version, which must be the one the pinned plotly
ships (a test checks). ``regenerator-runtime.js`` comes from the same pinned packages: the
one part of Dash's babel polyfill that the page needs (``lazy.UNNEEDED_SCRIPTS``).
"""

__version__ = "4.1.1"

#: The partial plotly.js bundle, relative to this package.
PLOTLY_BUNDLE = "plotly-timeline.min.js"
#: regenerator-runtime 0.14.1: what dcc needs of the babel polyfill that Dash sends.
REGENERATOR_RUNTIME = "regenerator-runtime.js"
