// The built site as files: offline, complete, and with the spec's bundle left untouched.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listOperations } from '@wawp/spec/tools';
import { describe, expect, it } from 'vitest';
import { GUIDES, guideFile } from '../scripts/site.mjs';

const require = createRequire(import.meta.url);
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const html = readFileSync(join(distDir, 'index.html'), 'utf8');
const openapi = JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi.json'), 'utf8'));
const decorated = JSON.parse(readFileSync(join(distDir, 'openapi.json'), 'utf8'));
const operationsOf = (document: object) => listOperations(document).map(({ operation }) => operation);

describe('built reference page', () => {
  it('loads nothing from the network: no remote scripts, styles, module imports or CDN assets', () => {
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
    expect(html).not.toMatch(/import\s*\{[^}]*\}\s*from\s*"https?:/);
    // The sidebar's Redocly logo is inlined too (the runtime's icon-set URLs stay, unused).
    expect(html).not.toMatch(/https:\/\/cdn\.redoc\.ly\//);
    expect(html).not.toMatch(/https:\/\/cdn\.redocly\.com\/redoc\//);
    expect(html).toContain('hydrate(');
  });

  it('embeds every operation of the bundled spec', () => {
    const ids = operationsOf(openapi).map((op) => op.operationId);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(html, id).toContain(`"operationId":"${id}"`);
  });

  it('embeds every webhook of the bundled spec', () => {
    for (const name of Object.keys(openapi.webhooks ?? {})) expect(html, name).toContain(JSON.stringify(name));
  });

  it('carries the site navigation to every guide', () => {
    for (const guide of GUIDES) expect(html).toContain(`href="${guideFile(guide.slug)}"`);
  });
});

describe('decorated copy of the bundle (dist/openapi.json)', () => {
  it('gives every operation a TypeScript and a curl sample, and leaves spec/dist without any', () => {
    const operations = operationsOf(decorated);
    expect(operations).toHaveLength(operationsOf(openapi).length);
    for (const op of operations) {
      expect(op['x-codeSamples'], op.operationId).toEqual([
        { lang: 'typescript', label: 'TypeScript', source: expect.stringContaining('await ') },
        { lang: 'curl', label: 'curl', source: expect.stringMatching(/^curl /) },
      ]);
      expect(op.description, op.operationId).toContain(`\`${op.operationId}\``);
    }
    expect(JSON.stringify(openapi)).not.toContain('x-codeSamples');
  });
});

describe('guide pages', () => {
  it('exist for every guide, with the shared navigation and no remote asset', () => {
    for (const guide of GUIDES) {
      const page = readFileSync(join(distDir, guideFile(guide.slug)), 'utf8');
      expect(page, guide.slug).toContain('href="../index.html"');
      expect(page, guide.slug).toContain('href="../assets/site.css"');
      expect(page, guide.slug).not.toMatch(/(?:src|href)="https?:\/\/(?!wawp\.net|localhost|127\.0\.0\.1)/);
    }
    expect(existsSync(join(distDir, 'assets', 'site.css'))).toBe(true);
  });

  it('show the code blocks of the markdown, as written there', () => {
    const page = readFileSync(join(distDir, guideFile('getting-started')), 'utf8');
    // One line of a block, as marked renders it inside <code> (quotes escaped).
    expect(page).toContain('import { createWawp } from &#39;@wawp/client/operations&#39;;');
    expect(page).not.toContain('{{sample:');
  });
});
