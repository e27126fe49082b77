#!/usr/bin/env node
// The spec's breaking-change guard. It compares each REST bundle of the last release
// (spec/releases/<version>/<name>.json, kept in git: v1's `openapi`, v2's `openapi-v2`) with
// the current one, and lets the
// TypeScript compiler judge each change instead of a hand-written schema differ:
// openapi-typescript generates the types of both, and a generated .ts file asserts, for every
// operation and webhook, that
//   - the operation still exists, at the same method and path;
//   - a request that was valid before still is (old parameters and body assignable to new:
//     a new required parameter or a narrowed type or enum fails);
//   - an answer or a delivery of the new version is one the old code handles (new success
//     bodies and webhook payloads assignable to old: a widened enum or changed type fails),
//     with every field the old one had (a removed field fails, even an optional one).
// Additions (operations, optional parameters, response fields, enum values of a request) pass.
// A breaking change needs a pending changeset that bumps @wawp/spec by `major`. A description
// the last release did not have yet (v2 after 0.1.0) is wholly new, so it is additive.
//
// Usage: node scripts/spec-compat.mjs [--base old.json] [--head new.json] [--changesets dir]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** The REST descriptions the guard compares, by bundle name (spec/dist/<name>.json). */
export const DESCRIPTIONS = ['openapi', 'openapi-v2'];

/** The release whose bundle is kept: the highest version folder under spec/releases/. */
export function lastRelease(releasesDir = join(root, 'spec', 'releases'), name = 'openapi') {
  const versions = readdirSync(releasesDir).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  versions.sort((a, b) => {
    const [x, y] = [a, b].map((v) => v.split('.').map(Number));
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  const version = versions.at(-1);
  if (!version) throw new Error(`spec-compat: no release bundle under ${releasesDir}`);
  return { version, path: join(releasesDir, version, `${name}.json`) };
}

/**
 * What to compare: each description's kept release bundle (`base`, null when the release
 * predates the description) and its current bundle (`head`).
 */
export function comparisons({ releasesDir, distDir = join(root, 'spec', 'dist') } = {}) {
  return DESCRIPTIONS.map((name) => {
    const release = lastRelease(releasesDir, name);
    return {
      name,
      version: release.version,
      base: existsSync(release.path) ? release.path : null,
      head: join(distDir, `${name}.json`),
    };
  });
}

function operationsOf(doc) {
  const ops = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS)
      if (item[method]?.operationId) ops.set(item[method].operationId, `${method.toUpperCase()} ${path}`);
  }
  return ops;
}

/** The assertion file: one type per operation and webhook, `true` when compatible. */
function assertions(oldDoc, newDoc) {
  const oldOps = operationsOf(oldDoc);
  const newOps = operationsOf(newDoc);
  const structural = [];
  const lines = [
    "import type { operations as O, webhooks as OW } from './old.js';",
    "import type { operations as N, webhooks as NW } from './new.js';",
    '',
    '// [A] extends [B]: every A is a B (no distribution over unions).',
    'type Sub<A, B> = [A] extends [B] ? true : false;',
    '// Field paths of a type, a few levels deep, so that a removed optional field is seen too.',
    'type D = [never, 0, 1, 2, 3, 4];',
    "// Named fields only: an open object's index signature would otherwise match every path.",
    'type Named<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };',
    'type Paths<T, L extends number = 5> = [L] extends [never] ? never : T extends readonly (infer E)[] ? Paths<E, D[L]>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is TypeScript source, written out as text.
    '  : T extends object ? { [K in keyof Named<T> & (string | number)]-?: `${K}` | `${K}.${Paths<NonNullable<Named<T>[K]>, D[L]>}` }[keyof Named<T> & (string | number)] : never;',
    'type Keeps<Old, New> = Sub<Exclude<Paths<Old>, Paths<New>>, never>;',
    'type Params<T> = T extends { parameters: infer P } ? P : never;',
    // An optional body may be left out: `undefined` is part of what the operation accepts, so
    // adding an optional body where there was none is additive and making it required is not.
    'type Body<T> = T extends { requestBody: infer B } ? B : T extends { requestBody?: infer B } ? B | undefined : undefined;',
    'type Ok<T> = T extends { responses: infer R } ? { [S in keyof R & (200 | 201 | 202 | 204)]: R[S] extends { content: infer C } ? C : never } : never;',
    'type Payload<T> = T extends { post: { requestBody?: infer B } } ? B : never;',
    'type Check<T extends { [k: string]: true }> = T;',
    '',
  ];
  for (const [id, where] of oldOps) {
    if (!newOps.has(id)) {
      structural.push(`operation ${id} (${where}) was removed or renamed`);
      continue;
    }
    if (newOps.get(id) !== where) structural.push(`operation ${id} moved from ${where} to ${newOps.get(id)}`);
    lines.push(
      `export type ${id} = Check<{`,
      `  request_parameters: Sub<Params<O['${id}']>, Params<N['${id}']>>;`,
      `  request_body: Sub<Body<O['${id}']>, Body<N['${id}']>>;`,
      `  response_body: Sub<Ok<N['${id}']>, Ok<O['${id}']>>;`,
      `  response_fields_kept: Keeps<Ok<O['${id}']>, Ok<N['${id}']>>;`,
      '}>;',
    );
  }
  const newHooks = new Set(Object.keys(newDoc.webhooks ?? {}));
  for (const name of Object.keys(oldDoc.webhooks ?? {})) {
    if (!newHooks.has(name)) {
      structural.push(`webhook ${name} was removed`);
      continue;
    }
    const t = `webhook_${name.replace(/\W/g, '_')}`;
    lines.push(
      `export type ${t} = Check<{`,
      `  payload: Sub<Payload<NW['${name}']>, Payload<OW['${name}']>>;`,
      `  payload_fields_kept: Keeps<Payload<OW['${name}']>, Payload<NW['${name}']>>;`,
      '}>;',
    );
  }
  return { structural, source: `${lines.join('\n')}\n` };
}

