// The control plane's gate: a secret header, JSON only, no CORS, the Host checked, and
// deliveries only to loopback receivers unless the user allowed another host.
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomControlToken } from '../src/control/guard.js';
import { checkWebhookTarget, isLoopbackHost, type MockServer, startMockServer, startSandbox } from '../src/index.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const TOKEN = 'test-control-token-0123456789';
let mock: MockServer;
let receiver: Receiver;
beforeAll(async () => {
  [mock, receiver] = await Promise.all([startMockServer({ port: 0, controlToken: TOKEN }), startReceiver()]);
});
afterAll(async () => {
  await Promise.all([mock.close(), receiver.close()]);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A raw request, so the test controls the Host header (fetch does not let it). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: mock.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = { 'x-wawp-control-token': TOKEN, 'content-type': 'application/json' };

describe('the control token', () => {
  it('is exposed by the JS API and required on every control endpoint', async () => {
    expect(mock.controlToken).toBe(TOKEN);
    for (const [method, path] of [
      ['GET', '/__wawp/health'],
      ['GET', '/__wawp/webhooks/events'],
      ['POST', '/__wawp/webhooks/emit'],
      ['GET', '/__wawp/nope'],
      ['DELETE', '/wp-json/awp/v1/__wawp/health'],
    ] as const) {
      const attempts: Record<string, string>[] = [
        {},
        { 'x-wawp-control-token': 'wrong' },
        { 'x-wawp-control-token': `${TOKEN}x` },
      ];
      for (const headers of attempts) {
        const res = await fetch(`${mock.url}${path}`, { method, headers });
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(await res.json()).toMatchObject({ code: 'mock_control_unauthorized', data: { status: 401 } });
      }
    }
    const ok = await fetch(`${mock.url}/__wawp/health`, { headers: mock.controlHeaders() });
    expect(ok.status).toBe(200);
  });

  it('is random per server when none is given, and read from WAWP_MOCK_CONTROL_TOKEN', async () => {
    const a = await startMockServer({ port: 0 });
    await a.close();
    expect(a.controlToken).toMatch(/^[\w-]{32}$/);
    expect(a.controlToken).not.toBe(randomControlToken());
    vi.stubEnv('WAWP_MOCK_CONTROL_TOKEN', 'from-the-environment');
    try {
      const c = await startMockServer({ port: 0 });
      await c.close();
      expect(c.controlToken).toBe('from-the-environment');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses tokens that cannot travel in a header or are too short to be a secret', async () => {
    for (const bad of ['', 'short', 'has space in it', 'new\nline-token', 'ü'.repeat(10)]) {
      await expect(startMockServer({ port: 0, controlToken: bad })).rejects.toThrow(/controlToken: .*8 to 256/);
    }
  });
});

describe('what a web page could send', () => {
  it('accepts only application/json bodies', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'json']) {
      const res = await raw('/__wawp/webhooks/emit', {
        method: 'POST',
        headers: { ...auth, 'content-type': type },
        body: JSON.stringify({ event: 'message', to: receiver.url }),
      });
      expect(res.status, type).toBe(415);
    }
    const none = await raw('/__wawp/webhooks/emit', {
      method: 'POST',
      headers: { 'x-wawp-control-token': TOKEN },
      body: '{}',
    });
    expect(none.status).toBe(415);
    expect(receiver.received).toHaveLength(0);
  });

  it('never reflects an Origin or approves a preflight on control paths', async () => {
    const origin = 'http://evil.example';
    const preflight = await raw('/__wawp/webhooks/emit', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-wawp-control-token, content-type',
      },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    const call = await raw('/__wawp/health', { headers: { ...auth, origin } });
    expect(call.status).toBe(200);
    for (const res of [preflight, call]) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-headers']).toBeUndefined();
    }
    // API paths stay usable from a browser app.
    const api = await raw('/session/info?instance_id=1&access_token=1', { headers: { origin } });
    expect(api.headers['access-control-allow-origin']).toBe(origin);
  });

  it('checks the Host header against loopback names and the bound address (DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${mock.port}`, `localhost:${mock.port}`, '127.0.0.1', `[::1]:${mock.port}`]) {
      expect((await raw('/__wawp/health', { headers: { ...auth, host } })).status, host).toBe(200);
    }
    for (const host of [
      'evil.example',
      `evil.example:${mock.port}`,
      'localhost.evil.example',
      '10.0.0.1',
      '0.0.0.0',
      '127.0.0.1.evil.example',
    ]) {
      const res = await raw('/__wawp/health', { headers: { ...auth, host } });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body).code).toBe('mock_control_forbidden_host');
    }
  });

  it('takes extra host names when the user allows them', async () => {
    const docker = await startMockServer({ port: 0, controlToken: TOKEN, allowControlHosts: ['mock'] });
    try {
      const res = await new Promise<number>((resolve, reject) => {
        httpRequest(
          { host: '127.0.0.1', port: docker.port, path: '/__wawp/health', headers: { ...auth, host: 'mock:4010' } },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end();
      });
      expect(res).toBe(200);
    } finally {
      await docker.close();
    }
  });

  it('answers a payload nested 10,000 deep and a user:pass@ target with a 4xx, delivering nothing', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const nested = await raw('/__wawp/webhooks/emit', {
      method: 'POST',
      headers: auth,
      body: `{"event":"message","to":"${receiver.url}","payload":${deep}}`,
    });
    expect(nested.status).toBe(400);
    expect(JSON.parse(nested.body).code).toBe('rest_invalid_json');
    const withCredentials = receiver.url.replace('http://', 'http://user:pass@');
    const creds = await raw('/__wawp/webhooks/emit', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ event: 'message', to: withCredentials }),
    });
    expect(creds.status).toBe(400);
    expect(JSON.parse(creds.body)).toMatchObject({
      code: 'webhook_invalid_url',
      data: { params: { to: expect.stringMatching(/credentials/) } },
    });
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a control body over 1 MiB', async () => {
    const res = await raw('/__wawp/webhooks/emit', {
      method: 'POST',
      headers: auth,
      body: `"${'a'.repeat(1_100_000)}"`,
    });
    expect(res.status).toBe(413);
  });
});

