import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookRouter, type MessageEvent } from '../src/index.js';
import { createNodeHandler, type NodeWebhookRequest } from '../src/node.js';
import { deliveryHeaders, jsonHeaders, messageDelivery } from './support/deliveries.js';

const KEY = 'loopback-key';
const received: MessageEvent[] = [];
let failNext = false;
const router = createWebhookRouter().on('message', (e) => {
  if (failNext) {
    failNext = false;
    throw new Error('handler failed');
  }
  received.push(e);
});
const handler = createNodeHandler({ router, hmacKey: KEY, maxBodyBytes: 64 * 1024 });

// A second route imitates Express with `express.raw()`: the body is read before the handler.
function withRawBody(req: NodeWebhookRequest, res: Parameters<typeof handler>[1]) {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    req.body = Buffer.concat(chunks);
    handler(req, res);
  });
}

// A third imitates `express.json()`: the stream is consumed and only an object is left.
function withParsedBody(req: NodeWebhookRequest, res: Parameters<typeof handler>[1]) {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    handler(req, res);
  });
}

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/raw')) withRawBody(req, res);
    else if (req.url?.startsWith('/parsed')) withParsedBody(req, res);
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const deliver = (body: string, headers: Record<string, string>, path = '/hooks') =>
  fetch(`${base}${path}`, { method: 'POST', body, headers });

describe('createNodeHandler on a real node:http server', () => {
  it('receives signed deliveries over loopback and dispatches them typed', async () => {
    const body = messageDelivery();
    const res = await deliver(body, deliveryHeaders(body, KEY));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(received.at(-1)?.payload.id).toBe(JSON.parse(body).payload.id);
  });

  it('works when a framework has already read the raw body', async () => {
    const body = messageDelivery().replace('evt_01', 'evt_02');
    const res = await deliver(body, deliveryHeaders(body, KEY), '/raw');
    expect(res.status).toBe(200);
  });

  it('explains, with 500, that a body parsed into an object cannot be verified', async () => {
    const body = messageDelivery().replace('evt_01', 'evt_06');
    const res = await deliver(body, deliveryHeaders(body, KEY), '/parsed');
    expect(res.status).toBe(500);
    expect((await res.json()).error).toMatch(/raw body/);
  });

  it('answers every refusal with its status', async () => {
    const body = messageDelivery().replace('evt_01', 'evt_03');
    const good = deliveryHeaders(body, KEY);
    expect((await fetch(`${base}/hooks`)).status).toBe(405);
    expect((await deliver(body, { ...good, 'content-type': 'text/plain' })).status).toBe(415);
    expect((await deliver(body, deliveryHeaders(body, 'nope'))).status).toBe(401);
    const invalid = body.replace('"fromMe":false', '"fromMe":"no"');
    const res400 = await deliver(invalid, deliveryHeaders(invalid, KEY));
    expect(res400.status).toBe(400);
    expect(await res400.json()).toMatchObject({ path: '/payload/fromMe' });
  });

  it('answers 413 for a body over the limit and keeps serving', async () => {
    const big = messageDelivery(100 * 1024);
    const res = await deliver(big, deliveryHeaders(big, KEY));
    expect(res.status).toBe(413);
    const body = messageDelivery().replace('evt_01', 'evt_04');
    expect((await deliver(body, deliveryHeaders(body, KEY))).status).toBe(200);
  });

  it('answers random bytes with 4xx, signed or not, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (bytes) => {
        const body = Buffer.from(bytes);
        const unsigned = await fetch(`${base}/hooks`, { method: 'POST', body, headers: jsonHeaders() });
        expect(unsigned.status).toBe(401);
        const res = await fetch(`${base}/hooks`, {
          method: 'POST',
          body,
          headers: deliveryHeaders(body, KEY),
        });
        expect(res.status).toBe(400);
      }),
      { numRuns: 25 },
    );
  });

  it('answers 413 to a chunked body that grows past the limit without declaring a length', async () => {
    const big = messageDelivery(100 * 1024);
    const res = await fetch(`${base}/hooks`, {
      method: 'POST',
      body: new Blob([big]).stream(),
      headers: deliveryHeaders(big, KEY),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(received.some((e) => e.payload.body?.length === JSON.parse(big).payload.body.length)).toBe(false);
  });

  it('answers 500 when a handler throws, then 200 on the retry, then 200 duplicate', async () => {
    const body = messageDelivery().replace('evt_01', 'evt_05');
    const headers = deliveryHeaders(body, KEY);
    failNext = true;
    expect((await deliver(body, headers)).status).toBe(500);
    expect((await deliver(body, headers)).status).toBe(200);
    expect(await (await deliver(body, headers)).json()).toEqual({ ok: true, duplicate: true });
  });
});
