import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFetchHandler, createWebhookRouter, verifySignature } from '../src/index.js';
import { verifySignature as verifyOnNode } from '../src/node.js';
import { sign } from './support/deliveries.js';

// Lean run counts: the machine is shared. Each property still covers many random cases.
const RUNS = { numRuns: 60 };
const body = fc.uint8Array({ minLength: 1, maxLength: 512 });
const key = fc.string({ minLength: 1, maxLength: 64 });

describe('signature properties', () => {
  it('a correctly signed body always verifies, on WebCrypto and on node:crypto', async () => {
    await fc.assert(
      fc.asyncProperty(body, key, async (bytes, k) => {
        const headers = { 'x-webhook-hmac': sign(bytes, k), 'x-webhook-hmac-algorithm': 'sha512' };
        expect(await verifySignature(bytes, headers, { hmacKey: k })).toBe(true);
        expect(await verifyOnNode(bytes, headers, { hmacKey: k })).toBe(true);
      }),
      RUNS,
    );
  });

  it('changing any one byte of the body fails verification', async () => {
    await fc.assert(
      fc.asyncProperty(body, key, fc.nat(), fc.integer({ min: 1, max: 255 }), async (bytes, k, at, flip) => {
        const headers = { 'x-webhook-hmac': sign(bytes, k), 'x-webhook-hmac-algorithm': 'sha512' };
        const tampered = bytes.slice();
        const i = at % tampered.length;
        tampered[i] = tampered[i]! ^ flip;
        expect(await verifySignature(tampered, headers, { hmacKey: k })).toBe(false);
        expect(await verifyOnNode(tampered, headers, { hmacKey: k })).toBe(false);
      }),
      RUNS,
    );
  });

  it('changing any one character of the signature fails verification', async () => {
    const hex = '0123456789abcdef';
    await fc.assert(
      fc.asyncProperty(body, key, fc.nat(), fc.integer({ min: 1, max: 15 }), async (bytes, k, at, shift) => {
        const signature = sign(bytes, k);
        const i = at % signature.length;
        const changed = hex[(hex.indexOf(signature[i]!) + shift) % 16]!;
        const forged = signature.slice(0, i) + changed + signature.slice(i + 1);
        expect(
          await verifySignature(
            bytes,
            { 'x-webhook-hmac': forged, 'x-webhook-hmac-algorithm': 'sha512' },
            { hmacKey: k },
          ),
        ).toBe(false);
        expect(
          await verifyOnNode(bytes, { 'x-webhook-hmac': forged, 'x-webhook-hmac-algorithm': 'sha512' }, { hmacKey: k }),
        ).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('adapter robustness', () => {
  const unsigned = createFetchHandler({
    router: createWebhookRouter(),
    allowUnsigned: true,
    timestampToleranceMs: false,
  });
  const signed = createFetchHandler({ router: createWebhookRouter(), hmacKey: 'k', timestampToleranceMs: false });

  it('random bytes never throw out of the adapter: they get a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const request = () =>
          new Request('https://receiver.example/', {
            method: 'POST',
            body: bytes,
            headers: { 'content-type': 'application/json' },
          });
        expect((await unsigned(request())).status).toBe(400);
        expect((await signed(request())).status).toBe(401);
      }),
      { numRuns: 100 },
    );
  });

  it('random JSON values never throw out of the adapter: they get 400 unless they are valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const res = await unsigned(
          new Request('https://receiver.example/', {
            method: 'POST',
            body: JSON.stringify(value),
            headers: { 'content-type': 'application/json' },
          }),
        );
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(typeof (await res.json()).path).toBe('string');
      }),
      { numRuns: 100 },
    );
  });
});
