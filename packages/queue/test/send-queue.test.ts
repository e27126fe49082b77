// The send queue against the sandbox: faults planted there (a 400, a 500, a 503, a 429 with
// Retry-After) and every assertion made on its request journal, i.e. on what the API received.
import { WawpApiError } from '@wawp/client';
import { createWawp } from '@wawp/client/operations';
import { type Sandbox, startSandbox } from '@wawp/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import { createSendQueue, type SendOutcome, type SendQueue, type SendQueueOptions } from '../src/index.js';
import { busiestWindow } from './scale/send-at-scale.mjs';
import { JOURNAL_SLACK_MS } from './support/journal-slack.js';
import { redisUrl, uniqueQueue } from './support/names.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const open: SendQueue[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
  sandbox.clearFaults();
  sandbox.clearRequests();
  sentAt.length = 0;
});

/** When each send left the client (its onRequest hook), for the limiter's own pace. */
const sentAt: number[] = [];
const client = () =>
  createWawp({
    baseUrl: sandbox.url,
    instanceId: sandbox.instanceId,
    accessToken: sandbox.accessToken,
    hooks: { onRequest: (info) => void (info.operationId === 'sendText' && sentAt.push(Date.now())) },
  });

/** A send queue of its own (its own queue name, so its own limit), for the sandbox's instance. */
async function sendQueue(label: string, options: Partial<SendQueueOptions> = {}): Promise<SendQueue> {
  const queue = await createSendQueue({
    url: redisUrl(),
    client: client(),
    instanceId: sandbox.instanceId,
    queue: uniqueQueue(label),
    perSecond: 50,
    ...options,
  });
  open.push(queue);
  return queue;
}

const sends = () => sandbox.requests({ operationId: 'sendText' });
const planted = (status: number, retryAfter?: number) =>
  sandbox.fault({ operationId: 'sendText', status, times: 1, ...(retryAfter ? { retryAfter } : {}) });

