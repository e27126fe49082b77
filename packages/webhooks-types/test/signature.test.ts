import { describe, expect, it } from 'vitest';
import { signatureHeaders, signingTestVector, signPayload, verifySignature, WebhookOptionError } from '../src/index.js';
import * as nodeEntry from '../src/node.js';
import { sign } from './support/deliveries.js';

// The spec's test vector, pinned here whole as well, so a change to the spec's copy is a test failure.
const VECTOR_BODY = '{"event":"message","session":"default","engine":"WEBJS"}';
const VECTOR_KEY = 'my-secret-key';
const VECTOR_DIGEST =
  '208f8a55dde9e05519e898b10b89bf0d0b3b0fdf11fdbf09b6b90476301b98d8097c462b2b17a6ce93b6b47a136cf2e78a33a63f6752c2c1631777076153fa89';
const signed = (digest: string, extra: Record<string, string | string[]> = {}) => ({
  'x-webhook-hmac': digest,
  'x-webhook-hmac-algorithm': 'sha512',
  ...extra,
});

describe("the spec's signing test vector", () => {
  it('is the documented body, key and full 128-digit digest', () => {
    expect(signingTestVector).toEqual({
      key: VECTOR_KEY,
      body: VECTOR_BODY,
      headers: { 'X-Webhook-Hmac': VECTOR_DIGEST, 'X-Webhook-Hmac-Algorithm': 'sha512' },
    });
    expect(sign(VECTOR_BODY, VECTOR_KEY)).toBe(VECTOR_DIGEST);
    expect(nodeEntry.signatureHeadersSync(VECTOR_BODY, VECTOR_KEY)).toEqual(signingTestVector.headers);
    expect(() => nodeEntry.signatureHeadersSync(VECTOR_BODY, '')).toThrow(WebhookOptionError);
  });
});

describe.each([
  ['WebCrypto', { signPayload, signatureHeaders, verifySignature }],
  [
    'node:crypto',
    {
      signPayload: nodeEntry.signPayload,
      signatureHeaders: nodeEntry.signatureHeaders,
      verifySignature: nodeEntry.verifySignature,
    },
  ],
])('signatures on %s', (_, impl) => {
  it('reproduces the documented test vector', async () => {
    const digest = await impl.signPayload(VECTOR_BODY, VECTOR_KEY);
    expect(digest).toBe(VECTOR_DIGEST);
    expect(await impl.signatureHeaders(VECTOR_BODY, VECTOR_KEY)).toEqual(signingTestVector.headers);
    expect(await impl.verifySignature(VECTOR_BODY, signingTestVector.headers, { hmacKey: VECTOR_KEY })).toBe(true);
  });

  it('signs the exact bytes: a string and its UTF-8 bytes give the same digest', async () => {
    const body = '{"event":"message","session":"café ☕"}';
    expect(await impl.signPayload(new TextEncoder().encode(body), 'k')).toBe(await impl.signPayload(body, 'k'));
  });

  it('reads the header from Headers, from Node-style records in any case, and as a single-item array', async () => {
    const digest = VECTOR_DIGEST;
    const opts = { hmacKey: VECTOR_KEY };
    expect(await impl.verifySignature(VECTOR_BODY, new Headers(signed(digest)), opts)).toBe(true);
    expect(
      await impl.verifySignature(VECTOR_BODY, { 'X-Webhook-Hmac': digest, 'X-WEBHOOK-HMAC-ALGORITHM': 'sha512' }, opts),
    ).toBe(true);
    expect(await impl.verifySignature(VECTOR_BODY, signed(digest, { 'x-webhook-hmac': [digest] }), opts)).toBe(true);
    // The spec's signature is lower-case hex; upper case is not what the sender sends.
    expect(await impl.verifySignature(VECTOR_BODY, signed(digest.toUpperCase()), opts)).toBe(false);
  });

  it('accepts any of several keys while rotating, and nothing signed with another key', async () => {
    const digest = sign(VECTOR_BODY, 'new-key');
    const headers = signed(digest);
    expect(await impl.verifySignature(VECTOR_BODY, headers, { hmacKey: ['old-key', 'new-key'] })).toBe(true);
    expect(await impl.verifySignature(VECTOR_BODY, headers, { hmacKey: ['old-key', 'other-key'] })).toBe(false);
  });

  it('rejects a missing, truncated, non-hex or repeated-and-different signature header', async () => {
    const digest = VECTOR_DIGEST;
    const opts = { hmacKey: VECTOR_KEY };
    expect(await impl.verifySignature(VECTOR_BODY, signed(''), opts)).toBe(false);
    expect(await impl.verifySignature(VECTOR_BODY, { 'x-webhook-hmac-algorithm': 'sha512' }, opts)).toBe(false);
    expect(await impl.verifySignature(VECTOR_BODY, signed(digest.slice(0, 126)), opts)).toBe(false);
    expect(await impl.verifySignature(VECTOR_BODY, signed(`${digest.slice(0, 127)}g`), opts)).toBe(false);
    expect(await impl.verifySignature(VECTOR_BODY, signed(` ${digest}`), opts)).toBe(false);
    expect(
      await impl.verifySignature(VECTOR_BODY, signed(digest, { 'x-webhook-hmac': [digest, '0'.repeat(128)] }), opts),
    ).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['upper case', 'SHA512'],
    ['padded (HTTP trims this on the wire; a hand-built record is not trimmed)', ' sha512 '],
    ['another algorithm', 'sha256'],
    ['empty', ''],
    ['repeated with another value', ['sha512', 'sha256']],
  ])('refuses an algorithm header that is %s: the spec says exactly sha512', async (_, algorithm) => {
    const headers: Record<string, string | string[]> = { 'x-webhook-hmac': VECTOR_DIGEST };
    if (algorithm !== undefined) headers['x-webhook-hmac-algorithm'] = algorithm;
    expect(await impl.verifySignature(VECTOR_BODY, headers, { hmacKey: VECTOR_KEY })).toBe(false);
  });

  it('refuses to run without a key rather than accept everything', async () => {
    await expect(impl.verifySignature(VECTOR_BODY, {}, { hmacKey: [] })).rejects.toThrow(WebhookOptionError);
    await expect(impl.verifySignature(VECTOR_BODY, {}, { hmacKey: '' })).rejects.toThrow(/hmacKey: must be/);
    await expect(impl.signPayload(VECTOR_BODY, '')).rejects.toThrow(WebhookOptionError);
  });
});
