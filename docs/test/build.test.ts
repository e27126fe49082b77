// The built site as files: offline, complete, and with the spec's bundle left untouched.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listOperations } from '@wawp/spec/tools';
import { describe, expect, it } from 'vitest';
import { GUIDES, guideFile, REFERENCES } from '../scripts/site.mjs';

const require = createRequire(import.meta.url);
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const html = readFileSync(join(distDir, 'index.html'), 'utf8');
const openapi = JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi.json'), 'utf8'));
const decorated = JSON.parse(readFileSync(join(distDir, 'openapi.json'), 'utf8'));
const htmlV2 = readFileSync(join(distDir, 'v2.html'), 'utf8');
const openapiV2 = JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi-v2.json'), 'utf8'));
const decoratedV2 = JSON.parse(readFileSync(join(distDir, 'openapi-v2.json'), 'utf8'));
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

describe('the v2 reference page (dist/v2.html)', () => {
  it('is offline like the v1 page and embeds every operation of the v2 bundle', () => {
    expect(htmlV2).not.toMatch(/<script[^>]+src="https?:/);
    expect(htmlV2).not.toMatch(/https:\/\/cdn\.redocly\.com\/redoc\//);
    const ids = operationsOf(openapiV2).map((op) => op.operationId);
    expect(ids.length).toBeGreaterThan(80);
    for (const id of ids) expect(htmlV2, id).toContain(`"operationId":"${id}"`);
    expect(htmlV2).toContain(`<title>${openapiV2.info.title} reference</title>`);
  });

  it('gives every v2 operation a curl sample addressed to the v2 server', () => {
    for (const op of operationsOf(decoratedV2)) {
      expect(op['x-codeSamples'], op.operationId).toEqual([
        { lang: 'curl', label: 'curl', source: expect.stringMatching(/^curl .*'https:\/\/api\.wawp\.net\/v2\//) },
      ]);
    }
    expect(JSON.stringify(openapiV2)).not.toContain('x-codeSamples');
  });

  it('links both references from every page with a version switch that marks the one shown', () => {
    const switchOf = (page: string) => /<span class="wawp-version-switch"[^>]*>(.*?)<\/span>/.exec(page)?.[1];
    expect(switchOf(html)).toBe('<a href="index.html" aria-current="page">v1</a><a href="v2.html">v2</a>');
    expect(switchOf(htmlV2)).toBe('<a href="index.html">v1</a><a href="v2.html" aria-current="page">v2</a>');
    for (const guide of GUIDES) {
      const page = readFileSync(join(distDir, guideFile(guide.slug)), 'utf8');
      for (const ref of REFERENCES) expect(switchOf(page), guide.slug).toContain(`href="../${ref.file}"`);
    }
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
