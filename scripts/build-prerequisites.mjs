#!/usr/bin/env node
// `prebuild` of each package: makes `npm run build -w <pkg>` (or `npm run build` inside the
// package's folder) work straight after `npm ci`, by letting turbo build what the package
// needs first: the spec bundle, the packages it depends on, and its own generated code.
// Under turbo (`npm run build` at the root, `npm test`) the task graph already did all of
// that, so this does nothing: turbo sets TURBO_HASH for the tasks it runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: turbo itself sets it for every task it runs.
if (process.env.TURBO_HASH) process.exit(0);

const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
const turbo = createRequire(import.meta.url).resolve('turbo/bin/turbo');
// `generate` depends on `^bundle` and `^build` (turbo.json); a package without a generator
// still needs its dependencies bundled and built.
const tasks = pkg.scripts?.generate ? ['generate'] : ['bundle', 'build'];
const filter = pkg.scripts?.generate ? pkg.name : `${pkg.name}^...`;
console.log(`${pkg.name}: building what it needs first (turbo run ${tasks.join(' ')} --filter=${filter})`);
execFileSync(process.execPath, [turbo, 'run', ...tasks, `--filter=${filter}`, '--output-logs=errors-only'], {
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
});
