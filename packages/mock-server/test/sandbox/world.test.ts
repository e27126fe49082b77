// The sandbox as a whole: every paged list ends with the right total, reset returns to the
// scenario, two sandboxes share nothing, a broken scenario file is refused with the place of
// the mistake, and the control endpoints work over HTTP.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type Scenario, ScenarioError, startSandbox } from '../../src/index.js';
import { listOperations, loadOpenApi } from '../support/openapi.js';
import { api } from './helpers.js';

const doc = loadOpenApi();
const contact = (i: number) => `4477009${String(10_000 + i)}@c.us`;
const CONTACTS = 23;
const MESSAGES = 37;
const big: Scenario = {
  clock: 'manual',
  instances: [
    {
      id: 'big',
      accessToken: 'big-token',
      contacts: Array.from({ length: CONTACTS }, (_, i) => ({ id: contact(i), name: `Person ${i}` })),
      chats: [
        ...Array.from({ length: CONTACTS }, (_, i) => ({ id: contact(i), messages: [{ body: `hi ${i}` }] })),
        {
          id: contact(0),
          messages: Array.from({ length: MESSAGES }, (_, i) => ({ body: `m${i}`, fromMe: i % 2 === 0 })),
        },
      ],
      groups: Array.from({ length: 4 }, (_, i) => ({ subject: `Group ${i}` })),
    },
  ],
};

