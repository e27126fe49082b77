// The in-flight retry race: a retry arrives while the first attempt's handler still runs, and
// then that attempt fails. The retry must not be answered "done" (the sender would stop and the
// event would be lost); it is told to come back later (409), and handled when it does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWebhookRouter } from '../src/index.js';
import { createReceiver } from '../src/node.js';
import { coreDelivery, deliveryHeaders } from './support/deliveries.js';

const KEY = 'race-hmac-key';
type Step = { kind: 'arrive' } | { kind: 'settle'; which: number; ok: boolean };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'arrive' as const }),
  fc.record({ kind: fc.constant('settle' as const), which: fc.nat(), ok: fc.boolean() }),
);
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One generated interleaving; returns what the sender saw and how often the handler succeeded. */
async function run(steps: Step[], withId: boolean) {
  const running: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let succeeded = 0;
  let started = () => {};
  const router = createWebhookRouter().on('session.status', () => {
    started();
    // Node 20 has no Promise.withResolvers.
    return new Promise<void>((resolve, reject) => running.push({ resolve, reject })).then(() => {
      succeeded++;
    });
  });
  const receiver = createReceiver({ router, hmacKey: KEY });
  const event = { event: 'session.status', session: 'default', payload: { status: 'WORKING' } };
  const body = JSON.stringify(withId ? { id: 'evt_01jdx7race0000000000000000', ...event } : event);
  // Without an id and without a request id header, the body's digest is the key.
  const statuses: number[] = [];
  const pending: Promise<unknown>[] = [];
  // An attempt has "arrived" once it is answered or its handler runs (the digest key takes a
  // trip through WebCrypto first, so a fixed number of ticks is not enough).
  const arrive = async () => {
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const answered = receiver.receive(coreDelivery(body, deliveryHeaders(body, KEY))).then((a) => {
      statuses.push(a.status);
    });
    pending.push(answered);
    await Promise.race([answered, handlerStarted]);
  };
  const settle = (which: number, ok: boolean) => {
    const handler = running.splice(which % running.length, 1)[0];
    if (ok) handler?.resolve();
    else handler?.reject(new Error('handler failed'));
  };
  for (const s of steps) {
    if (s.kind === 'arrive') await arrive();
    else if (running.length > 0) settle(s.which, s.ok);
    await flush();
  }
  // Whatever is still running ends, each as the plan's last word for it (fail first, to be mean).
  while (running.length > 0) {
    settle(0, false);
    await flush();
  }
  await Promise.all(pending);
  // The sender retries every non-2xx answer (and the race's losers) until one is 2xx.
  let retries = 0;
  while (!statuses.some((s) => s < 300) && retries < 20) {
    retries++;
    await arrive();
    await flush();
    while (running.length > 0) {
      settle(0, true);
      await flush();
    }
    await Promise.all(pending);
  }
  return { statuses, succeeded, stopped: statuses.some((s) => s < 300) };
}

describe('in-flight retries', () => {
  it('a retry during the first attempt gets 409 with Retry-After, then the first fails, then the retry is handled', async () => {
    const results = await run(
      [
        { kind: 'arrive' },
        { kind: 'arrive' },
        { kind: 'settle', which: 0, ok: false },
        { kind: 'arrive' },
        { kind: 'settle', which: 0, ok: true },
      ],
      true,
    );
    expect(results.statuses).toEqual([409, 500, 200]);
    expect(results.succeeded).toBe(1);
  });

  it.each([
    ['an event id', true],
    ['no id (the body digest is the key)', false],
  ])(
    'loses 0 events across 1,000 generated interleavings, keyed by %s',
    async (_, withId) => {
      let lost = 0;
      let twice = 0;
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
          runs++;
          const { succeeded, stopped } = await run(steps, withId);
          if (stopped && succeeded === 0) lost++;
          if (succeeded > 1) twice++;
          // The sender stops only once the event has been handled, and it is handled once.
          expect(stopped).toBe(true);
          expect(succeeded).toBe(1);
        }),
        { numRuns: 1000 },
      );
      expect({ runs, lost, twice }).toEqual({ runs: 1000, lost: 0, twice: 0 });
    },
    60_000,
  );
});
