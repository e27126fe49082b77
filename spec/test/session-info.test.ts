import { describe, expect, it } from 'vitest';
import { loadBundle } from './load.js';

const openapi = loadBundle('openapi');
const op = openapi.paths['/session/info'].get;
const schemas = openapi.components.schemas;

// The vendor's v1 page for GET /session/info, copied value for value: the primary source.
const documentedAnswer = {
  name: 'newsession',
  status: 'STARTING',
  config: {
    metadata: {
      user_id: '4580',
      display_name: 'Wawp support',
      user_email: 'email@sitename.tld',
      access_token: '123456789',
      instance_id: '123456789',
    },
    webhooks: [
      {
        url: 'https://webhookurl/webhook-test/99b85cb1-b96a-4269-9957-30ed2e5e0c97',
        events: ['message', 'message.any', 'call.received', 'call.rejected'],
        retries: { attempts: 1 },
      },
    ],
  },
  me: { id: '447441429009@c.us', pushName: 'whatsappname', jid: '447441429009:97@s.whatsapp.net' },
  engine: { grpc: { client: 'READY', stream: 'READY' }, gows: { found: true, connected: true } },
};

describe('GET /session/info', () => {
  const examples = op.responses['200'].content['application/json'].examples;

  it("shows the vendor's documented answer first, value for value, naming the page", () => {
    const entries = Object.entries(examples as Record<string, { summary: string; value: unknown }>);
    expect(entries[0]?.[0]).toBe('documented');
    expect(entries[0]?.[1].value).toEqual(documentedAnswer);
    expect(entries[0]?.[1].summary).toMatch(/vendor's v1 page/);
  });

  it("keeps the v2 page's smaller example, labelled as v2's", () => {
    expect(examples.working.summary).toMatch(/v2 page/);
    expect(examples.working.value.name).toBe('wawp-84729105');
  });

  it('declares every field of the documented answer', () => {
    expect(Object.keys(schemas.MeInfo.properties)).toEqual(expect.arrayContaining(['id', 'pushName', 'jid']));
    expect(Object.keys(schemas.SessionEngine.properties)).toEqual(['grpc', 'gows']);
    expect(Object.keys(schemas.SessionEngine.properties.grpc.properties)).toEqual(['client', 'stream']);
    expect(Object.keys(schemas.SessionEngine.properties.gows.properties)).toEqual(['found', 'connected']);
    expect(Object.keys(schemas.SessionMetadata.properties)).toEqual([
      'user_id',
      'display_name',
      'user_email',
      'access_token',
      'instance_id',
    ]);
  });

  it('marks the echoed access token as the caller’s secret and warns about it', () => {
    const token = schemas.SessionMetadata.properties.access_token;
    expect(token['x-wawp-secret']).toBe(true);
    expect(token.description).toMatch(/never log/i);
    expect(op.description).toMatch(/carries your access token/);
  });

  it('no longer says that `me` is null while STARTING', () => {
    expect(schemas.SessionInfo.description).toMatch(/`STARTING`/);
    expect(schemas.SessionInfo.description).not.toMatch(
      /once the instance is linked to a\s+WhatsApp account \(`WORKING`\)/,
    );
  });

  it('writes down the status words, polling intervals, cache TTLs and the 400 answer', () => {
    for (const word of ['Online', 'Working', 'Offline']) expect(op.description).toContain(`| ${word} |`);
    expect(op.description).toMatch(/every 3 to 5 seconds/);
    expect(op.description).toMatch(/at most once a minute/);
    expect(op.description).toMatch(/\*\*5 seconds\*\*/);
    expect(op.description).toMatch(/\*\*30 seconds\*\*/);
    const badRequest = op.responses['400'];
    expect(badRequest.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/WawpError' });
    expect(Object.values(badRequest.content['application/json'].examples)).toHaveLength(1);
  });
});
