// Creating a receiver with a key or secret that cannot work throws at once, naming the option:
// `hmacKey: process.env.UNSET` must not quietly turn verification off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFetchHandler, createReceiver, createWebhookRouter, WebhookOptionError } from '../src/index.js';
import { createNodeHandler } from '../src/node.js';
import { coreDelivery, jsonHeaders } from './support/deliveries.js';

const router = createWebhookRouter();
const BAD_SECRETS: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['0', 0],
  ['1', 1],
  ['NaN', Number.NaN],
  ['true', true],
  ['false', false],
  ['{}', {}],
  ["''", ''],
  ['[]', []],
  ["['']", ['']],
  ["['k', '']", ['k', '']],
  ['[null]', [null]],
  ['[undefined]', [undefined]],
  ['[1]', [1]],
  ['[[]]', [[]]],
  ['a function', () => 'k'],
  ['a Symbol', Symbol('k')],
  ['new String()', new String('k')],
];
const creators = [
  ['createReceiver', createReceiver],
  ['createFetchHandler', createFetchHandler],
  ['createNodeHandler', createNodeHandler],
] as const;

function thrown(create: () => unknown): unknown {
  try {
    create();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(creators)('%s refuses unusable keys and secrets', (_, create) => {
  it.each(BAD_SECRETS)('hmacKey: %s throws a WebhookOptionError naming hmacKey', (_, value) => {
    const error = thrown(() => create({ router, hmacKey: value as string }));
    expect(error).toBeInstanceOf(WebhookOptionError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ option: 'hmacKey', message: expect.stringMatching(/^hmacKey: /) });
  });

  it.each(BAD_SECRETS)('sharedSecret: %s throws a WebhookOptionError naming sharedSecret', (_, value) => {
    const error = thrown(() => create({ router, sharedSecret: value as string }));
    expect(error).toBeInstanceOf(WebhookOptionError);
    expect((error as WebhookOptionError).option).toMatch(/^sharedSecret/);
  });

  it.each(BAD_SECRETS)('sharedSecret: { secret: %s } throws naming sharedSecret.secret', (_, value) => {
    const error = thrown(() => create({ router, sharedSecret: { secret: value as string } }));
    expect(error).toMatchObject({ name: 'WebhookOptionError', option: 'sharedSecret.secret' });
  });

  it('an undefined option beside a usable other check counts as absent (the config-passing pattern)', () => {
    expect(() => create({ router, hmacKey: 'k', sharedSecret: undefined })).not.toThrow();
    expect(() => create({ router, hmacKey: undefined, sharedSecret: 's' })).not.toThrow();
    expect(thrown(() => create({ router, hmacKey: undefined, sharedSecret: undefined }))).toMatchObject({
      option: 'hmacKey',
    });
    // Anything else than undefined is never "absent".
    expect(thrown(() => create({ router, hmacKey: 'k', sharedSecret: null as never }))).toMatchObject({
      option: 'sharedSecret',
    });
  });

  it('a receiver with no check at all needs allowUnsigned: true, said in the error', () => {
    expect(thrown(() => create({ router }))).toMatchObject({
      option: 'hmacKey',
      message: expect.stringContaining('allowUnsigned: true'),
    });
    expect(() => create({ router, allowUnsigned: true })).not.toThrow();
    for (const flag of [false, 'true', 1, null]) {
      expect(thrown(() => create({ router, allowUnsigned: flag as boolean }))).toBeInstanceOf(WebhookOptionError);
    }
    expect(thrown(() => create({ router, hmacKey: 'k', allowUnsigned: true }))).toMatchObject({
      option: 'allowUnsigned',
    });
  });
});

describe('option errors', () => {
  it('never echo a key or secret that was given', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), (secret) => {
        for (const options of [{ hmacKey: [secret, ''] }, { sharedSecret: { secret: [secret, ''] } }]) {
          const error = thrown(() => createReceiver({ router, ...options })) as Error;
          expect(error).toBeInstanceOf(WebhookOptionError);
          expect(error.message).not.toContain(secret);
        }
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['maxBodyBytes', 0],
    ['maxBodyBytes', -1],
    ['maxBodyBytes', 1.5],
    ['maxBodyBytes', '1000'],
    ['bodyTimeoutMs', 0],
    ['bodyTimeoutMs', Number.POSITIVE_INFINITY],
    ['timestampToleranceMs', 0],
    ['timestampToleranceMs', true],
    ['timestampToleranceMs', null],
    ['dedupe', {}],
    ['dedupe', { claim: () => 'claimed' }],
    ['dedupe', null],
    ['now', 1],
  ])('%s: %j throws naming the option', (option, value) => {
    expect(thrown(() => createReceiver({ router, hmacKey: 'k', [option]: value }))).toMatchObject({
      name: 'WebhookOptionError',
      option,
    });
  });

  it('needs a router, or a dispatch step in its place', () => {
    expect(thrown(() => createReceiver({ hmacKey: 'k' }))).toMatchObject({ option: 'router' });
    expect(() => createReceiver({ hmacKey: 'k' }, { dispatch: async () => {} })).not.toThrow();
  });

  it('an allowUnsigned receiver accepts an unsigned delivery (and still checks the rest)', async () => {
    const seen: string[] = [];
    const receiver = createReceiver({
      router: createWebhookRouter().onAny((e) => void seen.push(e.event)),
      allowUnsigned: true,
      timestampToleranceMs: false,
    });
    const body = JSON.stringify({ event: 'session.status', session: 'default', payload: { status: 'WORKING' } });
    expect((await receiver.receive(coreDelivery(body, jsonHeaders()))).status).toBe(200);
    expect((await receiver.receive(coreDelivery('{', jsonHeaders()))).status).toBe(400);
    expect(seen).toEqual(['session.status']);
  });
});
