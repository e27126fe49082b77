// v2 on the sandbox: one instance answers both versions over one state, with v2's own
// behaviours: the token in a header or as Bearer, GET where a POST also accepts it, webhook
// settings only on a paid plan (403 `subscription_required` on a free one) and the sending
// policies, whose limits are enforced on sends through either version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { api } from './helpers.js';

const CHAT = '447700900123@c.us';
let sandbox: Sandbox;
let free: Sandbox;
beforeAll(async () => {
  // A token unlike the instance id, so the journal check below can tell them apart.
  sandbox = await startSandbox({
    clock: 'manual',
    scenario: { instances: [{ id: 'paid1', accessToken: 'paid-token-secret' }] },
  });
  free = await startSandbox({
    clock: 'manual',
    scenario: { instances: [{ id: 'free1', accessToken: 'free-token', plan: 'free' }] },
  });
});
afterAll(() => Promise.all([sandbox?.close(), free?.close()]));

/** A v2 call with the token where `how` says, and a JSON body (v2's documented placement). */
async function v2(
  box: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  how: 'query' | 'header' | 'bearer' = 'query',
  query: Record<string, string> = {},
) {
  const params = new URLSearchParams({ instance_id: box.instanceId, ...query });
  if (how === 'query') params.set('access_token', box.accessToken);
  const headers: Record<string, string> = {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(how === 'header' ? { 'access-token': box.accessToken } : {}),
    ...(how === 'bearer' ? { authorization: `Bearer ${box.accessToken}` } : {}),
  };
  const res = await fetch(`${box.url}/v2${path}?${params}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('one sandbox, both versions, one state', () => {
  it('a message sent through v2 (each way the token travels) is in v1 chat, and the reverse', async () => {
    for (const how of ['query', 'header', 'bearer'] as const) {
      const sent = await v2(sandbox, 'POST', '/send/text', { chatId: CHAT, message: `v2 ${how}` }, how);
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    }
    const v1Messages = await api(sandbox, 'GET', `/chats/${encodeURIComponent(CHAT)}/messages`, { limit: '10' });
    expect(v1Messages.status).toBe(200);
    expect(v1Messages.body.map((m: { body: string }) => m.body)).toEqual(
      expect.arrayContaining(['v2 query', 'v2 header', 'v2 bearer']),
    );

    expect((await api(sandbox, 'POST', '/send', { chatId: CHAT, message: 'from v1' })).status).toBe(200);
    const v2Messages = await v2(sandbox, 'GET', '/chats/messages', undefined, 'header', { chatId: CHAT, limit: '10' });
    expect(v2Messages.status).toBe(200);
    expect(v2Messages.body.map((m: { body: string }) => m.body)).toContain('from v1');

    const journal = sandbox.requests({ operationId: 'sendText' });
    expect(journal.map((e) => [e.api, e.path])).toEqual([
      ['v2', '/v2/send/text'],
      ['v2', '/v2/send/text'],
      ['v2', '/v2/send/text'],
      ['v1', '/send'],
    ]);
    // The token, whichever way it came, is redacted in the journal.
    expect(JSON.stringify(sandbox.requests())).not.toContain(`"${sandbox.accessToken}"`);
  });

  it('a wrong token in a header is refused like a wrong one in the query', async () => {
    const bad = { ...sandbox, accessToken: 'not-the-token' } as Sandbox;
    for (const how of ['query', 'header', 'bearer'] as const) {
      const res = await v2(bad, 'POST', '/send/text', { chatId: CHAT, message: 'x' }, how);
      expect(res, how).toMatchObject({ status: 401, body: { code: 'invalid_access_token' } });
    }
  });

  it('answers GET where the POST also accepts it, from the same state', async () => {
    const res = await v2(sandbox, 'GET', '/send/text', undefined, 'bearer', { chatId: CHAT, message: 'by GET' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ body: 'by GET', fromMe: true });
    expect(sandbox.requests({ api: 'v2' }).at(-1)).toMatchObject({ operationId: 'sendText', method: 'GET' });
  });
});

describe('webhook settings need a paid plan', () => {
  it('a free account gets 403 subscription_required, reading and replacing', async () => {
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', { webhooks: [{ url: 'https://example.com/hook', events: ['message'] }] }],
    ] as const) {
      const res = await v2(free, method, '/session/webhook', body);
      expect(res, method).toMatchObject({ status: 403, body: { code: 'subscription_required' } });
    }
  });

  it('a paid account replaces its webhooks through v2, and v1 session info shows them', async () => {
    const hooks = [
      { url: 'https://example.com/a', events: ['message'], is_active: true },
      { url: 'https://example.com/off', events: ['message'], is_active: 0 },
    ];
    const set = await v2(sandbox, 'POST', '/session/webhook', { webhooks: hooks });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.webhooks).toEqual([{ url: 'https://example.com/a', events: ['message'], is_active: true }]);
    expect((await v2(sandbox, 'GET', '/session/webhook')).body).toEqual(set.body);
    const info = await api(sandbox, 'GET', '/session/info');
    expect(info.body.config.webhooks.map((w: { url: string }) => w.url)).toEqual(['https://example.com/a']);
  });
});

describe('sending policies', () => {
  it('lists the documented policies, a free account may pick only the free ones', async () => {
    const paid = await v2(sandbox, 'GET', '/session/rate-limit');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ has_active_plan: true, active_policy: null });
    expect(paid.body.policies.every((p: { available: boolean }) => p.available)).toBe(true);
    const listed = await v2(free, 'GET', '/session/rate-limit');
    expect(listed.body.has_active_plan).toBe(false);
    for (const p of listed.body.policies as { slug: string; available: boolean }[]) {
      expect(p.available, p.slug).toBe(listed.body.free_policies.includes(p.slug));
    }
    const unknown = await v2(free, 'PATCH', '/session/rate-limit', undefined, 'query', { policy_slug: 'nope' });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'rest_invalid_param' } });
  });

  it("enforces the chosen policy's per-minute limit on sends of both versions, with Retry-After", async () => {
    const chosen = await v2(sandbox, 'PATCH', '/session/rate-limit', undefined, 'query', {
      policy_slug: 'standard_policy',
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    const limit = chosen.body.policies.find((p: { slug: string }) => p.slug === 'standard_policy').limits
      .send_message_per_minute as number;
    expect(limit).toBeGreaterThan(0);
    await sandbox.advance(61_000);
    for (let i = 0; i < limit; i++) {
      const res =
        i % 2 === 0
          ? await v2(sandbox, 'POST', '/send/text', { chatId: CHAT, message: `n${i}` })
          : await api(sandbox, 'POST', '/send', { chatId: CHAT, message: `n${i}` });
      expect(res.status, `send ${i + 1} of ${limit}`).toBe(200);
    }
    const refusedV1 = await api(sandbox, 'POST', '/send', { chatId: CHAT, message: 'one too many' });
    const refusedV2 = await v2(sandbox, 'POST', '/send/text', { chatId: CHAT, message: 'one too many' });
    for (const refused of [refusedV1, refusedV2]) {
      expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    // Reads are not sends; after the minute, sending works again.
    expect((await api(sandbox, 'POST', '/chats')).status).toBe(200);
    await sandbox.advance(61_000);
    expect((await v2(sandbox, 'POST', '/send/text', { chatId: CHAT, message: 'later' })).status).toBe(200);
  });

  it('a scenario can start with a policy in force; a free account is refused a paid one', async () => {
    const box = await startSandbox({
      clock: 'manual',
      scenario: { instances: [{ id: 'i1', accessToken: 't1', plan: 'free', rateLimitPolicy: 'standard_policy' }] },
    });
    try {
      expect((await v2(box, 'GET', '/session/rate-limit')).body.active_policy).toBe('standard_policy');
      const paidOnly = (await v2(box, 'GET', '/session/rate-limit')).body.policies.find(
        (p: { available: boolean }) => !p.available,
      );
      if (paidOnly) {
        const res = await v2(box, 'PATCH', '/session/rate-limit', undefined, 'query', { policy_slug: paidOnly.slug });
        expect(res).toMatchObject({ status: 403, body: { code: 'subscription_required' } });
      }
    } finally {
      await box.close();
    }
  });
});
