// The v2 client: where its token travels (query by default, `access-token` header or Bearer),
// what it refuses, that it shares the v1 core's retries, hooks and redaction, and that one
// sandbox answers both versions over one state: sent through v2, read through v1, and back.
import { type Sandbox, startSandbox } from '@wawp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWawpClient, WawpApiError, type WawpHookInfo } from '../src/index.js';
import { createWawp } from '../src/operations.js';
import { type CredentialPlacement, createWawpV2, createWawpV2Client, DEFAULT_V2_BASE_URL } from '../src/v2.js';
import { everythingAbout } from './support/observed-client.js';

const TOKEN = 'v2-s3cr3t-token';
const CHAT = '447700900123@c.us';

function observed(credentials?: CredentialPlacement, respond: () => Response = () => Response.json({})) {
  const requests: Request[] = [];
  const client = createWawpV2Client({
    instanceId: 'INST',
    accessToken: TOKEN,
    baseUrl: 'https://api.test/v2',
    retry: false,
    ...(credentials ? { credentials } : {}),
    fetch: async (request) => {
      requests.push(request);
      return respond();
    },
  });
  return { client, wawp: createWawpV2(client), requests };
}

describe('where the v2 token travels', () => {
  it.each([
    [undefined, { query: TOKEN, header: null, authorization: null }],
    ['query', { query: TOKEN, header: null, authorization: null }],
    ['header', { query: null, header: TOKEN, authorization: null }],
    ['bearer', { query: null, header: null, authorization: `Bearer ${TOKEN}` }],
  ] as const)('credentials %s', async (credentials, expected) => {
    const { wawp, requests } = observed(credentials);
    await wawp.messages.sendText({ chatId: CHAT, message: 'Hi' });
    const [request] = requests;
    const url = new URL(request!.url);
    expect(url.pathname).toBe('/v2/send/text');
    // The instance always travels in the query string; the token only where chosen.
    expect(url.searchParams.get('instance_id')).toBe('INST');
    expect(url.searchParams.get('access_token')).toBe(expected.query);
    expect(request!.headers.get('access-token')).toBe(expected.header);
    expect(request!.headers.get('authorization')).toBe(expected.authorization);
    // v2 documents its non-credential fields in a JSON body.
    expect(await request!.json()).toEqual({ chatId: CHAT, message: 'Hi' });
  });

  it('defaults to the production v2 root of the description', () => {
    expect(DEFAULT_V2_BASE_URL).toBe('https://api.wawp.net/v2');
    expect(createWawpV2Client({ accessToken: 't' }).core).toMatchObject({ api: 'v2', baseUrl: DEFAULT_V2_BASE_URL });
  });

  it('refuses a placement it does not know, and a token a header cannot carry, naming the option', () => {
    expect(() => createWawpV2Client({ accessToken: 't', credentials: 'cookie' as never })).toThrow(
      /createWawpV2Client: `credentials` must be one of 'query', 'header', 'bearer'/,
    );
    for (const bad of ['line\nbreak', ' padded ', 'ünïcode', 'tab\there']) {
      let thrown: unknown;
      try {
        createWawpV2({ accessToken: bad, credentials: 'bearer' });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect(String((thrown as Error).message)).toMatch(/`accessToken` must be printable ASCII/);
      expect(everythingAbout(thrown)).not.toContain(bad.trim());
    }
    // In the query string, any text goes (it is percent-encoded), as in v1.
    expect(() => createWawpV2Client({ accessToken: 'ünï code' })).not.toThrow();
    expect(() => createWawpV2Client({ accessToken: '' })).toThrow(
      /createWawpV2Client: `accessToken` must be a non-empty/,
    );
  });

  it('an operation face takes only a client of its own version', () => {
    const v1 = createWawpClient({ accessToken: 't' });
    const v2 = createWawpV2Client({ accessToken: 't' });
    expect(() => createWawpV2(v1 as never)).toThrow(/createWawpV2: this client speaks the v1 API/);
    expect(() => createWawp(v2 as never)).toThrow(/createWawp: this client speaks the v2 API/);
    expect(createWawpV2(v2).client).toBe(v2);
  });
});

describe('the same core as v1: errors, retries, hooks and redaction', () => {
  it('retries a read v2 takes as POST (session/info), and the hooks never see the header token', async () => {
    let calls = 0;
    const seen: WawpHookInfo[] = [];
    const record = (info: WawpHookInfo) => void seen.push(info);
    const wawp = createWawpV2({
      instanceId: 'INST',
      accessToken: TOKEN,
      credentials: 'header',
      baseUrl: 'https://api.test/v2',
      retry: { attempts: 3, baseDelayMs: 0 },
      hooks: { onRequest: record, onResponse: record, onRetry: record },
      fetch: async () =>
        ++calls < 3
          ? Response.json({ code: 'busy', message: `busy, token ${TOKEN}` }, { status: 503 })
          : Response.json({ name: 'default', status: 'WORKING', config: {}, me: null }),
    });
    const info = await wawp.sessions.getInfo();
    expect(info.status).toBe('WORKING');
    expect(calls).toBe(3);
    expect(seen.map((s) => s.attempt)).toEqual([1, 1, 1, 2, 2, 2, 3, 3]);
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
  });

  it('an API error keeps the code and redacts the token echoed from a header', async () => {
    const { wawp } = observed('bearer', () =>
      Response.json(
        { code: 'invalid_access_token', message: `Bearer ${TOKEN} is not valid` },
        { status: 401, headers: { 'x-echo': `Bearer ${TOKEN}` } },
      ),
    );
    const error = (await wawp.sessions.getInfo().catch((e: unknown) => e)) as WawpApiError;
    expect(error).toBeInstanceOf(WawpApiError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_access_token', method: 'POST', path: '/session/info' });
    expect(error.headers['x-echo']).toBe('Bearer [REDACTED]');
    expect(everythingAbout(error)).not.toContain(TOKEN);
  });
});

describe('one sandbox, both versions: sent through one, read through the other', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      clock: 'manual',
      scenario: { instances: [{ id: 'inst-1', accessToken: 'tok-secret-1' }] },
    });
  });
  afterAll(() => sandbox?.close());
  const credentials = () => ({
    instanceId: sandbox.instanceId,
    accessToken: sandbox.accessToken,
    retry: false as const,
  });

  it.each(['query', 'header', 'bearer'] as const)(
    'v2 (token in %s) sends, v1 lists the chat and reads the message, then v1 sends and v2 reads it',
    async (placement) => {
      const v1 = createWawp({ ...credentials(), baseUrl: sandbox.url });
      const v2 = createWawpV2({ ...credentials(), baseUrl: `${sandbox.url}/v2`, credentials: placement });

      // v2's send answer may also be a queued send or a 2xx error (SendOutcome); the sandbox sends at once.
      const sent = (await v2.messages.sendText({ chatId: CHAT, message: `through v2, ${placement}` })) as {
        id: string;
      };
      const chats = await v1.chats.list({});
      expect(chats.map((c) => c.id)).toContain(CHAT);
      const inV1 = await v1.chats.getMessages({ chatId: CHAT, limit: 50 });
      expect(inV1.find((m) => m.id === sent.id)?.body).toBe(`through v2, ${placement}`);

      const back = await v1.messages.sendText({ chatId: CHAT, message: `through v1, ${placement}` });
      const inV2 = await v2.chats.getMessages({ chatId: CHAT, limit: 50 });
      expect(inV2.find((m) => m.id === back.id)?.body).toBe(`through v1, ${placement}`);
      // The path face of v2 reads the same state.
      const { data } = await v2.client.GET('/chats', {});
      expect(data?.map((c) => c.id)).toContain(CHAT);

      const journal = sandbox.requests({ operationId: 'sendText' }).slice(-2);
      expect(journal.map((e) => [e.api, e.path, e.status])).toEqual([
        ['v2', '/v2/send/text', 200],
        ['v1', '/send', 200],
      ]);
    },
  );
});
