import { describe, expect, it } from 'vitest';
import { createWawpClient } from '../src/index.js';
import { CREDENTIALS, createObservedClient } from './support/observed-client.js';

describe('credentials', () => {
  it('puts instance_id and access_token in the query of every request', async () => {
    const { client, requests } = createObservedClient();
    await client.GET('/session/info');
    await client.POST('/session/start');
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      const url = new URL(request.url);
      expect(url.searchParams.get('instance_id')).toBe(CREDENTIALS.instanceId);
      expect(url.searchParams.get('access_token')).toBe(CREDENTIALS.accessToken);
    }
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /v1/session/info',
      'POST /v1/session/start',
    ]);
  });

  it('keeps the operation parameters next to the credentials', async () => {
    const { client, requests } = createObservedClient();
    await client.POST('/createSession', { params: { query: { name: 'My Session' } } });
    const url = new URL(requests[0]!.url);
    expect(url.searchParams.get('name')).toBe('My Session');
    expect(url.searchParams.get('access_token')).toBe(CREDENTIALS.accessToken);
  });

  it('sends only the token when no instance is given (createSession)', async () => {
    const { client, requests } = createObservedClient(undefined, { instanceId: undefined });
    await client.POST('/createSession', { params: { query: { name: 'x' } } });
    const url = new URL(requests[0]!.url);
    expect(url.searchParams.has('instance_id')).toBe(false);
    expect(url.searchParams.get('access_token')).toBe(CREDENTIALS.accessToken);
  });

  it('rejects a base URL that could not be requested, before any token is put in a URL', () => {
    for (const baseUrl of ['not a url', '/relative', 'ftp://x.test', 'https://']) {
      expect(() => createWawpClient({ ...CREDENTIALS, baseUrl })).toThrow(
        /`baseUrl` must be an absolute http\(s\) URL/,
      );
    }
    expect(() => createWawpClient({ ...CREDENTIALS, baseUrl: 'http://127.0.0.1:4010/' })).not.toThrow();
  });

  it('rejects a missing or empty token up front, without echoing it', () => {
    expect(() => createWawpClient({ accessToken: '' })).toThrow(/`accessToken` must be a non-empty string/);
    // @ts-expect-error accessToken is required
    expect(() => createWawpClient({ instanceId: 'x' })).toThrow(TypeError);
  });
});
