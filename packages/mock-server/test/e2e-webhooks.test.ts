// End to end: the emitter signs a delivery of every event in the AsyncAPI bundle, and a
// receiver built with @wawp/webhooks-types verifies, parses and dispatches each of them,
// through its node:http adapter, its Fetch adapter, and its building blocks one by one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AnyWebhookEvent,
  createWebhookRouter,
  isKnownWebhookEvent,
  parseWebhook,
  verifySignature,
  webhookEventNames,
} from '@wawp/webhooks-types';
import { createFetchHandler, createNodeHandler } from '@wawp/webhooks-types/node';
import { afterEach, describe, expect, it } from 'vitest';
import { emitWebhook, loadWebhookCatalog, type MockServer, startMockServer } from '../src/index.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const KEY = 'e2e-hmac-key';
const events = loadWebhookCatalog().events;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A router that records what each kind of handler saw. */
function recordingRouter() {
  const byName = new Map<string, AnyWebhookEvent[]>();
  const all: AnyWebhookEvent[] = [];
  const router = createWebhookRouter();
  for (const name of webhookEventNames) {
    router.on(name, (event) => {
      byName.set(name, [...(byName.get(name) ?? []), event as AnyWebhookEvent]);
    });
  }
  router.onAny((event) => {
    all.push(event);
  });
  return { router, byName, all };
}

describe('emitter → @wawp/webhooks-types receiver', () => {
  it('both packages know the same events, all of the AsyncAPI bundle', () => {
    expect(events.length).toBeGreaterThanOrEqual(24);
    expect([...events].sort()).toEqual([...webhookEventNames].sort());
  });

  it('the node:http adapter verifies, parses and dispatches a signed delivery of every event', async () => {
    const { router, byName, all } = recordingRouter();
    const url = await listen(createServer(createNodeHandler({ router, hmacKey: KEY })));
    for (const event of events) {
      const delivery = await emitWebhook({ event, to: `${url}/hook`, hmacKey: KEY });
      expect(delivery.ok, `${event} answered ${delivery.status}`).toBe(true);
      const routed = byName.get(event) ?? [];
      expect(routed.map((e) => (e as { id?: unknown }).id)).toEqual([delivery.id]);
      expect(routed[0]).toEqual(JSON.parse(delivery.body));
    }
    expect(all.map((e) => e.event)).toEqual(events);
  });

  it('the node:http adapter refuses a delivery signed with another key, and one not signed', async () => {
    const { router, all } = recordingRouter();
    const url = await listen(createServer(createNodeHandler({ router, hmacKey: KEY })));
    const wrongKey = await emitWebhook({ event: events[0] as string, to: url, hmacKey: 'not-the-key' });
    const unsigned = await emitWebhook({ event: events[0] as string, to: url });
    expect([wrongKey.status, unsigned.status]).toEqual([401, 401]);
    expect(all).toEqual([]);
  });

  it('deliveries triggered through the control endpoint reach the receiver too', async () => {
    const { router, all } = recordingRouter();
    const url = await listen(createServer(createNodeHandler({ router, hmacKey: KEY })));
    const mock: MockServer = await startMockServer({ port: 0 });
    closers.push(() => mock.close());
    const res = await fetch(`${mock.url}/__wawp/webhooks/emit`, {
      method: 'POST',
      headers: mock.controlHeaders(),
      body: JSON.stringify({ event: events[0], to: url, hmacKey: KEY, count: 2 }),
    });
    const answer = await res.json();
    expect(answer.deliveries.map((d: { ok: boolean }) => d.ok)).toEqual([true, true]);
    expect(all.map((e) => (e as { id?: unknown }).id)).toEqual(answer.deliveries.map((d: { id: string }) => d.id));
  });

  it('the Fetch adapter and the building blocks accept the exact bytes the emitter sent', async () => {
    const receiver: Receiver = await startReceiver();
    closers.push(() => receiver.close());
    const { router, all } = recordingRouter();
    const fetchHandler = createFetchHandler({ router, hmacKey: KEY });
    const direct = recordingRouter();
    for (const event of events) {
      await emitWebhook({ event, to: receiver.url, hmacKey: KEY });
    }
    expect(receiver.received).toHaveLength(events.length);
    for (const [i, got] of receiver.received.entries()) {
      const headers = got.headers as Record<string, string>;
      // Building blocks, one by one.
      expect(await verifySignature(got.raw, headers, { hmacKey: KEY })).toBe(true);
      expect(await verifySignature(`${got.raw} `, headers, { hmacKey: KEY })).toBe(false);
      const parsed = parseWebhook(got.raw);
      expect(parsed.event).toBe(events[i]);
      expect(isKnownWebhookEvent(parsed)).toBe(true);
      await direct.router.dispatch(parsed);
      // The Fetch adapter, given the same request.
      const response = await fetchHandler(
        new Request('http://receiver.test/hook', { method: 'POST', headers, body: got.raw }),
      );
      expect(response.status, `${events[i]}: ${await response.clone().text()}`).toBeLessThan(300);
    }
    expect(direct.all.map((e) => e.event)).toEqual(events);
    expect(all.map((e) => e.event)).toEqual(events);
  });
});
