'use strict';
// The traces the dashboard draws: scatter (an SVG marker per event), scattergl (WebGL, when
// a view draws thousands of events) and scattergeo (the map). `core` carries scatter.
var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/scattergl'), require('plotly.js/lib/scattergeo')]);

module.exports = Plotly;
