import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../src/index.js';
import * as nodeEntry from '../src/node.js';
import { sign } from './helpers.js';

const VECTOR_BODY = '{"event":"message","session":"default","engine":"WEBJS"}';
const VECTOR_KEY = 'my-secret-key';

describe.each([
  ['WebCrypto', { signPayload, verifySignature }],
  ['node:crypto', { signPayload: nodeEntry.signPayload, verifySignature: nodeEntry.verifySignature }],
])('signatures on %s', (_, impl) => {
  it('reproduces the documented test vector', async () => {
    const digest = await impl.signPayload(VECTOR_BODY, VECTOR_KEY);
    expect(digest).toBe(sign(VECTOR_BODY, VECTOR_KEY));
    expect(digest).toMatch(/^208f8a55[0-9a-f]{116}fa89$/);
    expect(await impl.verifySignature(VECTOR_BODY, { 'x-webhook-hmac': digest }, { hmacKey: VECTOR_KEY })).toBe(true);
  });

  it('signs the exact bytes: a string and its UTF-8 bytes give the same digest', async () => {
    const body = '{"event":"message","session":"café ☕"}';
    expect(await impl.signPayload(new TextEncoder().encode(body), 'k')).toBe(await impl.signPayload(body, 'k'));
  });

  it('reads the header from Headers, from Node-style records in any case, and as a single-item array', async () => {
    const digest = sign(VECTOR_BODY, VECTOR_KEY);
    const opts = { hmacKey: VECTOR_KEY };
    expect(await impl.verifySignature(VECTOR_BODY, new Headers({ 'X-Webhook-Hmac': digest }), opts)).toBe(true);
    expect(await impl.verifySignature(VECTOR_BODY, { 'X-Webhook-Hmac': digest }, opts)).toBe(true);
    expect(await impl.verifySignature(VECTOR_BODY, { 'x-webhook-hmac': [digest] }, opts)).toBe(true);
    expect(await impl.verifySignature(VECTOR_BODY, { 'x-webhook-hmac': digest.toUpperCase() }, opts)).toBe(true);
  });

  it('accepts any of several keys while rotating, and nothing signed with another key', async () => {
    const digest = sign(VECTOR_BODY, 'new-key');
    const headers = { 'x-webhook-hmac': digest };
    expect(await impl.verifySignature(VECTOR_BODY, headers, { hmacKey: ['old-key', 'new-key'] })).toBe(true);
    expect(await impl.verifySignature(VECTOR_BODY, headers, { hmacKey: ['old-key', 'other-key'] })).toBe(false);
  });

  it('rejects a missing, truncated, non-hex or repeated-and-different signature header', async () => {
    const digest = sign(VECTOR_BODY, VECTOR_KEY);
    const opts = { hmacKey: VECTOR_KEY };
    expect(await impl.verifySignature(VECTOR_BODY, {}, opts)).toBe(false);
    expect(await impl.verifySignature(VECTOR_BODY, { 'x-webhook-hmac': digest.slice(0, 126) }, opts)).toBe(false);
    expect(await impl.verifySignature(VECTOR_BODY, { 'x-webhook-hmac': `${digest.slice(0, 127)}g` }, opts)).toBe(false);
    expect(await impl.verifySignature(VECTOR_BODY, { 'x-webhook-hmac': [digest, '0'.repeat(128)] }, opts)).toBe(false);
  });

  it('rejects a delivery whose algorithm header names anything but sha512', async () => {
    const digest = sign(VECTOR_BODY, VECTOR_KEY);
    const opts = { hmacKey: VECTOR_KEY };
    const headers = (algorithm: string) => ({ 'x-webhook-hmac': digest, 'x-webhook-hmac-algorithm': algorithm });
    expect(await impl.verifySignature(VECTOR_BODY, headers('sha512'), opts)).toBe(true);
    expect(await impl.verifySignature(VECTOR_BODY, headers('SHA512'), opts)).toBe(true);
    expect(await impl.verifySignature(VECTOR_BODY, headers('sha256'), opts)).toBe(false);
    expect(await impl.verifySignature(VECTOR_BODY, headers(''), opts)).toBe(false);
  });

  it('refuses to run without a key rather than accept everything', async () => {
    await expect(impl.verifySignature(VECTOR_BODY, {}, { hmacKey: [] })).rejects.toThrow(TypeError);
    await expect(impl.verifySignature(VECTOR_BODY, {}, { hmacKey: '' })).rejects.toThrow(/non-empty hmacKey/);
    await expect(impl.signPayload(VECTOR_BODY, '')).rejects.toThrow(TypeError);
  });
});
