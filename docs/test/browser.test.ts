// Opens the built docs in Chromium (test/support/find-browser.ts picks which; playwright-core never
// downloads one) and checks what a reader sees: a section for every operation and every webhook
// event of the bundled specs, a working search, links between the reference and the guides,
// no console error, and no request leaving the machine. Screenshots go to docs/test-results/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from '../scripts/serve.mjs';
import { GUIDES } from '../scripts/site.mjs';
import { type ExpectedSection, expectedEvents, expectedOperations } from './expected-sections.js';
import { launchChromium } from './support/chromium.js';

const require = createRequire(import.meta.url);
/** Generous: the machine is shared and slow at times; nothing here measures speed. */
const WAIT_MS = 60_000;
/** A broken page would otherwise wait WAIT_MS for every one of ~130 sections. */
const ENOUGH_FAILURES = 5;

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const openapi = JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi.json'), 'utf8'));
const openapiV2 = JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi-v2.json'), 'utf8'));
const asyncapi = JSON.parse(readFileSync(require.resolve('@wawp/spec/asyncapi.json'), 'utf8'));
const decorated = JSON.parse(readFileSync(join(distDir, 'openapi.json'), 'utf8'));

let context: BrowserContext;
let page: Page;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let server: { url: string; close(): Promise<void> };
const consoleErrors: string[] = [];
const offMachine: string[] = [];

function isLocal(url: string): boolean {
  return url.startsWith(server.url) || url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:');
}

beforeAll(async () => {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error('docs/dist is missing: run `node scripts/build.mjs`');
  mkdirSync(resultsDir, { recursive: true });
  server = await serveDocs({ port: 0, root: distDir });
  chromium = await launchChromium();
  context = chromium.context;
  // Anything that is not this machine is recorded and refused, so the test never waits on it.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    offMachine.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    if (!isLocal(request.url())) offMachine.push(request.url());
  });
  context.on('weberror', (error) => consoleErrors.push(`page error: ${error.error().message}`));
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT_MS);
  context.on('page', (opened) => opened.setDefaultTimeout(WAIT_MS));
  context.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.location().url}: ${message.text()}`);
  });
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** Navigates the single-page reference to a section and waits until its heading is rendered. */
async function showSection(section: ExpectedSection): Promise<string | undefined> {
  await page.evaluate((id) => {
    window.location.hash = `#${id}`;
  }, section.id);
  try {
    await page.waitForFunction(
      ({ id, title }) =>
        [...document.querySelectorAll(`[data-section-id="${id}"] h2`)].some((h) =>
          (h.textContent ?? '').trim().startsWith(title),
        ),
      { id: section.id, title: section.title },
      { timeout: WAIT_MS },
    );
  } catch {
    return `${section.name}: no section ${section.id} titled "${section.title}"`;
  }
  return undefined;
}

/** Visits every section in turn; the problems found, stopping after ENOUGH_FAILURES. */
async function missingSections(sections: ExpectedSection[]): Promise<string[]> {
  const missing: string[] = [];
  for (const section of sections) {
    if (missing.length >= ENOUGH_FAILURES) break;
    const problem = await showSection(section);
    if (problem) missing.push(problem);
  }
  return missing;
}

/** Waits until the page stops scrolling (Redoc scrolls smoothly to a section), so screenshots are stable. */
async function settled(): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const before = window.scrollY;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.scrollY === before)));
      }),
    undefined,
    { polling: 100 },
  );
}

async function screenshot(name: string): Promise<void> {
  await settled();
  await page.screenshot({ path: join(resultsDir, name) });
}

async function sectionText(id: string): Promise<string> {
  return (await page.locator(`[data-section-id="${id}"]`).first().textContent()) ?? '';
}