/** Breaking changes between two bundles, as sentences; empty when the change is additive. */
export async function breakingChanges(oldDoc, newDoc) {
  const dir = mkdtempSync(join(tmpdir(), 'wawp-spec-compat-'));
  try {
    for (const [name, doc] of [
      ['old', oldDoc],
      ['new', newDoc],
    ]) {
      writeFileSync(join(dir, `${name}.ts`), astToString(await openapiTS(structuredClone(doc))));
    }
    const { structural, source } = assertions(oldDoc, newDoc);
    writeFileSync(join(dir, 'compat.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          skipLibCheck: true,
          types: [],
        },
        files: ['compat.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', '.'], {
        cwd: dir,
        encoding: 'utf8',
      });
    } catch (error) {
      output = String(error.stdout);
    }
    // compat.ts(LINE,COL): error …: the line names the operation and the check that failed.
    const sourceLines = source.split('\n');
    const judged = new Set();
    for (const match of output.matchAll(/compat\.ts\((\d+),\d+\): error TS\d+: (.*)$/gm)) {
      const line = Number(match[1]);
      const head = sourceLines
        .slice(0, line)
        .reverse()
        .find((l) => l.startsWith('export type '));
      const name = (head?.split(' ')[2] ?? '?').replace(/^webhook_/, 'webhook ');
      // The message spells the checked object, e.g. `{ request_parameters: false; … }`.
      const failed = [...match[2].matchAll(/(\w+): false/g)].map((m) => m[1]);
      for (const check of failed.length > 0 ? failed : [match[2]]) judged.add(`${name}: ${check} is not compatible`);
    }
    if (output && judged.size === 0) judged.add(`the type check did not run cleanly:\n${output}`);
    return [...structural, ...judged];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when a pending changeset bumps @wawp/spec by major. */
export function hasMajorChangeset(changesetDir) {
  if (!existsSync(changesetDir)) return false;
  return readdirSync(changesetDir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .some((f) =>
      /^\s*["']?@wawp\/spec["']?\s*:\s*major\s*$/m.test(
        readFileSync(join(changesetDir, f), 'utf8').split('---')[1] ?? '',
      ),
    );
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, head: { type: 'string' }, changesets: { type: 'string' } },
  });
  const plan = values.base
    ? [{ name: 'openapi', version: values.base, base: values.base, head: values.head ?? comparisons()[0].head }]
    : comparisons();
  const found = [];
  for (const { name, version, base, head } of plan) {
    const started = performance.now();
    if (base === null) {
      // Nothing of it was released, so nothing can break: every operation is an addition.
      console.log(`spec-compat: ${name} is new since ${version}, so additive`);
      continue;
    }
    const changes = await breakingChanges(
      JSON.parse(readFileSync(base, 'utf8')),
      JSON.parse(readFileSync(head, 'utf8')),
    );
    const ms = Math.round(performance.now() - started);
    if (changes.length === 0) console.log(`spec-compat: ${name}: no breaking change since ${version} (${ms} ms)`);
    found.push(...changes.map((line) => `${name}: ${line}`));
  }
  if (found.length > 0) {
    const major = hasMajorChangeset(values.changesets ?? join(root, '.changeset'));
    console.log(`spec-compat: ${found.length} breaking change(s) since ${plan[0].version}:`);
    for (const line of found) console.log(`  - ${line}`);
    if (major) console.log('spec-compat: a pending changeset bumps @wawp/spec by major, so this is allowed.');
    else {
      console.log('spec-compat: add a changeset that bumps "@wawp/spec": major, or make the change additive.');
      process.exitCode = 1;
    }
  }
}
