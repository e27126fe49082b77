#!/usr/bin/env node
// Lints both descriptions with Redocly's library (@redocly/openapi-core) instead of its CLI.
// Same config (redocly.yaml), same rules, same ignore file; but the CLI prints a boxed
// "Node.js 20 reached end-of-life" notice on every run, with no option to turn it off, while
// Node 20 is a supported runtime here. The library has no banner, so the lint output is the
// problems and nothing else. Exits 1 on any error or warning (every rule is an error anyway).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblems, getTotals, lint, loadConfig } from '@redocly/openapi-core';

const specDir = fileURLToPath(new URL('..', import.meta.url));
const config = await loadConfig({ configPath: join(specDir, 'redocly.yaml') });

let failed = false;
for (const [alias, api] of Object.entries(config.resolvedConfig.apis)) {
  const started = performance.now();
  const problems = await lint({ ref: join(specDir, api.root), config: config.forAlias(alias) });
  const totals = getTotals(problems);
  formatProblems(problems, { format: 'codeframe', totals, version: 'lib', cwd: specDir });
  const ms = Math.round(performance.now() - started);
  console.log(
    `${api.root} (${alias}): ${totals.errors} errors, ${totals.warnings} warnings, ${totals.ignored} ignored, ${ms} ms`,
  );
  failed ||= totals.errors > 0 || totals.warnings > 0;
}
process.exitCode = failed ? 1 : 0;
