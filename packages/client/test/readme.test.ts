// Every JavaScript block of the README runs as written, against the mock, with the build.
import { describe, expect, it } from 'vitest';
import { readme, runSnippet } from './run-node.mjs';

const blocks = [...readme.matchAll(/^( *)```js\n([\s\S]*?)^\1```/gm)].map(([, indent, code]) =>
  (code as string).replace(new RegExp(`^${indent}`, 'gm'), ''),
);

describe('README', () => {
  it('has its JavaScript blocks', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((code, i) => [i + 1, code] as const))(
    'block %i runs as written',
    async (_n, code) => {
      const { code: exit, stderr } = await runSnippet(code);
      expect(stderr).toBe('');
      expect(exit).toBe(0);
    },
    60_000,
  );
});
