// Bundle entry.js as plotly.js builds its own dist bundles (see its esbuild-config.js),
// minified: node build.js OUTFILE
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const { glsl } = require('esbuild-plugin-glsl');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { version } = require('plotly.js/package.json');

esbuild
    .build({
        entryPoints: [require.resolve('./entry.js')],
        outfile: process.argv[2],
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        legalComments: 'none',
        banner: {
            js: `/**\n* plotly.js (timeline: scatter, scattergl, scattergeo - minified) v${version}\n` +
                '* Copyright 2012-2026, Plotly, Inc.\n* All rights reserved.\n' +
                '* Licensed under the MIT license\n*/'
        },
        plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
        alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
        define: { global: 'window', 'define.amd': 'false' },
        target: 'es2016',
        logLevel: 'warning'
    })
    .catch(() => process.exit(1));
