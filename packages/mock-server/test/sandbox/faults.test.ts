// Faults on purpose: error statuses with Retry-After, latency, dropped connections, rate
// limits, and misbehaving webhook deliveries; and failed deliveries retried on the engine's
// schedule, on the manual clock.
import { verifySignature } from '@wawp/webhooks-types/node';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { api, HMAC_KEY, startCheckingReceiver } from './helpers.js';

const JANE = '447700900123@c.us';
let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startCheckingReceiver>>;
let answer = 200;

beforeAll(async () => {
  receiver = await startCheckingReceiver({ respond: () => answer });
  sandbox = await startSandbox({
    clock: 'manual',
    webhooks: [receiver.url],
    hmacKey: HMAC_KEY,
    webhookEvents: ['message'],
  });
});
beforeEach(() => {
  sandbox.reset();
  receiver.events.length = 0;
  answer = 200;
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

/** Deliveries to the test's receiver (the docs instance's own, remote target is never delivered to). */
const local = (event?: string) =>
  sandbox.deliveries(event ? { event } : {}).filter((d) => d.url.startsWith(receiver.url));
const send = () => api(sandbox, 'POST', '/send', { chatId: JANE, message: 'hi' });

it('answers a status with Retry-After N times, then normally again; the body is the documented error', async () => {
  sandbox.fault({ operationId: 'sendText', status: 429, retryAfter: 7, times: 2 });
  for (let i = 0; i < 2; i++) {
    const limited = await send();
    expect([limited.status, limited.headers.get('retry-after'), limited.body.code]).toEqual([429, '7', 'rate_limited']);
  }
  expect((await send()).status).toBe(200);
  expect((await api(sandbox, 'GET', '/session/info')).status).toBe(200);
  expect(sandbox.requests({ status: 429 })).toHaveLength(2);
});

it('a fault "for a while" ends when the clock passes it', async () => {
  sandbox.fault({ status: 503, forMs: 30_000 });
  expect((await api(sandbox, 'GET', '/session/info')).status).toBe(503);
  await sandbox.advance(30_000);
  expect((await api(sandbox, 'GET', '/session/info')).status).toBe(200);
});

it('adds latency and drops connections', async () => {
  const slow = sandbox.fault({ operationId: 'getSessionInfo', latencyMs: 300 });
  const started = performance.now();
  expect((await api(sandbox, 'GET', '/session/info')).status).toBe(200);
  expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  slow.remove();
  sandbox.fault({ operationId: 'sendText', drop: true, times: 1 });
  await expect(send()).rejects.toThrow();
  expect((await send()).status).toBe(200);
});

it('rate limits like the service: past the limit, 429 with the seconds until the window frees up', async () => {
  sandbox.fault({ operationId: 'sendText', rateLimit: { limit: 2, windowMs: 60_000 } });
  expect((await send()).status).toBe(200);
  await sandbox.advance(15_000);
  expect((await send()).status).toBe(200);
  const limited = await send();
  expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '45']);
  await sandbox.advance(45_000);
  expect((await send()).status).toBe(200);
});

it('refuses a malformed fault, naming the field', () => {
  expect(() => sandbox.fault({ status: 42 })).toThrow(/status must be an HTTP status/);
  expect(() => sandbox.fault({ operationId: 'x' } as never)).toThrow(
    /needs status, latencyMs, drop, rateLimit or webhooks/,
  );
  expect(() => sandbox.fault({ webhooks: { twice: true } } as never)).toThrow(/Unknown webhooks fault "twice"/);
});

