import { describe, expect, it } from 'vitest';
import { WawpAbortError, WawpApiError, WawpNetworkError, WawpTimeoutError } from '../src/index.js';
import { redact } from '../src/redact.js';
import { CREDENTIALS, createObservedClient, everythingAbout, hangingFetch } from './support/observed-client.js';

const TOKEN = CREDENTIALS.accessToken;

function expectNoToken(error: unknown) {
  const text = everythingAbout(error);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(encodeURIComponent(TOKEN));
}

describe('token redaction', () => {
  it('redacts the token in a URL, raw and percent-encoded', () => {
    const url = `https://x.test/a?instance_id=I&access_token=${encodeURIComponent(TOKEN)}&b=1`;
    expect(redact(url, [TOKEN])).toBe('https://x.test/a?instance_id=I&access_token=[REDACTED]&b=1');
    expect(redact(`token is ${TOKEN}`, [TOKEN])).toBe('token is [REDACTED]');
  });

  it('network failures name method and path but never the token', async () => {
    const { client } = createObservedClient((request) => {
      throw new TypeError(`fetch failed for ${request.url}`, {
        cause: new Error(`connect ECONNREFUSED ${request.url}`),
      });
    });
    const error = await client.GET('/session/info').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpNetworkError);
    expect((error as WawpNetworkError).message).toMatch(/^GET \/session\/info could not reach the API/);
    expect((error as WawpNetworkError).message).toContain('access_token=[REDACTED]');
    expectNoToken(error);
  });

  it('a fetch that throws synchronously is mapped and redacted the same way', async () => {
    const { client } = createObservedClient(undefined, {
      fetch: (request: Request) => {
        throw new TypeError(`bad request ${request.url}`);
      },
    });
    const error = await client.GET('/session/info').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpNetworkError);
    expectNoToken(error);
  });

  it('timeouts never carry the token', async () => {
    const { client } = createObservedClient(hangingFetch(true) as never, { timeoutMs: 1 });
    const error = await client.GET('/session/info').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpTimeoutError);
    expectNoToken(error);
  });

  it('aborts never carry the token, even when the abort reason does', async () => {
    const controller = new AbortController();
    const { client } = createObservedClient(hangingFetch(true) as never);
    const pending = client.GET('/session/info', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new Error(`gave up on ?access_token=${TOKEN}`));
    const error = await pending;
    expect(error).toBeInstanceOf(WawpAbortError);
    expectNoToken(error);
  });

  it('API errors redact a server that echoes the token in its message or body', async () => {
    const { wawp } = createObservedClient((request) =>
      Response.json(
        { code: 'invalid_access_token', message: `Bad token in ${request.url}`, data: { status: 401, token: TOKEN } },
        { status: 401 },
      ),
    );
    const error = await wawp.sessions.getInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpApiError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_access_token', method: 'GET', path: '/session/info' });
    expect((error as WawpApiError).message).toContain('[REDACTED]');
    expectNoToken(error);
  });

  it('path-face errors that are not HTTP answers are redacted too (invalid URL from fetch)', async () => {
    const { client } = createObservedClient((request) => {
      throw new Error(`Invalid URL: ${decodeURIComponent(request.url)}`);
    });
    const error = await client.GET('/session/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpNetworkError);
    expectNoToken(error);
  });
});
