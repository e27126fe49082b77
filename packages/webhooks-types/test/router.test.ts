import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { webhookExamples } from '../src/generated/examples.js';
import {
  type AnyWebhookEvent,
  createWebhookRouter,
  type LabelUpsertEvent,
  type MessageAnyEvent,
  type MessageEvent,
  parseWebhook,
} from '../src/index.js';

const example = (event: string) => parseWebhook(JSON.stringify(webhookExamples.find((e) => e.event === event)!.value));

describe('createWebhookRouter', () => {
  it('runs every handler registered for the event, one name or several, plus onAny', async () => {
    const seen: string[] = [];
    const router = createWebhookRouter()
      .on('message', (e) => {
        expectTypeOf(e).toEqualTypeOf<MessageEvent>();
        seen.push(`message:${e.payload.id}`);
      })
      .on(['message', 'message.any'], async (e) => {
        expectTypeOf(e).toEqualTypeOf<MessageEvent | MessageAnyEvent>();
        seen.push(`both:${e.event}`);
      })
      .on('label.upsert', (e: LabelUpsertEvent) => seen.push(`label:${e.event}`))
      .onAny((e) => {
        expectTypeOf(e).toEqualTypeOf<AnyWebhookEvent>();
        seen.push(`any:${e.event}`);
      });
    await router.dispatch(example('message'));
    await router.dispatch(example('message.any'));
    expect(seen).toEqual([
      'message:false_11111111111@c.us_AAAAAAAAAAAAAAAAAAAA',
      'both:message',
      'any:message',
      'both:message.any',
      'any:message.any',
    ]);
  });

  it('hands unknown events to onAny only', async () => {
    const named = vi.fn();
    const any = vi.fn();
    const router = createWebhookRouter().on('message', named).onAny(any);
    await router.dispatch(parseWebhook('{"event":"poll.vote","session":"s","payload":{}}'));
    expect(named).not.toHaveBeenCalled();
    expect(any).toHaveBeenCalledOnce();
  });

  it('still runs the other handlers when some fail, then reports all failures to onError and rejects', async () => {
    const ran: string[] = [];
    const onError = vi.fn();
    const router = createWebhookRouter()
      .on('message', () => {
        ran.push('sync-fail');
        throw new Error('first');
      })
      .on('message', async () => {
        ran.push('async-fail');
        throw new Error('second');
      })
      .on('message', async () => {
        ran.push('ok');
      })
      .onError(onError);
    const event = example('message');
    const failure = await router.dispatch(event).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ran).toEqual(['sync-fail', 'async-fail', 'ok']);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors.map((e: Error) => e.message)).toEqual(['first', 'second']);
    expect((failure as AggregateError).message).toBe('2 of 3 webhook handler(s) failed for message');
    expect(onError).toHaveBeenCalledWith(failure, event);
  });

  it('does not let a failing onError handler hide the delivery failure', async () => {
    const router = createWebhookRouter()
      .on('message', () => {
        throw new Error('boom');
      })
      .onError(() => {
        throw new Error('error handler broke');
      });
    await expect(router.dispatch(example('message'))).rejects.toBeInstanceOf(AggregateError);
  });

  it('resolves when no handler matches', async () => {
    await expect(createWebhookRouter().dispatch(example('call.received'))).resolves.toBeUndefined();
  });

  it('rejects bad registrations early', () => {
    const router = createWebhookRouter();
    expect(() => router.on([], () => {})).toThrow(TypeError);
    // @ts-expect-error not an event name
    expect(() => router.on('message', 'handler')).toThrow(TypeError);
    // @ts-expect-error `message.sent` is not an event this version knows
    router.on('message.sent', () => {});
  });
});
