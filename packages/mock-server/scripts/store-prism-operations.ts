// Build step: Prism's reading of every bundled OpenAPI document of @wawp/spec, stored so the
// mock starts without redoing it (see src/prism-operations.ts).
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { storePrismOperations } from '../src/prism-operations.js';

const require = createRequire(import.meta.url);
const bundleDir = dirname(require.resolve('@wawp/spec/openapi.json'));
for (const name of readdirSync(bundleDir).filter((n) => /^openapi.*\.json$/.test(n))) {
  const started = performance.now();
  const file = await storePrismOperations(join(bundleDir, name));
  const ms = Math.round(performance.now() - started);
  console.log(`prism operations: ${name} → ${relative(process.cwd(), file)} (${ms} ms)`);
}
