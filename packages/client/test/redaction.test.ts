import { describe, expect, it } from 'vitest';
import { WawpNetworkError } from '../src/index.js';
import { redact } from '../src/redact.js';
import { CREDENTIALS, createObservedClient } from './helpers.js';

const TOKEN = CREDENTIALS.accessToken;
const everythingAbout = (error: unknown): string => {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, String(e.cause), JSON.stringify(e), JSON.stringify(e.cause ?? null)].join('\n');
};

describe('token redaction', () => {
  it('redacts the token in a URL, raw and percent-encoded', () => {
    const url = `https://x.test/a?instance_id=I&access_token=${encodeURIComponent(TOKEN)}&b=1`;
    expect(redact(url, [TOKEN])).toBe('https://x.test/a?instance_id=I&access_token=[REDACTED]&b=1');
    expect(redact(`token is ${TOKEN}`, [TOKEN])).toBe('token is [REDACTED]');
  });

  it('network failures name method and path but never the token', async () => {
    const { client } = createObservedClient((request) => {
      throw new TypeError(`fetch failed for ${request.url}`, {
        cause: new Error(`connect ECONNREFUSED ${request.url}`),
      });
    });
    const error = await client.GET('/session/info').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpNetworkError);
    expect((error as WawpNetworkError).message).toMatch(/^GET \/session\/info could not reach the API/);
    expect(everythingAbout(error)).not.toContain(TOKEN);
    expect(everythingAbout(error)).not.toContain(encodeURIComponent(TOKEN));
  });
});
