#!/usr/bin/env node
// CommonJS (bin/package.json): an ES module entry would make Node start its ES module loader
// (and the promise-based file system under it) before anything of the CLI runs.
require('../dist/bin.cjs');
