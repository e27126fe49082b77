// Every operation, answered by the sandbox from state: called with its own documented
// example against a world that holds the ids those examples name, it answers 2xx with a body
// that validates against the documented response schema. The world is reset before each
// call so a delete or a logout does not change what the next operation sees.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { buildRequest, createResponseValidator, listOperations, loadOpenApi } from '../support/openapi.js';

const doc = loadOpenApi();
const operations = listOperations(doc);
const check = createResponseValidator(doc);
const scenario = fileURLToPath(new URL('./fixtures/examples.scenario.yaml', import.meta.url));
/** Operations that only make sense while the session waits for a login. */
const NEEDS_LOGIN = new Set(['getQrCode', 'requestPairingCode']);
const SESSION_TAGS = new Set(['Sessions', 'Authentication']);

describe('every operation in sandbox mode', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario });
  });
  beforeEach(() => sandbox.reset());
  afterAll(() => sandbox.close());

  it.each(operations.map((o) => [`${o.method} ${o.path} (${o.id})`, o] as const))('%s', async (_name, operation) => {
    if (NEEDS_LOGIN.has(operation.id)) {
      await fetch(
        `${sandbox.url}/session/logout?instance_id=${sandbox.instanceId}&access_token=${sandbox.accessToken}`,
        {
          method: 'POST',
        },
      );
      await sandbox.advance(60_000);
      sandbox.clearRequests();
    }
    const { url, init } = buildRequest(doc, operation, sandbox.url);
    const res = await fetch(url, init);
    const text = await res.text();
    expect(res.status, text).toBeGreaterThanOrEqual(200);
    expect(res.status, text).toBeLessThan(300);
    expect(check(operation, res.status, res.headers.get('content-type'), text).problem).toBeUndefined();
    const [entry] = sandbox.requests();
    expect(entry?.operationId).toBe(operation.id);
  });

  it('on a stopped session, every operation that needs WhatsApp answers the documented 404 server_not_found', async () => {
    await fetch(`${sandbox.url}/session/stop?instance_id=${sandbox.instanceId}&access_token=${sandbox.accessToken}`, {
      method: 'POST',
    });
    const needing = operations.filter((o) => !o.op.tags?.some((t: string) => SESSION_TAGS.has(t)));
    expect(needing.length).toBeGreaterThan(80);
    for (const operation of needing) {
      const { url, init } = buildRequest(doc, operation, sandbox.url);
      const res = await fetch(url, init);
      const text = await res.text();
      expect([operation.id, res.status, JSON.parse(text).code]).toEqual([operation.id, 404, 'server_not_found']);
      expect(check(operation, res.status, res.headers.get('content-type'), text).problem).toBeUndefined();
    }
  });

  it('answers at least the session, message and chat operations from state, not from examples', async () => {
    const q = `instance_id=${sandbox.instanceId}&access_token=${sandbox.accessToken}`;
    const sent = await (
      await fetch(`${sandbox.url}/send?${q}&chatId=447700900123@c.us&message=state`, { method: 'POST' })
    ).json();
    const list = await (await fetch(`${sandbox.url}/chats/447700900123%40c.us/messages?${q}&limit=1`)).json();
    expect(list).toEqual([expect.objectContaining({ id: sent.id, body: 'state' })]);
  });
});
