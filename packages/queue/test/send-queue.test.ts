import { WawpApiError } from '@wawp/client';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import { createSendQueue, type SendOutcome, type SendQueue, type SendQueueOptions } from '../src/index.js';
import { busiestWindow, type MockApi, startMockApi } from './support/mock-api.js';
import { redisUrl, uniqueQueue } from './support/names.js';

let api: MockApi;
beforeAll(async () => {
  api = await startMockApi();
});
afterAll(() => api.close());

const open: SendQueue[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
  api.journal.length = 0;
});

async function sendQueue(options: Partial<SendQueueOptions> & { instanceId: string }): Promise<SendQueue> {
  const queue = await createSendQueue({
    url: redisUrl(),
    client: api.client(options.instanceId),
    perSecond: 50,
    ...options,
  });
  open.push(queue);
  return queue;
}

const sends = (path = '/send') => api.journal.filter((entry) => entry.path === path);

describe('createSendQueue', () => {
  test('sends through the client and reports the message id', async () => {
    const queue = await sendQueue({ instanceId: uniqueQueue('id') });
    const outcome = await queue.send('sendText', { chatId: '447700900123@c.us', message: 'Hello' });
    expect(outcome).toMatchObject({ ok: true, messageId: 'true_447700900123@c.us_3EB0C767D26A1D5A8F4E' });
    expect(sends()).toHaveLength(1);
  });

  test('the arguments are the client operation’s own, checked at compile time', async () => {
    const queue = await sendQueue({ instanceId: uniqueQueue('types'), process: false });
    expectTypeOf(queue.send<'sendText'>)
      .parameter(1)
      .toHaveProperty('chatId');
    expectTypeOf(queue.send).returns.resolves.toEqualTypeOf<SendOutcome>();
    // @ts-expect-error sessions.getInfo is not a send operation
    await expect(queue.enqueue('getInfo', {})).rejects.toThrow(/not a send operation/);
  });

  test('a refused send reports the client’s typed error and is not sent again', async () => {
    const queue = await sendQueue({ instanceId: uniqueQueue('refused') });
    api.plant('/send', () => Response.json({ code: 'rest_invalid_param', message: 'bad chat' }, { status: 400 }));
    const outcome = await queue.send('sendText', { chatId: '447700900123@c.us', message: 'Hi' });
    expect(outcome.ok).toBe(false);
    const error = (outcome as Extract<SendOutcome, { ok: false }>).error;
    expect(error).toBeInstanceOf(WawpApiError);
    expect(error).toMatchObject({ status: 400, code: 'rest_invalid_param', method: 'POST', path: '/send' });
    expect(sends()).toHaveLength(1);
  });

  test('an answer that may have been acted on (500) is not retried; a 503 is', async () => {
    const queue = await sendQueue({ instanceId: uniqueQueue('retry'), attempts: 3 });
    api.plant('/send', () => Response.json({ code: 'x', message: 'boom' }, { status: 500 }));
    expect((await queue.send('sendText', { chatId: '1@c.us', message: 'a' })).ok).toBe(false);
    expect(sends()).toHaveLength(1);
    api.journal.length = 0;
    api.plant('/send', () => Response.json({ code: 'busy', message: 'later' }, { status: 503 }));
    expect((await queue.send('sendText', { chatId: '1@c.us', message: 'b' })).ok).toBe(true);
    expect(sends().map((e) => e.status)).toEqual([503, 200]);
  });

  test('a 429 pauses the whole instance for its Retry-After, then the send goes out', async () => {
    const queue = await sendQueue({ instanceId: uniqueQueue('429'), defaultRetryAfterMs: 1_200 });
    api.plant('/send', () => Response.json({ code: 'rate_limited', message: 'slow down' }, { status: 429 }));
    const started = Date.now();
    const [first, second] = await Promise.all([
      queue.send('sendText', { chatId: '1@c.us', message: 'a' }),
      (async () => {
        await new Promise((r) => setTimeout(r, 100));
        return queue.send('sendText', { chatId: '2@c.us', message: 'b' });
      })(),
    ]);
    expect(first.ok && second.ok).toBe(true);
    const [refused, ...rest] = sends();
    expect(refused!.status).toBe(429);
    // Nothing at all went out for the instance during the pause.
    for (const entry of rest) expect(entry.at - refused!.at).toBeGreaterThanOrEqual(1_150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_150);
  });

  test('per-chat pacing spaces sends to one chat; typing is shown before each send', async () => {
    const queue = await sendQueue({ instanceId: uniqueQueue('pace'), perChatIntervalMs: 300, typingMs: 50 });
    await Promise.all([1, 2, 3].map((n) => queue.send('sendText', { chatId: '1@c.us', message: `m${n}` })));
    // The chat's slot is granted by Redis right before each send; the request is seen here a
    // round trip later, and that round trip varies on a busy machine. Allow it 50 ms.
    const times = sends().map((e) => e.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(250);
    const paths = api.journal.map((e) => e.path);
    expect(paths.filter((p) => p === '/startTyping')).toHaveLength(3);
    expect(paths[0]).toBe('/startTyping');
  });

  test('the limit holds within one process: no one-second window has more than perSecond requests', async () => {
    const queue = await sendQueue({ instanceId: uniqueQueue('limit'), perSecond: 20, concurrency: 8 });
    const outcomes = await Promise.all(
      Array.from({ length: 45 }, (_, n) => queue.send('sendText', { chatId: `${n}@c.us`, message: 'x' })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(busiestWindow(sends().map((e) => e.at))).toBeLessThanOrEqual(20);
    // And it is a pace, not a trickle: 45 sends at 20/s take about two windows. The bound
    // leaves room for a busy shared machine; a limiter that sent one a second would need 44 s.
    const span = sends().at(-1)!.at - sends()[0]!.at;
    expect(span).toBeLessThan(15_000);
  });

  test('bad options are refused with a message that names them', async () => {
    const client = api.client();
    const url = redisUrl();
    await expect(createSendQueue({ url, client, instanceId: 'i', perSecond: 0 })).rejects.toThrow(/perSecond/);
    await expect(createSendQueue({ url, client, instanceId: '', perSecond: 1 })).rejects.toThrow(/instanceId/);
    await expect(createSendQueue({ url, client: {} as never, instanceId: 'i', perSecond: 1 })).rejects.toThrow(
      /client/,
    );
    await expect(
      createSendQueue({ url, client, instanceId: 'i', perSecond: 1, perChatIntervalMs: -1 }),
    ).rejects.toThrow(/perChatIntervalMs/);
  });
});