describe('createSendQueue', () => {
  test('sends through the client and reports the message id the API answered', async () => {
    const queue = await sendQueue('id');
    const outcome = await queue.send('sendText', { chatId: '447700900123@c.us', message: 'Hello' });
    expect(outcome.ok).toBe(true);
    const [sent] = sends();
    expect(sends()).toHaveLength(1);
    expect(sent!.params).toMatchObject({ chatId: '447700900123@c.us', message: 'Hello' });
    expect((outcome as Extract<SendOutcome, { ok: true }>).messageId).toBe((sent!.body as { id?: string }).id);
  });

  test('the arguments are the client operation’s own, checked at compile time', async () => {
    const queue = await sendQueue('types', { process: false });
    expectTypeOf(queue.send<'sendText'>)
      .parameter(1)
      .toHaveProperty('chatId');
    expectTypeOf(queue.send).returns.resolves.toEqualTypeOf<SendOutcome>();
    // @ts-expect-error sessions.getInfo is not a send operation
    await expect(queue.enqueue('getInfo', {})).rejects.toThrow(/not a send operation/);
  });

  test('a refused send reports the client’s typed error and is not sent again', async () => {
    const queue = await sendQueue('refused');
    planted(400);
    const outcome = await queue.send('sendText', { chatId: '447700900123@c.us', message: 'Hi' });
    expect(outcome.ok).toBe(false);
    const error = (outcome as Extract<SendOutcome, { ok: false }>).error;
    expect(error).toBeInstanceOf(WawpApiError);
    expect(error).toMatchObject({ status: 400, method: 'POST', path: '/send' });
    expect(sends().map((e) => e.status)).toEqual([400]);
  });

  test('an answer that may have been acted on (500) is not retried; a 503 is', async () => {
    const queue = await sendQueue('retry', { attempts: 3 });
    planted(500);
    expect((await queue.send('sendText', { chatId: '1@c.us', message: 'a' })).ok).toBe(false);
    expect(sends().map((e) => e.status)).toEqual([500]);
    sandbox.clearRequests();
    planted(503);
    expect((await queue.send('sendText', { chatId: '1@c.us', message: 'b' })).ok).toBe(true);
    expect(sends().map((e) => e.status)).toEqual([503, 200]);
  });

  test('a 429 pauses the whole instance for its Retry-After (the client’s retryAfterMs), then the send goes out', async () => {
    // The fallback is far from the planted Retry-After, so the test tells which one was used.
    const queue = await sendQueue('429', { defaultRetryAfterMs: 5_000 });
    planted(429, 1);
    const firstSend = queue.send('sendText', { chatId: '1@c.us', message: 'a' });
    // The second send starts once the 429 has been answered, not after a fixed delay: on a
    // loaded machine the first request can take longer than any delay to arrive, and a send
    // already on the wire when the 429 comes back cannot be held.
    for (const deadline = Date.now() + 10_000; !sends().some((e) => e.status === 429); ) {
      if (Date.now() > deadline) throw new Error('the planted 429 was never answered');
      await new Promise((r) => setTimeout(r, 10));
    }
    const [first, second] = await Promise.all([firstSend, queue.send('sendText', { chatId: '2@c.us', message: 'b' })]);
    expect(first.ok && second.ok).toBe(true);
    const [refused, ...rest] = sends();
    expect(refused!.status).toBe(429);
    expect(rest.map((e) => e.status)).toEqual([200, 200]);
    // Nothing at all went out for the instance during the pause, and no longer than it asked.
    for (const entry of rest) expect(entry.at - refused!.at).toBeGreaterThanOrEqual(1_000);
    expect(rest[0]!.at - refused!.at).toBeLessThan(4_500);
  });

  test('per-chat pacing spaces sends to one chat; typing is shown before each send', async () => {
    const queue = await sendQueue('pace', { perChatIntervalMs: 1_000, typingMs: 50 });
    await Promise.all([1, 2, 3].map((n) => queue.send('sendText', { chatId: '1@c.us', message: `m${n}` })));
    // The chat's slot is granted by Redis right before each send; the request reaches the
    // sandbox later by a trip that varies on a busy machine.
    const times = sends().map((e) => e.at);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++) {
      // Unpaced, the three would arrive within a few ms of each other; a stalled send can
      // shorten a gap by a stall, seen up to 518 ms at load 21.
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000 - 2 * JOURNAL_SLACK_MS);
    }
    const seen = sandbox.requests().map((e) => e.operationId);
    expect(seen.filter((id) => id === 'startTyping')).toHaveLength(3);
    expect(seen[0]).toBe('startTyping');
  });

  test('the limit holds within one process: no one-second window has more than perSecond requests', async () => {
    const queue = await sendQueue('limit', { perSecond: 20, concurrency: 8, windowMarginMs: JOURNAL_SLACK_MS });
    const outcomes = await Promise.all(
      Array.from({ length: 45 }, (_, n) => queue.send('sendText', { chatId: `${n}@c.us`, message: 'x' })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(sends()).toHaveLength(45);
    // Measured as the requests leave: here the sandbox answers from the same event loop as the
    // senders, and its stamps bunched 21 into one second at load 18 although none left so.
    expect(sentAt).toHaveLength(45);
    expect(busiestWindow(sentAt)).toBeLessThanOrEqual(20);
    // And it is a pace, not a trickle: 45 sends at 20/s take about two windows. The bound
    // leaves room for a busy shared machine; a limiter that sent one a second would need 44 s.
    const span = sends().at(-1)!.at - sends()[0]!.at;
    expect(span).toBeLessThan(15_000);
  });

  test('bad options are refused with a message that names them', async () => {
    const url = redisUrl();
    const c = client();
    await expect(createSendQueue({ url, client: c, instanceId: 'i', perSecond: 0 })).rejects.toThrow(/perSecond/);
    await expect(createSendQueue({ url, client: c, instanceId: '', perSecond: 1 })).rejects.toThrow(/instanceId/);
    await expect(createSendQueue({ url, client: {} as never, instanceId: 'i', perSecond: 1 })).rejects.toThrow(
      /client/,
    );
    await expect(
      createSendQueue({ url, client: c, instanceId: 'i', perSecond: 1, perChatIntervalMs: -1 }),
    ).rejects.toThrow(/perChatIntervalMs/);
  });
});
