import { describe, expect, it } from 'vitest';
import { createClock } from './clock.js';
import { frozenJson } from './copy.js';
import { createFaultBook } from './faults.js';
import { createIdFactory, createRandom } from './random.js';
import { REDACTED, redact } from './redact.js';
import type { InstanceState, WebhookTarget } from './state.js';
import { createDispatcher, type DeliveryRecord } from './webhooks.js';

const TOKEN = 'token-of-the-instance';

function setUp(webhooks: WebhookTarget[]) {
  const clock = createClock({ mode: 'manual', start: Date.UTC(2026, 0, 1) });
  const ids = createIdFactory(createRandom(7), createRandom(8));
  const dispatcher = createDispatcher({
    clock,
    ids,
    faults: createFaultBook(),
    defaultRetries: { attempts: 2, delaySeconds: 1, policy: 'constant' },
  });
  // `me` and metadata frozen, as createInstance makes them.
  const instance = {
    id: 'inst',
    accessToken: TOKEN,
    name: 'default',
    metadata: frozenJson({ instance_id: 'inst', access_token: TOKEN }),
    engine: {},
    linked: true,
    me: frozenJson({ id: '447700900999@c.us' }),
    webhooks,
  } as unknown as InstanceState;
  return { clock, dispatcher, instance };
}

const remote: WebhookTarget = { url: 'https://example.com/hook?token=x', events: ['*'], hmac: { key: 'hmac-secret' } };

describe('the delivery log', () => {
  it('shows each attempt with the envelope as sent, tokens redacted, and later changes to the state do not show', async () => {
    const { clock, dispatcher, instance } = setUp([remote, { url: 'not a url', events: ['message.any'] }]);
    const payload = { id: 'm1', body: `secret ${TOKEN} inside`, _data: { nested: 'as sent' } };
    const heard: DeliveryRecord[] = [];
    dispatcher.onDelivery((record) => heard.push(record));
    expect(dispatcher.emit(instance, 'message.any', payload)).toBe(true);
    // The envelope as it is when the event happens: the engine's fields, the instance's
    // metadata and account, the payload.
    const sent = {
      timestamp: clock.now(),
      event: 'message.any',
      session: 'default',
      metadata: { instance_id: 'inst', access_token: TOKEN },
      engine: 'GOWS',
      me: { id: '447700900999@c.us' },
      payload: { id: 'm1', body: `secret ${TOKEN} inside`, _data: { nested: 'as sent' } },
    };
    payload._data.nested = 'changed later';
    // The instance's own parts change by being replaced (see InstanceState).
    instance.metadata = frozenJson({ ...instance.metadata, extra: 'added later' });
    instance.me = frozenJson({ ...instance.me, pushName: 'renamed later' });
    await clock.advance(0);
    const records = dispatcher.deliveries();
    expect(records.map((r) => [r.url, r.attempt, r.signed, r.error?.slice(0, 14)])).toEqual([
      ['https://example.com/hook', 1, true, 'Not delivered:'],
      ['(invalid URL)', 1, false, 'The webhook UR'],
    ]);
    for (const record of records) {
      expect(record.eventId).toMatch(/^evt_[0-9a-hjkmnp-tv-z]{26}$/);
      expect(record.body).toStrictEqual(redact({ id: record.eventId, ...sent }, [TOKEN, 'hmac-secret']));
      expect(JSON.stringify(record)).not.toContain(TOKEN);
    }
    // Both targets were sent the one event.
    expect(records[1]?.eventId).toBe(records[0]?.eventId);
    expect((records[0]?.body.payload as { body?: string } | undefined)?.body).toBe(`secret ${REDACTED} inside`);
    // A listener gets the very records the log lists; queries filter them.
    expect(heard).toEqual(records);
    expect(heard[0]).toBe(records[0]);
    expect(dispatcher.deliveries({ ok: false, event: 'message.any', instanceId: 'inst' })).toHaveLength(2);
    const eventId = records[0]?.eventId as string;
    expect(dispatcher.deliveries({ eventId })).toEqual(records);
    expect(dispatcher.deliveries({ eventId, event: 'message.ack' })).toEqual([]);
    // The invalid URL is tried again on the policy; the remote target is never retried.
    await clock.advance(1000);
    expect(dispatcher.deliveries().map((r) => `${r.url} ${r.attempt}`)).toEqual([
      'https://example.com/hook 1',
      '(invalid URL) 1',
      '(invalid URL) 2',
    ]);
  });

  it('puts environment before the payload when the scenario names the engine version, and leaves it out otherwise', async () => {
    const named = setUp([remote]);
    (named.instance as { engine: Record<string, unknown> }).engine = { name: 'NOWEB', version: '2026.1.1' };
    const plain = setUp([remote]);
    for (const { dispatcher, instance, clock } of [named, plain]) {
      dispatcher.emit(instance, 'message.any', { id: 'm1' });
      await clock.advance(0);
    }
    const [withVersion] = named.dispatcher.deliveries();
    const [without] = plain.dispatcher.deliveries();
    // The engine's order: what every envelope has, then environment (when named), then the payload.
    const head = ['id', 'timestamp', 'event', 'session', 'metadata', 'engine', 'me'];
    expect(Object.keys(withVersion?.body ?? {})).toEqual([...head, 'environment', 'payload']);
    expect(withVersion?.body.engine).toBe('NOWEB');
    expect(withVersion?.body.environment).toEqual({
      version: '2026.1.1',
      engine: 'NOWEB',
      tier: 'PLUS',
      browser: null,
    });
    expect(Object.keys(without?.body ?? {})).toEqual([...head, 'payload']);
    expect(without?.body.engine).toBe('GOWS');
  });

  it('gives the same event ids whoever listens: an event nobody hears still uses up its id', async () => {
    const everything = setUp([{ url: 'https://example.com/a', events: ['*'] }]);
    const some = setUp([{ url: 'https://example.com/a', events: ['message.any'] }]);
    const idsOf = async ({ clock, dispatcher, instance }: ReturnType<typeof setUp>) => {
      expect(dispatcher.emit(instance, 'message.ack', {})).toBe(dispatcher !== some.dispatcher);
      dispatcher.emit(instance, 'message.any', {});
      await clock.advance(0);
      return dispatcher.deliveries({ event: 'message.any' }).map((r) => r.eventId);
    };
    expect(await idsOf(some)).toEqual(await idsOf(everything));
  });
});
