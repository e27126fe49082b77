// Forged or altered deliveries: many thousands of generated cases through the receiver core
// (the node:crypto fast path, small bodies, keys reused), and not one may be accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreDelivery, countingReceiver, sign } from './support/deliveries.js';

const KEYS = ['current-hmac-key', 'previous-hmac-key'];
const NOW = 1_764_590_400_000;
const BODY = new TextEncoder().encode(
  JSON.stringify({
    id: 'evt_01jdx7forgery0000000000000',
    event: 'session.status',
    session: 'default',
    payload: { status: 'WORKING' },
  }),
);
const HEX = '0123456789abcdef';

const { receiver, counter } = countingReceiver({ hmacKey: KEYS, now: () => NOW });

type Headers = Record<string, string | string[]>;
const honest = (body: Uint8Array, key = KEYS[0]!): Headers => ({
  'content-type': 'application/json',
  'x-webhook-timestamp': String(NOW),
  'x-webhook-hmac': sign(body, key),
  'x-webhook-hmac-algorithm': 'sha512',
});

/** Writes `value` under a spelling of `name` (any letter case); optionally a second copy that differs. */
function setHeader(headers: Headers, name: string, spelling: boolean[], value: string | string[]): Headers {
  const out = { ...headers };
  delete out[name];
  const spelt = [...name].map((c, i) => (spelling[i % spelling.length] ? c.toUpperCase() : c)).join('');
  out[spelt] = value;
  return out;
}

const flipByte = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, flip]) => {
  const body = BODY.slice();
  body[at % body.length]! ^= flip;
  return { body, headers: honest(BODY) };
});
const insertOrDelete = fc
  .tuple(fc.nat(), fc.uint8Array({ minLength: 0, maxLength: 4 }), fc.integer({ min: 0, max: 3 }))
  .filter(([, bytes, drop]) => bytes.length !== drop || bytes.length > 0)
  .map(([at, bytes, drop]) => {
    const i = at % BODY.length;
    const body = new Uint8Array([...BODY.slice(0, i), ...bytes, ...BODY.slice(i + drop)]);
    return { body, headers: honest(BODY) };
  })
  .filter(({ body }) => body.length !== BODY.length || body.some((b, i) => b !== BODY[i]));
const changeDigit = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 15 })).map(([at, shift]) => {
  const signature = sign(BODY, KEYS[0]!);
  const i = at % signature.length;
  const forged = signature.slice(0, i) + HEX[(HEX.indexOf(signature[i]!) + shift) % 16] + signature.slice(i + 1);
  return { body: BODY, headers: { ...honest(BODY), 'x-webhook-hmac': forged } };
});
const reshapeSignature = fc
  .constantFrom<(s: string) => string>(
    (s) => s.toUpperCase(),
    (s) => s.slice(1),
    (s) => `${s}0`,
    (s) => ` ${s}`,
    (s) => `${s} `,
    (s) => `sha512=${s}`,
    (s) => s.slice(0, 64),
    () => '',
    () => '0'.repeat(128),
  )
  .map((reshape) => ({ body: BODY, headers: { ...honest(BODY), 'x-webhook-hmac': reshape(sign(BODY, KEYS[0]!)) } }));
const otherKey = fc
  .string({ minLength: 1, maxLength: 40 })
  .filter((k) => !KEYS.includes(k))
  .map((key) => ({ body: BODY, headers: honest(BODY, key) }));
const otherBody = fc
  .uint8Array({ minLength: 1, maxLength: 96 })
  .map((signed) => ({ body: BODY, headers: honest(signed) }))
  .filter(({ headers }) => headers['x-webhook-hmac'] !== sign(BODY, KEYS[0]!));
const caseAndDuplicates = fc
  .tuple(
    fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    fc.constantFrom('x-webhook-hmac', 'x-webhook-hmac-algorithm'),
    fc.string({ maxLength: 130 }),
    fc.boolean(),
  )
  .map(([spelling, name, other, otherFirst]) => {
    const good = honest(BODY)[name] as string;
    const copies = otherFirst ? [other, good] : [good, other];
    return { body: BODY, headers: setHeader(honest(BODY), name, spelling, copies) };
  })
  .filter(({ headers }) => {
    const arrays = Object.values(headers).filter(Array.isArray) as string[][];
    return arrays.every((a) => new Set(a).size > 1);
  });
const badAlgorithm = fc
  .oneof(fc.constantFrom(undefined, 'SHA512', ' sha512 ', 'sha256', 'HMAC-SHA512', 'sha512,sha512', ''), fc.string())
  .filter((a) => a !== 'sha512')
  .map((algorithm) => {
    const headers: Headers = { ...honest(BODY) };
    if (algorithm === undefined) delete headers['x-webhook-hmac-algorithm'];
    else headers['x-webhook-hmac-algorithm'] = algorithm;
    return { body: BODY, headers };
  });
const dropSignature = fc.constant(null).map(() => {
  const headers: Headers = { ...honest(BODY) };
  delete headers['x-webhook-hmac'];
  return { body: BODY, headers };
});

const forgeries = fc.oneof(
  flipByte,
  insertOrDelete,
  changeDigit,
  reshapeSignature,
  otherKey,
  otherBody,
  caseAndDuplicates,
  badAlgorithm,
  dropSignature,
);

describe('forged or altered deliveries', () => {
  it('the honest delivery is accepted, under either key and in any header case (the control)', async () => {
    counter.handled = 0;
    for (const key of KEYS) expect((await receiver.receive(coreDelivery(BODY, honest(BODY, key)))).status).toBe(200);
    const shouted = Object.fromEntries(Object.entries(honest(BODY)).map(([k, v]) => [k.toUpperCase(), v]));
    expect((await receiver.receive(coreDelivery(BODY, shouted))).status).toBe(200);
    expect(counter.handled).toBe(3);
  });

  it('accepts 0 of 20,000 generated forgeries (altered body, signature, key, algorithm, header case and copies)', async () => {
    counter.handled = 0;
    let cases = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(forgeries, async ({ body, headers }) => {
        cases++;
        const { status } = await receiver.receive(coreDelivery(body, headers));
        if (status < 300) accepted++;
        expect(status).toBe(401);
      }),
      { numRuns: 20_000 },
    );
    expect({ cases, accepted, handled: counter.handled }).toEqual({ cases: 20_000, accepted: 0, handled: 0 });
  }, 60_000);
});
