// A body that stops arriving gets 408 after `bodyTimeoutMs`, on both adapters, instead of
// holding the connection for Node's 300 s (or, on a Fetch server, for ever).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHandler, createWebhookRouter } from '../src/index.js';
import { createNodeHandler } from '../src/node.js';
import { deliveryHeaders, messageDelivery } from './support/deliveries.js';

const KEY = 'timeout-hmac-key';
const TIMEOUT = 300;
const body = messageDelivery(1024);
let handled = 0;
const router = createWebhookRouter().onAny(() => {
  handled++;
});

describe('Node adapter', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer(createNodeHandler({ router, hmacKey: KEY, bodyTimeoutMs: TIMEOUT }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 408 and closes the connection when the body stalls half way', async () => {
    const socket = connect(port, '127.0.0.1');
    const headers = Object.entries({ ...deliveryHeaders(body, KEY), 'content-length': String(body.length) })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    const started = Date.now();
    socket.write(`POST / HTTP/1.1\r\nhost: 127.0.0.1\r\n${headers}\r\n${body.slice(0, 100)}`);
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    await new Promise((resolve) => socket.on('close', resolve));
    const elapsed = Date.now() - started;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(text).toContain(`{"ok":false,"error":"the body did not arrive within ${TIMEOUT} ms"}`);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT - 20);
    expect(elapsed).toBeLessThan(5000);
    expect(handled).toBe(0);
  });

  it('still takes a body that arrives slowly but within the time', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: deliveryHeaders(body, KEY),
      body: new ReadableStream({
        async start(controller) {
          const bytes = new TextEncoder().encode(body);
          controller.enqueue(bytes.slice(0, 10));
          await new Promise((r) => setTimeout(r, TIMEOUT / 3));
          controller.enqueue(bytes.slice(10));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
  });
});

describe('Fetch adapter', () => {
  it('answers 408 when the stream stops producing, and cancels it', async () => {
    const handler = createFetchHandler({ router, hmacKey: KEY, bodyTimeoutMs: TIMEOUT });
    handled = 0;
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 100)));
        // …and nothing more, ever.
      },
      cancel() {
        cancelled = true;
      },
    });
    const started = Date.now();
    const res = await handler(
      new Request('https://receiver.example/', {
        method: 'POST',
        headers: deliveryHeaders(body, KEY),
        body: stalled,
        duplex: 'half',
      } as RequestInit),
    );
    expect(res.status).toBe(408);
    expect(await res.json()).toEqual({ ok: false, error: `the body did not arrive within ${TIMEOUT} ms` });
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT - 20);
    expect(cancelled).toBe(true);
    expect(handled).toBe(0);
  });
});
