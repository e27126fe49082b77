import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSpecAjv, joinPointer } from '@wawp/spec/tools';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildEnvelope,
  emitWebhook,
  loadWebhookCatalog,
  type MockServer,
  startMockServer,
  ulid,
  WebhookEmitError,
} from '../src/index.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const require = createRequire(import.meta.url);
const asyncapi = JSON.parse(readFileSync(require.resolve('@wawp/spec/asyncapi.json'), 'utf8'));
const events = loadWebhookCatalog().events;
const EVENT_ID = /^evt_[0-9a-z]{26}$/;

const opened: (Receiver | MockServer)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
async function receiver(options?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(options);
  opened.push(r);
  return r;
}

function messageValidator() {
  const ajv = createSpecAjv(asyncapi, 'urn:wawp:asyncapi');
  return (event: string, value: unknown) => {
    const pointer = joinPointer('#/channels/webhook/messages', event, 'payload');
    const validate = ajv.getSchema(`urn:wawp:asyncapi${pointer}`);
    if (!validate) throw new Error(`no payload schema for ${event}`);
    return validate(value) ? undefined : ajv.errorsText(validate.errors);
  };
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const decodeTime = (id: string) => [...id.slice(0, 10)].reduce((t, c) => t * 32 + CROCKFORD.indexOf(c), 0);

describe('ulid', () => {
  it('encodes the time in the first 10 characters and 80 random bits after', () => {
    const time = Date.UTC(2026, 10, 25, 9, 0, 0, 123);
    const a = ulid(time);
    expect(a).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(decodeTime(a)).toBe(time);
    expect(ulid(0).slice(0, 10)).toBe('0000000000');
    expect(ulid(time).slice(10)).not.toBe(a.slice(10));
  });
});

describe('buildEnvelope', () => {
  it('knows at least one event', () => {
    expect(events.length).toBeGreaterThan(0);
  });

  it.each(events)('%s: the documented example with a fresh id and timestamp, valid against the spec', (event) => {
    const validate = messageValidator();
    const before = Date.now();
    const envelope = buildEnvelope({ event });
    const example = asyncapi.channels.webhook.messages[event].examples[0].payload;
    expect(envelope.id).toMatch(EVENT_ID);
    expect(envelope.id).not.toBe(example.id);
    expect(envelope.timestamp).toBeGreaterThanOrEqual(before);
    expect(decodeTime((envelope.id as string).slice(4))).toBe(envelope.timestamp);
    expect({ ...envelope, id: undefined, timestamp: undefined }).toEqual({
      ...example,
      id: undefined,
      timestamp: undefined,
    });
    expect(validate(event, envelope)).toBeUndefined();
  });

  it('replaces payload and session when asked', () => {
    const envelope = buildEnvelope({ event: events[0] as string, payload: { custom: true }, session: 'other' });
    expect(envelope.payload).toEqual({ custom: true });
    expect(envelope.session).toBe('other');
  });
});

describe('emitWebhook', () => {
  it('POSTs the exact signed body with the delivery headers', async () => {
    const r = await receiver();
    const event = events[0] as string;
    const delivery = await emitWebhook({ event, to: `${r.url}/hook?secret=s3cret`, hmacKey: 'k3y' });
    expect(delivery).toMatchObject({ event, status: 204, ok: true });
    expect(r.received).toHaveLength(1);
    const [got] = r.received as [(typeof r.received)[0]];
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/hook?secret=s3cret');
    expect(got.raw).toBe(delivery.body);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-webhook-request-id']).toBe(delivery.requestId);
    const body = JSON.parse(got.raw);
    expect(body.id).toBe(delivery.id);
    expect(got.headers['x-webhook-timestamp']).toBe(String(body.timestamp));
    expect(got.headers['x-webhook-hmac-algorithm']).toBe('sha512');
    expect(got.headers['x-webhook-hmac']).toBe(createHmac('sha512', 'k3y').update(got.raw).digest('hex'));
    expect(got.headers['x-webhook-hmac']).toMatch(/^[0-9a-f]{128}$/);
  });

  it('sends no signature headers without a key, and a new id for every delivery', async () => {
    const r = await receiver();
    const event = events[0] as string;
    const first = await emitWebhook({ event, to: r.url });
    const second = await emitWebhook({ event, to: r.url });
    expect(first.id).not.toBe(second.id);
    expect(first.requestId).not.toBe(second.requestId);
    for (const got of r.received) {
      expect(got.headers['x-webhook-hmac']).toBeUndefined();
      expect(got.headers['x-webhook-hmac-algorithm']).toBeUndefined();
    }
  });

  it('reports a receiver error status without throwing', async () => {
    const r = await receiver({ status: 500 });
    const delivery = await emitWebhook({ event: events[0] as string, to: r.url });
    expect(delivery).toMatchObject({ status: 500, ok: false });
  });

  it('throws unknown_event naming the known events', async () => {
    const error = await emitWebhook({ event: 'no.such.event', to: 'http://127.0.0.1:4010' }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookEmitError);
    expect(error.code).toBe('unknown_event');
    expect(error.message).toContain(events[0]);
  });

  it('throws invalid_url for a relative or non-http URL', async () => {
    for (const to of ['/hook', 'ftp://127.0.0.1/hook']) {
      const error = await emitWebhook({ event: events[0] as string, to }).catch((e) => e);
      expect(error).toBeInstanceOf(WebhookEmitError);
      expect(error.code).toBe('invalid_url');
    }
  });

  it('throws unreachable for a closed port, without the URL secret in the message', async () => {
    const r = await startReceiver();
    await r.close();
    const error = await emitWebhook({ event: events[0] as string, to: `${r.url}/hook?secret=s3cret` }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookEmitError);
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`${r.url}/hook`);
    expect(error.message).not.toContain('s3cret');
  });

  it('throws timeout when the receiver never answers', async () => {
    const r = await receiver({ handler: () => {} });
    const error = await emitWebhook({ event: events[0] as string, to: r.url, timeoutMs: 200 }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookEmitError);
    expect(error.code).toBe('timeout');
  });
});

