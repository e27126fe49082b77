import { describe, expect, it, vi } from 'vitest';
import {
  createFetchHandler,
  createWebhookRouter,
  type DuplicateStore,
  type WebhookReceiverOptions,
} from '../src/index.js';
import { createFetchHandler as createNodeCryptoFetchHandler } from '../src/node.js';
import { deliveryHeaders, jsonHeaders, messageDelivery, sign } from './support/deliveries.js';

const KEY = 'test-hmac-key';
const URL_BASE = 'https://receiver.example/hooks/wawp';

function setup(options: Partial<WebhookReceiverOptions> = {}) {
  const received: string[] = [];
  const router = createWebhookRouter().onAny((e) => {
    received.push(e.event);
  });
  const handler = createFetchHandler({ router, hmacKey: KEY, ...options });
  return { router, handler, received };
}

const post = (body: string, headers: Record<string, string>, url = URL_BASE) =>
  new Request(url, { method: 'POST', body, headers });
const signed = (body: string, key = KEY) => post(body, deliveryHeaders(body, key));

describe('createFetchHandler', () => {
  it('accepts a signed delivery with 200 and dispatches it', async () => {
    const { handler, received } = setup();
    const res = await handler(signed(messageDelivery()));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(received).toEqual(['message']);
  });

  it('answers 405 to anything but POST, with Allow', async () => {
    const { handler, received } = setup();
    const res = await handler(new Request(URL_BASE, { method: 'GET' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(received).toEqual([]);
  });

  it('answers 415 when the body is not declared as JSON', async () => {
    const { handler } = setup();
    const body = messageDelivery();
    expect(
      (await handler(post(body, { 'content-type': 'text/plain', 'x-webhook-hmac': sign(body, KEY) }))).status,
    ).toBe(415);
    expect(
      (await handler(post(body, { ...deliveryHeaders(body, KEY), 'content-type': 'application/json; charset=utf-8' })))
        .status,
    ).toBe(200);
  });

  it('answers 413 over the body limit, whether or not the length is declared', async () => {
    const { handler, received } = setup({ maxBodyBytes: 1000 });
    const body = messageDelivery(2048);
    expect((await handler(signed(body))).status).toBe(413);
    const streamed = new Request(URL_BASE, {
      method: 'POST',
      headers: deliveryHeaders(body, KEY),
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.headers.get('content-length')).toBeNull();
    expect((await handler(streamed)).status).toBe(413);
    expect(received).toEqual([]);
  });

  it('answers 401 to a missing or wrong signature, or a wrong algorithm', async () => {
    const { handler, received } = setup();
    const body = messageDelivery();
    expect((await handler(post(body, jsonHeaders()))).status).toBe(401);
    expect((await handler(signed(body, 'another-key'))).status).toBe(401);
    const wrongAlgorithm = post(body, { ...deliveryHeaders(body, KEY), 'x-webhook-hmac-algorithm': 'sha1' });
    expect((await handler(wrongAlgorithm)).status).toBe(401);
    expect(received).toEqual([]);
  });

  it('checks the shared secret in the URL when configured', async () => {
    const received: string[] = [];
    const router = createWebhookRouter().onAny((e) => {
      received.push(e.event);
    });
    const handler = createFetchHandler({ router, sharedSecret: 'url-secret-123' });
    const body = messageDelivery();
    expect((await handler(post(body, deliveryHeaders(body), `${URL_BASE}?secret=url-secret-123`))).status).toBe(200);
    const res = await handler(post(body, deliveryHeaders(body), `${URL_BASE}?secret=guess`));
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('url-secret-123');
  });

  it('answers 400 naming the failing path for JSON that breaks the schema, and for broken JSON', async () => {
    const { handler } = setup();
    const bad = JSON.parse(messageDelivery());
    bad.payload.ack = 'READ';
    const res = await handler(signed(JSON.stringify(bad)));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, path: '/payload/ack' });
    const broken = await handler(signed('{"event":'));
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ path: '' });
  });

  it('answers 500 after onError when a handler throws, and lets the retry through', async () => {
    const onError = vi.fn();
    let fail = true;
    const router = createWebhookRouter()
      .on('message', () => {
        if (fail) throw new Error('database down');
      })
      .onError(onError);
    const handler = createFetchHandler({ router, hmacKey: KEY });
    const body = messageDelivery();
    expect((await handler(signed(body))).status).toBe(500);
    expect(onError).toHaveBeenCalledOnce();
    fail = false;
    // Same event id: it was released after the failure, so the retry runs.
    expect((await handler(signed(body))).status).toBe(200);
  });

  it('drops a repeated event id with 200 without running the handlers twice', async () => {
    const { handler, received } = setup();
    const body = messageDelivery();
    expect((await handler(signed(body))).status).toBe(200);
    const again = await handler(signed(body));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(received).toEqual(['message']);
  });

  it('uses a pluggable duplicate store, and can turn the guard off', async () => {
    const claimed: string[] = [];
    const store: DuplicateStore = {
      claim: async (id) => {
        claimed.push(id);
        return 'claimed' as const;
      },
      complete: () => {},
      release: () => {},
    };
    const body = messageDelivery();
    const withStore = setup({ dedupe: store });
    await withStore.handler(signed(body));
    expect(claimed).toEqual([JSON.parse(body).id]);
    const without = setup({ dedupe: false });
    await without.handler(signed(body));
    await without.handler(signed(body));
    expect(without.received).toEqual(['message', 'message']);
  });

  it('answers 500, not a crash, when the duplicate store fails', async () => {
    const store: DuplicateStore = {
      claim: () => {
        throw new Error('redis unavailable');
      },
      complete: () => {},
      release: () => {},
    };
    const { handler } = setup({ dedupe: store });
    expect((await handler(signed(messageDelivery()))).status).toBe(500);
  });

  it('behaves the same on the node:crypto variant', async () => {
    const router = createWebhookRouter();
    const handler = createNodeCryptoFetchHandler({ router, hmacKey: KEY });
    const body = messageDelivery();
    expect((await handler(signed(body))).status).toBe(200);
    expect((await handler(signed(body, 'x'))).status).toBe(401);
  });

  it('rejects bad options when it is created', () => {
    const router = createWebhookRouter();
    expect(() => createFetchHandler({ router, hmacKey: KEY, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createFetchHandler({ router, hmacKey: '' })).toThrow(/hmacKey: must be a non-empty string/);
    expect(() => createFetchHandler({ router, sharedSecret: [] })).toThrow(/sharedSecret: .*an empty list/);
    expect(() => createFetchHandler({ hmacKey: KEY })).toThrow(/router/);
  });
});
