// Bodies whose bytes are not UTF-8 are refused with 400, however they are broken; nothing
// reaches a handler as U+FFFD.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWebhookRouter, parseWebhook } from '../src/index.js';
import { createReceiver } from '../src/node.js';
import { coreDelivery, countingReceiver, deliveryHeaders } from './support/deliveries.js';

const KEY = 'utf8-hmac-key';
const { receiver, counter } = countingReceiver({ hmacKey: KEY });
const encode = (text: string) => new TextEncoder().encode(text);
const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};
// Classic breakages: lone continuation bytes, truncated sequences, overlong forms, surrogates, > U+10FFFF.
const broken = fc.constantFrom(
  [0x80],
  [0xbf],
  [0xc3],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xfe],
  [0xff],
);

describe('invalid UTF-8', () => {
  it('gets 400 (signed correctly, so only the encoding is wrong) for 2,000 generated bodies', async () => {
    counter.handled = 0;
    await fc.assert(
      fc.asyncProperty(fc.string(), broken, fc.nat(), async (text, bad, at) => {
        const json = encode(JSON.stringify({ event: 'session.status', session: text, payload: { status: 'WORKING' } }));
        const i = 12 + (at % (json.length - 14));
        const bytes = new Uint8Array([...json.slice(0, i), ...bad, ...json.slice(i)]);
        fc.pre(!isUtf8(bytes));
        const answer = await receiver.receive(coreDelivery(bytes, deliveryHeaders(bytes, KEY)));
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.body)).toEqual({ ok: false, error: 'the body is not valid UTF-8' });
        expect(() => parseWebhook(bytes)).toThrow(/not valid UTF-8/);
      }),
      { numRuns: 2000 },
    );
    expect(counter.handled).toBe(0);
  }, 60_000);

  it('valid UTF-8 of any script reaches the handler exactly as sent', async () => {
    let seen = '';
    const echo = createReceiver({
      router: createWebhookRouter().onAny((e) => {
        seen = e.session;
      }),
      hmacKey: KEY,
      dedupe: false,
    });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (session) => {
        const bytes = encode(JSON.stringify({ event: 'session.status', session, payload: { status: 'WORKING' } }));
        expect((await echo.receive(coreDelivery(bytes, deliveryHeaders(bytes, KEY)))).status).toBe(200);
        expect(seen).toBe(session);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
