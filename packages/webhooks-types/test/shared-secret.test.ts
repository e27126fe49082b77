import { describe, expect, it } from 'vitest';
import { verifySharedSecret } from '../src/index.js';

const SECRET = 's3cr3t-0123456789abcdef';

describe('verifySharedSecret', () => {
  it('finds the secret in the `secret` query parameter of a URL string, URL or Request', () => {
    const url = `https://example.org/hooks/wawp?secret=${SECRET}`;
    expect(verifySharedSecret(url, { secret: SECRET })).toBe(true);
    expect(verifySharedSecret(new URL(url), { secret: SECRET })).toBe(true);
    expect(verifySharedSecret(new Request(url, { method: 'POST' }), { secret: SECRET })).toBe(true);
    expect(verifySharedSecret({ url: `/hooks/wawp?secret=${SECRET}` }, { secret: SECRET })).toBe(true);
  });

  it('rejects a wrong, missing, empty or repeated secret', () => {
    expect(verifySharedSecret(`/h?secret=${SECRET}x`, { secret: SECRET })).toBe(false);
    // Same length, last character differs: the comparison must look at every byte.
    expect(verifySharedSecret(`/h?secret=${SECRET.slice(0, -1)}X`, { secret: SECRET })).toBe(false);
    expect(verifySharedSecret('/h', { secret: SECRET })).toBe(false);
    expect(verifySharedSecret('/h?secret=', { secret: SECRET })).toBe(false);
    expect(verifySharedSecret(`/h?secret=nope&secret=${SECRET}`, { secret: SECRET })).toBe(false);
  });

  it('uses another parameter or a header when told, and accepts any of several secrets', () => {
    expect(verifySharedSecret(`/h?token=${SECRET}`, { secret: SECRET, param: 'token' })).toBe(true);
    expect(verifySharedSecret(`/h?secret=${SECRET}`, { secret: SECRET, param: 'token' })).toBe(false);
    const req = { url: '/h', headers: { 'x-wawp-secret': SECRET } };
    expect(verifySharedSecret(req, { secret: SECRET, header: 'X-Wawp-Secret' })).toBe(true);
    // With only a header configured, the query string is not consulted.
    expect(verifySharedSecret(`/h?secret=${SECRET}`, { secret: SECRET, header: 'X-Wawp-Secret' })).toBe(false);
    expect(verifySharedSecret(`/h?secret=${SECRET}`, { secret: ['old', SECRET] })).toBe(true);
  });

  it('refuses an empty configuration', () => {
    expect(() => verifySharedSecret('/h?secret=', { secret: '' })).toThrow(TypeError);
  });
});
