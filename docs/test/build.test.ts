import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
const openapi = JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi.json'), 'utf8'));

describe('built reference page', () => {
  it('loads nothing from the network: no remote scripts, styles or module imports', () => {
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
    expect(html).not.toMatch(/import\s*\{[^}]*\}\s*from\s*"https?:/);
    expect(html).toContain('hydrate(');
  });

  it('embeds every operation of the bundled spec', () => {
    const ids = Object.values(openapi.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (item) => Object.values(item).flatMap((op) => (op.operationId ? [op.operationId] : [])),
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(html, id).toContain(`"operationId":"${id}"`);
  });
});
