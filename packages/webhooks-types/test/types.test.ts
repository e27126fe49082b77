import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type SessionStatusEvent,
  type WawpWebhookEvent,
  type WebhookEventName,
  type WebhookPayloadMap,
  webhookEventNames,
} from '../src/index.js';

describe('generated webhook types', () => {
  it('lists every event name at run time', () => {
    expect(webhookEventNames).toContain('session.status');
    expectTypeOf(webhookEventNames).items.toEqualTypeOf<WebhookEventName>();
  });

  it('maps event names to payloads and discriminates the union by `event`', () => {
    expectTypeOf<WebhookPayloadMap['session.status']['status']>().toEqualTypeOf<
      'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'WORKING' | 'FAILED'
    >();
    const handle = (event: WawpWebhookEvent) => {
      if (event.event === 'session.status') expectTypeOf(event).toEqualTypeOf<SessionStatusEvent>();
    };
    expect(handle).toBeTypeOf('function');
  });

  it('accepts the documented deliveries and rejects wrong ones at compile time', () => {
    const stopped = {
      id: 'evt_01aaaaaaaaaaaaaaaaaaaaaaaa',
      timestamp: 1634567890123,
      session: 'default',
      metadata: { 'user.id': '123', 'user.email': 'email@example.com' },
      engine: 'WEBJS',
      event: 'session.status',
      payload: { name: 'default', status: 'STOPPED' },
      me: { id: '11111111111@c.us', lid: '123123@lid', pushName: 'Wawp Instance' },
    } satisfies SessionStatusEvent;
    expect(stopped.payload.status).toBe('STOPPED');

    // @ts-expect-error `ONLINE` is not a session status
    const wrongStatus: SessionStatusEvent = { event: 'session.status', session: 'd', payload: { status: 'ONLINE' } };
    const typo: SessionStatusEvent = {
      event: 'session.status',
      session: 'd',
      // @ts-expect-error the payload's fields are closed in the types: a typo is an error
      payload: { status: 'STOPPED', nmae: 'x' },
    };
    expect([wrongStatus, typo]).toHaveLength(2);
  });
});

describe('the event catalogue in the types', () => {
  it('has a payload type for every event name listed at run time, and nothing else', () => {
    expectTypeOf<(typeof webhookEventNames)[number]>().toEqualTypeOf<keyof WebhookPayloadMap>();
    expect(webhookEventNames).toHaveLength(24);
  });

  it('types the vendor variants as unions and keeps required identifiers required', () => {
    type Presence = WebhookPayloadMap['presence.update'];
    const engine: Presence = { id: '1@c.us', presences: [] };
    const vendor: Presence = { chatId: '1@c.us', type: 'composing' };
    // @ts-expect-error a call without its id is not a call payload
    const call: WebhookPayloadMap['call.received'] = { from: '1@c.us' };
    expect([engine, vendor, call]).toHaveLength(3);
  });
});