describe('the built docs in Chromium', () => {
  it('renders the reference page over HTTP', async () => {
    await page.goto(server.url);
    await page.waitForSelector('[data-section-id="/"] h1');
    expect(await page.title()).toContain(openapi.info.title);
    await screenshot('reference.png');
  }, 120_000);

  it('has a section for every operation of the bundled OpenAPI document', async () => {
    const operations = expectedOperations(openapi);
    expect(operations.length).toBeGreaterThan(0);
    expect(await missingSections(operations)).toEqual([]);
  }, 900_000);

  it('has a section for every webhook event of the bundled AsyncAPI document', async () => {
    const events = expectedEvents(asyncapi, openapi);
    expect(events.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const event of events) {
      if (missing.length >= ENOUGH_FAILURES) break;
      if (!event.id) {
        missing.push(`${event.name}: the OpenAPI bundle has no webhook for it, so the reference cannot show it`);
        continue;
      }
      const problem = await showSection(event);
      if (problem) missing.push(problem);
      // The generated receiving sample names the event: `router.on('message', …`.
      else if (!(await sectionText(event.id)).includes(`router.on('${event.name}'`))
        missing.push(`${event.name}: ${event.id} does not show the sample that receives it`);
    }
    expect(missing).toEqual([]);
    await screenshot('webhook.png');
  }, 900_000);

  it('shows the generated TypeScript sample of an operation', async () => {
    const operations = expectedOperations(openapi);
    const target = operations.find((op) => op.name === 'sendText') ?? operations[0]!;
    expect(await showSection(target)).toBeUndefined();
    const source = findOperation(decorated, target.name)['x-codeSamples'][0]?.source ?? '';
    // The line with the call is the one that names the operation's client method or route.
    const callLine = source.split('\n').find((line) => line.includes('await '))!;
    await page.waitForFunction(
      ({ id, text }) => (document.querySelector(`[data-section-id="${id}"]`)?.textContent ?? '').includes(text),
      { id: target.id, text: callLine.trim().replace(/\($/, '') },
    );
    await screenshot('operation.png');
  }, 120_000);

  it('finds sendText (or the first operation) with the search', async () => {
    const operations = expectedOperations(openapi);
    const target = operations.find((op) => op.name === 'sendText') ?? operations[0]!;
    await page.goto(server.url);
    await page.click('[data-testid="search-trigger"]');
    const input = page.locator('[data-testid="search-dialog"] input');
    await input.fill(target.name);
    const hit = page.locator('[data-component-name="Search/SearchItem"]', { hasText: target.title });
    await hit.first().waitFor();
    await screenshot('search.png');
    await hit.first().click();
    expect(await showSection(target)).toBeUndefined();
  }, 120_000);

  it('switches to the v2 reference, which has a section for every v2 operation, and back', async () => {
    await page.goto(server.url);
    await page.waitForSelector('[data-section-id="/"] h1');
    await page.click('.wawp-version-switch a:text-is("v2")');
    await page.waitForSelector('[data-section-id="/"] h1');
    expect(page.url()).toMatch(/\/v2\.html/);
    expect(await page.title()).toContain(openapiV2.info.title);
    expect(await page.locator('.wawp-version-switch a[aria-current="page"]').textContent()).toBe('v2');
    const operations = expectedOperations(openapiV2);
    expect(operations.length).toBeGreaterThan(80);
    expect(await missingSections(operations)).toEqual([]);
    // The v2 page shows what is not confirmed about an operation, and its curl sample.
    const info = operations.find((op) => op.name === 'getSessionInfo')!;
    expect(await showSection(info)).toBeUndefined();
    await page.waitForFunction(
      (id) => (document.querySelector(`[data-section-id="${id}"]`)?.textContent ?? '').includes('Not confirmed'),
      info.id,
    );
    await screenshot('reference-v2.png');
    await page.click('.wawp-version-switch a:text-is("v1")');
    await page.waitForSelector('[data-section-id="/"] h1');
    expect(await page.title()).toContain(openapi.info.title);
    expect(await page.title()).not.toContain(openapiV2.info.title);
  }, 900_000);

  it('works from the filesystem and links the reference and every guide both ways', async () => {
    await page.goto(pathToFileURL(join(distDir, 'index.html')).href);
    await page.waitForSelector('[data-section-id="/"] h1');
    for (const guide of GUIDES) {
      await page.click(`.wawp-site-nav a:text-is("${guide.title}")`);
      await page.waitForSelector('main.wawp-content h1');
      expect(page.url()).toMatch(new RegExp(`^file:.*/guides/${guide.slug}\\.html$`));
      expect(await page.locator('main.wawp-content h1').textContent()).toBe(guide.title);
      if (guide.slug === 'getting-started') await screenshot('guide.png');
    }
    await page.click('.wawp-site-nav a:text-is("API reference")');
    await page.waitForSelector('[data-section-id="/"] h1');
    expect(page.url()).toMatch(/^file:.*\/index\.html/);
  }, 120_000);

  it('logged no console error and sent no request off the machine', () => {
    expect(consoleErrors).toEqual([]);
    expect([...new Set(offMachine)]).toEqual([]);
  });
});

interface DecoratedOperation {
  operationId?: string;
  'x-codeSamples': { source: string }[];
}

function findOperation(document: { paths: Record<string, Record<string, DecoratedOperation>> }, operationId: string) {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (operation?.operationId === operationId) return operation;
    }
  }
  throw new Error(`no operation ${operationId} in the decorated bundle`);
}
