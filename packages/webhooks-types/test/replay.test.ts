// The replay window on X-Webhook-Timestamp: checked after the signature, 5 minutes each way by
// default, milliseconds (what the engine sends) or seconds, anything else refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWebhookRouter, readDeliveryTime, verifyTimestamp } from '../src/index.js';
import { createReceiver } from '../src/node.js';
import { coreDelivery, sign } from './support/deliveries.js';

const KEY = 'replay-hmac-key';
const NOW = 1_764_590_400_000;
const WINDOW = 5 * 60 * 1000;
const YEAR = 365 * 24 * 3600 * 1000;
const BODY = JSON.stringify({ event: 'session.status', session: 'default', payload: { status: 'WORKING' } });

let handled = 0;
const options = {
  router: createWebhookRouter().onAny(() => {
    handled++;
  }),
  hmacKey: KEY,
  dedupe: false as const,
  now: () => NOW,
};
const receiver = createReceiver(options);
const headersAt = (timestamp: string | undefined, signature = sign(BODY, KEY)) => ({
  'content-type': 'application/json',
  'x-webhook-hmac': signature,
  'x-webhook-hmac-algorithm': 'sha512',
  ...(timestamp === undefined ? {} : { 'x-webhook-timestamp': timestamp }),
});
const receive = async (timestamp: string | undefined, r = receiver) => {
  const answer = await r.receive(coreDelivery(BODY, headersAt(timestamp)));
  return { status: answer.status, error: (JSON.parse(answer.body) as { error?: string }).error };
};

describe('replay window', () => {
  it('accepts deliveries inside the window, in milliseconds or seconds', async () => {
    handled = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -WINDOW, max: WINDOW }), fc.boolean(), async (offset, seconds) => {
        const at = NOW + offset;
        const stamp = seconds ? String(Math.round(at / 1000)) : String(at);
        // Rounding to whole seconds can move a value at the very edge just outside.
        if (seconds && Math.abs(Math.round(at / 1000) * 1000 - NOW) > WINDOW) return;
        expect((await receive(stamp)).status).toBe(200);
      }),
      { numRuns: 1000 },
    );
    expect(handled).toBeGreaterThan(900);
  }, 60_000);

  it('accepts 0 of 5,000 signed replays outside the window (up to 30 years away, either way)', async () => {
    handled = 0;
    let accepted = 0;
    const outside = fc.oneof(
      fc.integer({ min: WINDOW + 1, max: 30 * YEAR }),
      fc.integer({ min: -30 * YEAR, max: -WINDOW - 1 }),
      fc.constantFrom(WINDOW + 1, -WINDOW - 1, 30 * 24 * 3600 * 1000, 10 * YEAR),
    );
    await fc.assert(
      fc.asyncProperty(outside, fc.boolean(), async (offset, seconds) => {
        const at = NOW + offset;
        const stamp = seconds ? String(Math.floor(at / 1000)).padStart(10, '0') : String(at).padStart(13, '0');
        if (seconds && Math.abs(Number(stamp) * 1000 - NOW) <= WINDOW) return;
        const { status, error } = await receive(stamp);
        if (status < 300) accepted++;
        expect(status).toBe(401);
        expect(error).toMatch(/X-Webhook-Timestamp is outside the accepted window of 300 seconds/);
      }),
      { numRuns: 5000 },
    );
    expect({ accepted, handled }).toEqual({ accepted: 0, handled: 0 });
  }, 60_000);

  it('refuses a missing or garbage timestamp, saying so', async () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'garbage',
        '',
        ' ',
        '-1',
        '0x1',
        '1.7e12',
        '1764590400000.5',
        '+1764590400000',
        '１７６４５９０４００',
      ),
      fc.constantFrom(
        ' 1764590400000',
        '1764590400000 ',
        '176459040000',
        '17645904000000',
        '176459040',
        '1764590400000,1764590400000',
      ),
      fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (stamp) => {
        fc.pre(!/^([0-9]{10}|[0-9]{13})$/.test(stamp));
        const { status, error } = await receive(stamp);
        expect(status).toBe(401);
        expect(error).toBe('X-Webhook-Timestamp is missing or is not a Unix time');
      }),
      { numRuns: 2000 },
    );
    expect(await receive(undefined)).toMatchObject({ status: 401, error: expect.stringMatching(/missing/) });
    // A header sent twice with different values is not a timestamp either.
    const twice = { ...headersAt(undefined), 'x-webhook-timestamp': [String(NOW), String(NOW - 1)] };
    expect((await receiver.receive(coreDelivery(BODY, twice))).status).toBe(401);
  }, 60_000);

  it('checks the timestamp after the signature: a forged, stale delivery is refused for its signature', async () => {
    const answer = await receiver.receive(coreDelivery(BODY, headersAt(String(NOW - YEAR), '0'.repeat(128))));
    expect(JSON.parse(answer.body).error).toMatch(/X-Webhook-Hmac is missing or does not match/);
  });

  it('takes another tolerance, or none for senders without the header', async () => {
    const tight = createReceiver({ ...options, timestampToleranceMs: 1500 });
    expect((await receive(String(NOW - 1500), tight)).status).toBe(200);
    expect(await receive(String(NOW + 1501), tight)).toMatchObject({
      status: 401,
      error: expect.stringMatching(/1500 ms/),
    });
    const off = createReceiver({ ...options, timestampToleranceMs: false });
    expect((await receive(undefined, off)).status).toBe(200);
    expect((await receive('garbage', off)).status).toBe(200);
  });

  it('exposes the same rule on its own', () => {
    expect(readDeliveryTime({ 'x-webhook-timestamp': '1764590400' })).toBe(NOW);
    expect(readDeliveryTime(new Headers({ 'X-Webhook-Timestamp': String(NOW) }))).toBe(NOW);
    expect(readDeliveryTime({ 'x-webhook-timestamp': 'soon' })).toBeUndefined();
    expect(verifyTimestamp({ 'x-webhook-timestamp': String(NOW - WINDOW) }, { now: NOW })).toBe(true);
    expect(verifyTimestamp({ 'x-webhook-timestamp': String(NOW - WINDOW - 1) }, { now: NOW })).toBe(false);
    expect(verifyTimestamp({ 'x-webhook-timestamp': String(NOW - 2000) }, { now: NOW, toleranceMs: 1000 })).toBe(false);
  });
});