describe('POST /__wawp/webhooks/emit', () => {
  async function mockAndReceiver() {
    const mock = await startMockServer({ port: 0 });
    opened.push(mock);
    return { mock, r: await receiver() };
  }
  const emit = (mock: MockServer, body: unknown) =>
    fetch(`${mock.url}/__wawp/webhooks/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('lists the events', async () => {
    const { mock } = await mockAndReceiver();
    expect(await (await fetch(`${mock.url}/__wawp/webhooks/events`)).json()).toEqual({ events });
  });

  it('delivers count signed deliveries and reports the receiver statuses', async () => {
    const { mock, r } = await mockAndReceiver();
    const event = events[0] as string;
    const res = await emit(mock, { event, to: r.url, hmacKey: 'k', count: 3, session: 'tests' });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.event).toBe(event);
    expect(answer.deliveries).toHaveLength(3);
    expect(answer.deliveries.map((d: { status: number }) => d.status)).toEqual([204, 204, 204]);
    expect(r.received.map((g) => JSON.parse(g.raw).id)).toEqual(answer.deliveries.map((d: { id: string }) => d.id));
    for (const got of r.received) {
      expect(JSON.parse(got.raw).session).toBe('tests');
      expect(got.headers['x-webhook-hmac']).toBe(createHmac('sha512', 'k').update(got.raw).digest('hex'));
    }
  });

  it('answers 400 in the WordPress shape for bad requests and unknown events', async () => {
    const { mock, r } = await mockAndReceiver();
    const missing = await emit(mock, { to: r.url });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'rest_missing_callback_param', data: { params: ['event'] } });
    const invalid = await emit(mock, { event: 1, to: r.url, count: 0, timeoutMs: 'soon' });
    expect(Object.keys((await invalid.json()).data.params).sort()).toEqual(['count', 'event', 'timeoutMs']);
    const unknown = await emit(mock, { event: 'nope', to: r.url });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).code).toBe('webhook_unknown_event');
    expect(r.received).toHaveLength(0);
  });

  it('answers 502 webhook_timeout when the receiver does not answer within timeoutMs', async () => {
    const { mock } = await mockAndReceiver();
    const silent = await receiver({ handler: () => {} });
    const res = await emit(mock, { event: events[0], to: silent.url, timeoutMs: 200 });
    expect(res.status).toBe(502);
    expect((await res.json()).code).toBe('webhook_timeout');
  });

  it('answers 502 when the receiver is unreachable', async () => {
    const { mock } = await mockAndReceiver();
    const gone = await startReceiver();
    await gone.close();
    const res = await emit(mock, { event: events[0], to: gone.url });
    expect(res.status).toBe(502);
    expect((await res.json()).code).toBe('webhook_unreachable');
  });
});
