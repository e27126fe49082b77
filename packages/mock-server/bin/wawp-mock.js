#!/usr/bin/env node
// The launcher is CommonJS (dist/bin.cjs): an ES module entry would make Node build an ES
// module of every built-in module it imports, at every start.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('../dist/bin.cjs');
