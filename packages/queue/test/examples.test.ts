// Every code block of the README is one of examples/*.ts, word for word, and each example
// runs here, against the tests' Redis and the mock.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { redisUrl } from './support/names.js';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README', () => {
  test('every ts block is an example file, word for word, and every example is shown', () => {
    const shown = blocks.map((block) => {
      const name = /^\/\/ (examples\/[\w-]+\.ts)/.exec(block)?.[1];
      expect(name, `a README block does not start with its file name:\n${block.slice(0, 80)}`).toBeDefined();
      expect(readFileSync(join(root, name!), 'utf8')).toBe(block);
      return name;
    });
    const files = readdirSync(join(root, 'examples')).map((f) => `examples/${f}`);
    expect(shown.sort()).toEqual(files.sort());
  });
});

describe('examples run', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  test.each(['receiver-and-worker', 'send-queue'])('%s', async (name) => {
    vi.stubEnv('REDIS_URL', redisUrl());
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => {
      lines.push(args.join(' '));
    });
    await import(`../examples/${name}.ts`);
    expect(lines.join('\n')).toMatch(
      name === 'send-queue' ? /^sent true_/ : /^receiver answered 200 — worker handled: ./,
    );
  });
});