// Targets a hostile control call could name. WHATWG URL parsing turns many of them into
// loopback or private IPs; none of the non-loopback ones may ever be contacted.
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
const notLoopbackV4 = ipv4.filter(([a]) => a !== 127);
const spelledV4 = notLoopbackV4.chain(([a, b, c, d]) => {
  const n = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  return fc.constantFrom(
    `${a}.${b}.${c}.${d}`,
    String(n), // decimal
    `0x${n.toString(16)}`, // hex
    `0x${a.toString(16)}.${b}.${c}.${d}`,
    `0${a.toString(8)}.${b}.${c}.${d}`, // octal first part
    `${a}.${(b << 16) + (c << 8) + d}`, // a.b-as-24-bit
    `[::ffff:${a}.${b}.${c}.${d}]`, // IPv4-mapped IPv6
    `[::${a}.${b}.${c}.${d}]`,
  );
});
const ipv6 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
  .filter((parts) => !(parts.slice(0, 7).every((p) => p === 0) && parts[7] === 1))
  .map((parts) => `[${parts.map((p) => p.toString(16)).join(':')}]`);
const dnsName = fc.oneof(
  fc.constantFrom(
    'example.com',
    'localhost.example.com',
    'localhost.',
    '127.0.0.1.nip.io',
    'localtest.me',
    'metadata.google.internal',
    'host.docker.internal',
    'foo.localhost',
    'LOCALHOST.evil',
    '0',
    '[::]',
    '0.0.0.0',
  ),
  fc.domain(),
);
const host = fc.oneof(spelledV4, ipv6, dnsName);
const target = fc
  .tuple(
    fc.constantFrom('http', 'https', 'HTTP'),
    fc.constantFrom('', 'user:pass@', 'u@', '127.0.0.1@', 'localhost:1@'),
    host,
    fc.constantFrom('', ':80', ':4010', ':65535'),
    fc.constantFrom('/', '/hook', '/a?b=c', '/#frag', '/@127.0.0.1/'),
  )
  .map(([scheme, userinfo, h, port, path]) => `${scheme}://${userinfo}${h}${port}${path}`);

