import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  isKnownWebhookEvent,
  type MessageEvent,
  parseWebhook,
  type UnknownWebhookEvent,
  type WawpWebhookEvent,
  WebhookParseError,
} from '../src/index.js';
import { messageDelivery } from './support/deliveries.js';

function parseError(body: string | Uint8Array): WebhookParseError {
  try {
    parseWebhook(body);
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookParseError);
    return error as WebhookParseError;
  }
  throw new Error('expected parseWebhook to throw');
}

describe('parseWebhook', () => {
  it('returns a typed event for a valid delivery, from a string or from bytes', () => {
    const body = messageDelivery();
    const fromText = parseWebhook(body);
    expect(parseWebhook(new TextEncoder().encode(body))).toEqual(fromText);
    if (isKnownWebhookEvent(fromText) && fromText.event === 'message') {
      expectTypeOf(fromText).toEqualTypeOf<MessageEvent>();
      expect(fromText.payload.body).toMatch(/^Hi! Is the shop open today\?/);
    } else {
      throw new Error('expected a message event');
    }
  });

  it('names the failing field of the payload', () => {
    const bad = JSON.parse(messageDelivery());
    bad.payload.fromMe = 'yes';
    const error = parseError(JSON.stringify(bad));
    expect(error.path).toBe('/payload/fromMe');
    expect(error.message).toBe('message delivery: /payload/fromMe must be of type boolean');
    expect(error.problems.length).toBeGreaterThan(0);
  });

  it('names a missing required field by its own path', () => {
    const error = parseError('{"event":"call.received","session":"default","payload":{"from":"1@c.us"}}');
    expect(error.path).toBe('/payload/id');
    expect(error.message).toMatch(/is required/);
  });

  it('picks the most specific problem inside an accepted-variants payload', () => {
    const error = parseError(
      '{"event":"presence.update","session":"s","payload":{"id":"1@c.us","presences":[{"participant":"1@c.us","lastKnownPresence":"away"}]}}',
    );
    expect(error.path).toBe('/payload/presences/0/lastKnownPresence');
  });

  it('accepts the vendor-documented variants next to the engine shapes', () => {
    const variants = [
      { event: 'chat.archive', payload: { chatId: '1@c.us', archived: true } },
      { event: 'chat.archive', payload: { id: '1@c.us', archived: false, timestamp: 1 } },
      { event: 'engine.event', payload: { raw: { event: 'x', data: null } } },
      { event: 'label.upsert', payload: { label: { id: '1', name: 'n', color: '#DFE5E7' } } },
      { event: 'message.edited', payload: { id: 'false_1@c.us_ABC', newBody: 'b', prevBody: 'a' } },
    ];
    for (const v of variants) expect(parseWebhook(JSON.stringify({ ...v, session: 's' }))).toMatchObject(v);
  });

  it('lets unknown event names through as UnknownWebhookEvent once the envelope is valid', () => {
    const event = parseWebhook('{"event":"poll.vote","session":"default","payload":{"vote":{}}}');
    expect(isKnownWebhookEvent(event)).toBe(false);
    if (!isKnownWebhookEvent(event)) expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>();
    expect(event.payload).toEqual({ vote: {} });
    expect(parseError('{"event":"poll.vote","session":"default"}').path).toBe('/payload');
  });

  it("accepts an older engine's delivery without id or timestamp, with nulls for unknown fields", () => {
    const event = parseWebhook(
      '{"event":"session.status","session":"default","me":null,"metadata":null,"engine":null,"payload":{"status":"WORKING"}}',
    );
    expect(event.id).toBeUndefined();
  });

  it('refuses bodies that are not JSON objects, with an empty path', () => {
    for (const body of ['', '{', 'null', '[]', '"message"', '42', new Uint8Array([0xff, 0xfe, 0x00])]) {
      const error = parseError(body);
      expect(error.path).toBe('');
    }
    expect(parseError('{"session":"s","payload":{}}').path).toBe('/event');
  });

  it('keeps the union narrowable by event name after isKnownWebhookEvent', () => {
    const handle = (event: WawpWebhookEvent | UnknownWebhookEvent) => {
      if (!isKnownWebhookEvent(event)) return 'unknown';
      if (event.event === 'message.ack') {
        // @ts-expect-error `ack` is a number code, never a string
        const wrong: string = event.payload.ack;
        return wrong;
      }
      return event.event;
    };
    expect(handle(parseWebhook('{"event":"x.y","session":"s","payload":{}}'))).toBe('unknown');
  });
});
