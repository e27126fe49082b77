// The client and the webhook helpers claim to need nothing but fetch, URL and WebCrypto.
// This runs their published ESM builds (dist/) unbundled in Chromium: the client
// calls the mock server across origins, and the webhook helpers sign, verify and parse.
// It lives in docs because docs already depends on every package and on the browser setup.
import { createHmac } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { type MockServer, startMockServer } from '@wawp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';

const require = createRequire(import.meta.url);
const clientDir = dirname(require.resolve('@wawp/client/package.json'));
const webhooksDir = dirname(require.resolve('@wawp/webhooks-types/package.json'));
const openapiFetchDir = dirname(createRequire(join(clientDir, 'package.json')).resolve('openapi-fetch'));
/** URL prefix → folder on disk. */
const MOUNTS: Record<string, string> = {
  '/client/': join(clientDir, 'dist'),
  '/webhooks/': join(webhooksDir, 'dist'),
  '/vendor/openapi-fetch/': openapiFetchDir,
};
// The page maps the client's one bare import the way a bundler or an import map would.
const PAGE = `<!doctype html><meta charset="utf-8"><title>packages in the browser</title>
<script type="importmap">{"imports":{"openapi-fetch":"/vendor/openapi-fetch/index.mjs"}}</script>
<script type="module">window.load = (url) => import(url);</script>`;
// The test's own code is transformed by vitest, which rewrites dynamic import(); functions
// sent to the page therefore load modules through the page's own \`load\`.
declare const window: { load(url: string): Promise<any> };
const TOKEN = 'browser-secret-token-9f8e7d';

let mock: MockServer;
let site: Server;
let siteUrl: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

function serveMounts(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x.invalid').pathname;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const prefix = Object.keys(MOUNTS).find((p) => path.startsWith(p));
    const root = prefix ? MOUNTS[prefix] : undefined;
    const file = root && prefix ? normalize(join(root, path.slice(prefix.length))) : undefined;
    if (!root || !file?.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': extname(file) === '.json' ? 'application/json' : 'text/javascript' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  site = await serveMounts();
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await mock?.close();
  await new Promise((resolve) => site?.close(resolve));
});

async function inBrowser<T>(fn: (args: { mockUrl: string; token: string }) => Promise<T>): Promise<T> {
  const page = await chromium.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(siteUrl);
    await page.waitForFunction(() => typeof window.load === 'function');
    const result = await page.evaluate(fn, { mockUrl: mock.url, token: TOKEN });
    expect(errors).toEqual([]);
    return result;
  } finally {
    await page.close();
  }
}

describe('@wawp/client in Chromium', () => {
  it('calls the mock through both faces, cross-origin, with nothing but fetch', async () => {
    const result = await inBrowser(async ({ mockUrl, token }) => {
      const { createWawpClient } = await window.load('/client/index.js');
      const { createWawp } = await window.load('/client/operations.js');
      const options = { instanceId: '123456789', accessToken: token, baseUrl: mockUrl };
      const path = await createWawpClient(options).GET('/session/info');
      const info = await createWawp(options).sessions.getInfo();
      const sent = await createWawp(options).messages.sendText({ chatId: '447700900123@c.us', message: 'hi' });
      return { pathStatus: path.response.status, pathData: path.data, info, sentFromMe: sent.fromMe };
    });
    expect(result.pathStatus).toBe(200);
    expect(result.pathData).toMatchObject({ name: 'newsession', status: 'STARTING' });
    expect(result.info).toEqual(result.pathData);
    expect(result.sentFromMe).toBe(true);
  });

  it('throws a typed API error that does not carry the token', async () => {
    const error = await inBrowser(async ({ mockUrl, token }) => {
      const { createWawp } = await window.load('/client/operations.js');
      try {
        await createWawp({ accessToken: token, baseUrl: mockUrl }).sessions.getInfo();
        return undefined;
      } catch (e) {
        const err = e as Error & { status?: number; code?: string };
        return {
          name: err.name,
          status: err.status,
          code: err.code,
          all: `${err.message} ${err.stack} ${JSON.stringify(err)}`,
        };
      }
    });
    expect(error).toMatchObject({ name: 'WawpApiError', status: 401, code: 'invalid_instance' });
    expect(error?.all).not.toContain(TOKEN);
  });
});

describe('@wawp/webhooks-types in Chromium (WebCrypto)', () => {
  it('signs, verifies and parses deliveries', async () => {
    const result = await inBrowser(async () => {
      const webhooks = await window.load('/webhooks/index.js');
      const body = '{"event":"message","session":"default","engine":"WEBJS"}';
      const digest: string = await webhooks.signPayload(body, 'my-secret-key');
      const headers = { 'x-webhook-hmac': digest, 'x-webhook-hmac-algorithm': 'sha512' };
      const delivery = JSON.stringify({ event: 'session.status', session: 'default', payload: { status: 'WORKING' } });
      let parseError = '';
      try {
        webhooks.parseWebhook(JSON.stringify({ event: 'session.status', session: 'default', payload: { status: 1 } }));
      } catch (e) {
        parseError = (e as Error).name;
      }
      return {
        digest,
        good: await webhooks.verifySignature(body, headers, { hmacKey: 'my-secret-key' }),
        tampered: await webhooks.verifySignature(`${body} `, headers, { hmacKey: 'my-secret-key' }),
        wrongKey: await webhooks.verifySignature(body, headers, { hmacKey: 'other-key' }),
        parsed: webhooks.parseWebhook(delivery).payload,
        parseError,
      };
    });
    // The browser's WebCrypto must agree with node:crypto on the documented test vector.
    const body = '{"event":"message","session":"default","engine":"WEBJS"}';
    const expected = createHmac('sha512', 'my-secret-key').update(body).digest('hex');
    expect(expected).toMatch(/^208f8a55[0-9a-f]{116}fa89$/);
    expect(result.digest).toBe(expected);
    expect(result).toMatchObject({ good: true, tampered: false, wrongKey: false, parseError: 'WebhookParseError' });
    expect(result.parsed).toEqual({ status: 'WORKING' });
  });
});