describe('pagination', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: big });
  });
  afterAll(() => sandbox.close());

  /** Every list operation of the spec that takes both `limit` and `offset` as parameters. */
  const paged = listOperations(doc).filter((o) => {
    const names = (o.op.parameters ?? []).map(
      (p: { $ref?: string; name?: string }) => p.name ?? p.$ref?.split('/').pop(),
    );
    return names.includes('limit') && names.includes('offset');
  });
  const expected: Record<string, number> = {
    listChats: CONTACTS,
    getChatsOverview: CONTACTS,
    getChatMessages: MESSAGES + 1,
    listContacts: CONTACTS,
    listLids: CONTACTS,
  };

  it('covers every paged list of the spec', () => {
    expect(paged.map((o) => o.id).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s pages to the end with the right total', async (operationId, total) => {
    const operation = paged.find((o) => o.id === operationId)!;
    const path = operation.path.replace('{chatId}', encodeURIComponent(contact(0)));
    const seen: string[] = [];
    for (let offset = 0, pages = 0; ; offset += 5, pages++) {
      expect(pages).toBeLessThan(20);
      const res = await api(sandbox, operation.method, path, { limit: '5', offset: String(offset) });
      expect(res.status).toBe(200);
      seen.push(...res.body.map((item: { id?: string; lid?: string }) => item.id ?? item.lid));
      if (res.body.length < 5) break;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('applies filters before paging', async () => {
    const path = `/chats/${encodeURIComponent(contact(0))}/messages`;
    const mine = await api(sandbox, 'GET', path, { 'filter.fromMe': 'true', limit: '100' });
    expect(mine.body).toHaveLength(Math.ceil(MESSAGES / 2));
    expect(mine.body.every((m: { fromMe: boolean }) => m.fromMe)).toBe(true);
    const few = await api(sandbox, 'POST', '/chats/overview', {}, { pagination: { limit: 3, offset: 21 } });
    expect(few.body).toHaveLength(2);
  });
});

describe('reset and isolation', () => {
  let a: Sandbox;
  let b: Sandbox;
  beforeAll(async () => {
    [a, b] = await Promise.all([startSandbox({ scenario: big }), startSandbox({ scenario: big })]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('two sandboxes share no state, journal or clock', async () => {
    const sent = await api(a, 'POST', '/send', { chatId: contact(1), message: 'only in A' });
    await a.advance(60_000);
    const inA = await api(a, 'GET', `/chats/${encodeURIComponent(contact(1))}/messages`);
    const inB = await api(b, 'GET', `/chats/${encodeURIComponent(contact(1))}/messages`);
    expect(inA.body.map((m: { id: string }) => m.id)).toContain(sent.body.id);
    expect(inB.body.map((m: { id: string }) => m.id)).not.toContain(sent.body.id);
    expect(a.requests({ operationId: 'sendText' })).toHaveLength(1);
    expect(b.requests({ operationId: 'sendText' })).toHaveLength(0);
    expect(a.engine.world.clock.now() - b.engine.world.clock.now()).toBe(60_000);
    expect(a.url).not.toBe(b.url);
  });

  it('reset returns to the scenario, and ids repeat after it', async () => {
    a.reset();
    const first = await api(a, 'POST', '/send', { chatId: contact(2), message: 'x' });
    await api(a, 'POST', '/labels', {}, { name: 'VIP' });
    await a.advance(5000);
    a.fault({ status: 500 });
    a.reset();
    expect(a.requests()).toHaveLength(0);
    expect(a.deliveries()).toHaveLength(0);
    expect((await api(a, 'GET', '/labels')).body).toEqual([]);
    const messages = await api(a, 'GET', `/chats/${encodeURIComponent(contact(2))}/messages`);
    expect(messages.body.map((m: { body: string }) => m.body)).toEqual(['hi 2']);
    const again = await api(a, 'POST', '/send', { chatId: contact(2), message: 'x' });
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.timestamp).toBe(first.body.timestamp);
  });
});

describe('scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wawp-scenario-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('refuses a broken file at start with the file, the path inside it and what is wrong', async () => {
    const file = write(
      'broken.yaml',
      'instances:\n  - id: shop\n    accessToken: t\n    contacts:\n      - id: "12345"\n      - id: not-a-number\n',
    );
    const error = await startSandbox({ scenario: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toContain(file);
    expect((error as ScenarioError).problems).toEqual([
      expect.objectContaining({
        path: '/instances/0/contacts/0/id',
        message: expect.stringMatching(/must match pattern/),
      }),
      expect.objectContaining({ path: '/instances/0/contacts/1/id' }),
    ]);
  });

  it.each([
    ['not YAML', 'instances: [\n', /line 2/],
    [
      'an unknown field',
      'instances:\n  - { id: a, accessToken: t, colour: red }\n',
      /\/instances\/0: unknown field "colour"/,
    ],
    [
      'a wrong status',
      'instances:\n  - { id: a, accessToken: t, status: ON }\n',
      /\/instances\/0\/status: must be equal to one of the allowed values: STOPPED/,
    ],
    ['no instances', 'seed: 1\n', /\(root\): must have required property 'instances'/],
    [
      'a duplicate instance',
      'instances:\n  - { id: a, accessToken: t }\n  - { id: a, accessToken: u }\n',
      /\/instances\/1\/id: instance a is listed twice/,
    ],
    ['a missing file', null, /cannot be read \(ENOENT\)/],
  ])('refuses %s', async (_what, text, message) => {
    const file = text === null ? join(dir, 'absent.yaml') : write(`case-${Math.random()}.yaml`, text);
    await expect(startSandbox({ scenario: file })).rejects.toThrow(message);
  });

  it('accepts JSON as well as YAML', async () => {
    const file = write('ok.json', JSON.stringify({ clock: 'manual', instances: [{ id: 'j', accessToken: 'tj' }] }));
    const sandbox = await startSandbox({ scenario: file });
    expect([sandbox.instanceId, sandbox.accessToken]).toEqual(['j', 'tj']);
    await sandbox.close();
  });
});

describe('the default scenario and the control endpoints over HTTP', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ clock: 'manual' });
  });
  afterAll(() => sandbox.close());

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/__wawp${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-wawp-control-token': sandbox.controlToken },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json() };
  };

  it('serves the docs instance, WORKING, with the documented answer of session/info', async () => {
    expect([sandbox.instanceId, sandbox.accessToken]).toEqual(['123456789', '123456789']);
    const info = await api(sandbox, 'GET', '/session/info');
    const documented = doc.paths['/session/info'].get.responses['200'].content['application/json'].examples;
    const example = Object.values<{ value: { config: { metadata: { instance_id?: string } } } }>(documented).find(
      (e) => e.value.config?.metadata?.instance_id === '123456789',
    )!.value;
    expect(info.body).toEqual({ ...example, status: 'WORKING' });
  });

  it('refuses every control call without the control token, or with a body that is not JSON', async () => {
    const routes = [
      ['POST', '/inbound'],
      ['GET', '/requests'],
      ['DELETE', '/requests'],
      ['GET', '/deliveries'],
      ['POST', '/clock/advance'],
      ['POST', '/faults'],
      ['DELETE', '/faults'],
      ['POST', '/reset'],
      ['GET', '/state'],
    ];
    for (const [method, path] of routes) {
      for (const token of [undefined, 'wrong', '']) {
        const res = await fetch(`${sandbox.url}/__wawp${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(token !== undefined ? { 'x-wawp-control-token': token } : {}),
          },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        expect([method, path, res.status]).toEqual([method, path, 401]);
        expect(JSON.stringify(await res.json())).not.toContain(sandbox.controlToken);
      }
    }
    const form = await fetch(`${sandbox.url}/__wawp/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-wawp-control-token': sandbox.controlToken },
      body: 'status=500',
    });
    expect(form.status).toBe(415);
    expect(sandbox.engine.world.faults.list()).toEqual([]);
  });

  it('inbound, requests, deliveries, clock, faults, state and reset', async () => {
    const inbound = await control('POST', '/inbound', { from: '447700900123@c.us', type: 'text', body: 'hello' });
    expect(inbound).toMatchObject({
      status: 200,
      body: { type: 'text', instanceId: '123456789', message: { body: 'hello' } },
    });
    expect((await control('POST', '/inbound', { from: 'x', type: 'text' })).body.data.params).toHaveProperty('from');
    sandbox.clearRequests();
    await api(sandbox, 'GET', '/session/info');
    expect((await control('GET', '/requests?operationId=getSessionInfo')).body.requests).toHaveLength(1);
    expect((await control('DELETE', '/requests')).body).toEqual({ cleared: 1 });
    expect((await control('GET', '/requests')).body.requests).toEqual([]);
    // The documented instance's webhook is a remote URL: logged, never delivered.
    const { deliveries } = (await control('GET', '/deliveries')).body;
    expect(deliveries.map((d: { event: string; error: string }) => [d.event, d.error])).toEqual([
      ['message', expect.stringMatching(/not a loopback address/)],
      ['message.any', expect.stringMatching(/not a loopback address/)],
    ]);
    const before = (await control('GET', '/clock')).body.now;
    expect((await control('POST', '/clock/advance', { ms: 1500 })).body).toEqual({
      now: before + 1500,
      mode: 'manual',
    });
    expect((await control('POST', '/clock/advance', { ms: -1 })).status).toBe(400);
    const fault = await control('POST', '/faults', { operationId: 'getSessionInfo', status: 500, times: 1 });
    expect(fault.status).toBe(201);
    expect((await control('GET', '/faults')).body.faults).toHaveLength(1);
    expect((await control('POST', '/faults', { status: 'x' })).status).toBe(400);
    expect((await control('DELETE', `/faults?id=${fault.body.id}`)).body).toEqual({ removed: 1 });
    const state = await control('GET', '/state');
    expect(state.body.instances[0].chats[0].messages[0].body).toBe('hello');
    expect(JSON.stringify(state.body)).not.toContain('"access_token":"123456789"');
    expect((await control('POST', '/reset')).body.reset).toBe(true);
    expect((await control('GET', '/state')).body.instances[0].chats).toEqual([]);
    expect((await control('POST', '/nope')).status).toBe(404);
  });
});