describe('webhook targets of control calls', () => {
  it('reach loopback only: 0 non-loopback deliveries for 400 generated targets', async () => {
    const contacted: string[] = [];
    const realFetch = globalThis.fetch;
    // Every outbound fetch of the mock is recorded and answered here: nothing leaves the process.
    vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.port === String(mock.port)) return realFetch(input, init);
      contacted.push(url.href);
      return new Response(null, { status: 204 });
    });
    const targets = fc.sample(target, { numRuns: 400, seed: 20261201 });
    let refused = 0;
    for (const to of targets) {
      const res = await fetch(`${mock.url}/__wawp/webhooks/emit`, {
        method: 'POST',
        headers: mock.controlHeaders(),
        body: JSON.stringify({ event: 'message', to, count: 3 }),
      });
      const body = await res.json();
      const expected = checkWebhookTarget(to);
      if (expected.ok) {
        expect(res.status, to).toBe(200);
      } else {
        refused++;
        expect(res.status, to).toBe(400);
        expect(['webhook_target_not_allowed', 'webhook_invalid_url'], to).toContain(body.code);
      }
    }
    const outside = contacted.filter((href) => !isLoopbackHost(new URL(href).hostname));
    expect(outside).toEqual([]);
    // The generator mostly makes hostile targets; a few spell loopback and must still work.
    expect(refused).toBeGreaterThan(300);
  });

  it('accept every spelling of loopback, and hosts named with allowWebhookTargets', () => {
    for (const to of [
      'http://127.0.0.1:9/',
      'http://127.1.2.3/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://[::1]:9/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost:9/hook',
      'https://LOCALHOST/',
    ]) {
      expect(checkWebhookTarget(to).ok, to).toBe(true);
    }
    expect(checkWebhookTarget('http://hooks.internal:8443/x', ['hooks.internal:8443']).ok).toBe(true);
    expect(checkWebhookTarget('http://hooks.internal:8444/x', ['hooks.internal:8443']).ok).toBe(false);
    expect(checkWebhookTarget('https://hooks.internal/x', ['hooks.internal']).ok).toBe(true);
    expect(checkWebhookTarget('http://10.0.0.5/x', ['10.0.0.5']).ok).toBe(true);
    expect(checkWebhookTarget('http://10.0.0.6/x', ['10.0.0.5']).ok).toBe(false);
  });

  it('are never followed through a redirect', async () => {
    const second = await startReceiver();
    const redirecting = await startReceiver({
      handler: (_req, res) => res.writeHead(307, { location: `${second.url}/stolen` }).end(),
    });
    try {
      const res = await fetch(`${mock.url}/__wawp/webhooks/emit`, {
        method: 'POST',
        headers: mock.controlHeaders(),
        body: JSON.stringify({ event: 'message', to: redirecting.url, count: 2 }),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).deliveries.map((d: { status: number }) => d.status)).toEqual([307, 307]);
      expect(second.received).toHaveLength(0);
    } finally {
      await Promise.all([second.close(), redirecting.close()]);
    }
  });

  it('refuses an AsyncAPI path it cannot read at start, in both modes, though the file is read on first use', async () => {
    const missing = '/nonexistent/wawp/asyncapi.json';
    await expect(startMockServer({ port: 0, asyncapi: missing })).rejects.toThrow(
      `asyncapi: cannot read ${missing} (ENOENT)`,
    );
    await expect(startSandbox({ port: 0, asyncapi: missing })).rejects.toThrow(`asyncapi: cannot read ${missing}`);
  });

  it('refuses an allow-list entry that is not a host', async () => {
    for (const bad of ['http://x.example', 'x.example/path', 'u:p@x.example']) {
      await expect(startMockServer({ port: 0, allowWebhookTargets: [bad] })).rejects.toThrow(/allowWebhookTargets/);
    }
  });
});