it('retries a failed delivery on the engine schedule (default: 15 attempts, 2 s apart)', async () => {
  answer = 500;
  sandbox.inbound({ type: 'text', from: JANE, body: 'are you there?' });
  await sandbox.advance(0);
  const times = () => local('message').map((d) => d.at);
  expect(times()).toHaveLength(1);
  await sandbox.advance(1999);
  expect(times()).toHaveLength(1);
  await sandbox.advance(1);
  expect(times()).toHaveLength(2);
  await sandbox.advance(60_000);
  const attempts = local('message');
  expect(attempts.map((d) => d.attempt)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  expect(new Set(attempts.map((d) => d.eventId)).size).toBe(1);
  expect(
    times()
      .slice(1)
      .map((t, i) => t - (times()[i] as number)),
  ).toEqual(Array(14).fill(2000));
  expect(attempts.every((d) => d.status === 500 && !d.ok)).toBe(true);
});

it("follows a target's own retry policy, and stops retrying once delivered", async () => {
  const instance = sandbox.engine.world.instances.get(sandbox.instanceId)!;
  instance.webhooks = [
    { url: receiver.url, events: ['message'], retries: { attempts: 5, delaySeconds: 1, policy: 'exponential' } },
  ];
  answer = 503;
  sandbox.inbound({ type: 'text', from: JANE, body: 'x' });
  await sandbox.advance(0);
  await sandbox.advance(3000);
  answer = 200;
  await sandbox.advance(60_000);
  const attempts = sandbox.deliveries({ event: 'message' });
  const start = attempts[0]!.at;
  expect(attempts.map((d) => [d.attempt, d.at - start, d.ok])).toEqual([
    [1, 0, false],
    [2, 1000, false],
    [3, 3000, false],
    [4, 7000, true],
  ]);
});

it('an unreachable receiver is retried too, and logged with the reason', async () => {
  const instance = sandbox.engine.world.instances.get(sandbox.instanceId)!;
  instance.webhooks = [{ url: 'http://127.0.0.1:9/hook?secret=abc', events: ['message'], retries: { attempts: 2 } }];
  sandbox.inbound({ type: 'text', from: JANE, body: 'x' });
  await sandbox.advance(0);
  await sandbox.advance(2000);
  const attempts = sandbox.deliveries();
  expect(attempts.map((d) => [d.attempt, d.status, d.url])).toEqual([
    [1, null, 'http://127.0.0.1:9/hook'],
    [2, null, 'http://127.0.0.1:9/hook'],
  ]);
  expect(attempts[0]!.error).toMatch(/Could not connect/);
});

it('delivery faults: duplicates, a bad signature, delays and reordering', async () => {
  sandbox.fault({ webhooks: { duplicate: 1 }, times: 1 });
  sandbox.inbound({ type: 'text', from: JANE, body: 'one' });
  await sandbox.advance(0);
  expect(receiver.events.map((e) => e.payload.body)).toEqual(['one', 'one']);
  expect(new Set(receiver.events.map((e) => e.id)).size).toBe(1);

  receiver.events.length = 0;
  sandbox.fault({ webhooks: { badSignature: true }, times: 1 });
  sandbox.inbound({ type: 'text', from: JANE, body: 'forged' });
  await sandbox.advance(0);
  expect(receiver.events.map((e) => [e.payload.body, e.signed])).toEqual([['forged', false]]);
  const record = local().at(-1)!;
  expect(record.badSignature).toBe(true);
  expect(await verifySignature(JSON.stringify(record.body), {}, { hmacKey: HMAC_KEY })).toBe(false);

  receiver.events.length = 0;
  sandbox.fault({ webhooks: { delayMs: 5000 }, times: 1 });
  sandbox.inbound({ type: 'text', from: JANE, body: 'late' });
  await sandbox.advance(4999);
  expect(receiver.events).toHaveLength(0);
  await sandbox.advance(1);
  expect(receiver.events).toHaveLength(1);

  receiver.events.length = 0;
  sandbox.fault({ webhooks: { reorder: true }, times: 1 });
  sandbox.inbound({ type: 'text', from: JANE, body: 'first' });
  sandbox.inbound({ type: 'text', from: JANE, body: 'second' });
  await sandbox.advance(0);
  expect(receiver.events.map((e) => e.payload.body)).toEqual(['second', 'first']);
});
