import { existsSync, readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { addWebhooksSection } from '../scripts/openapi-webhooks.mjs';
import { findExampleProblems } from '../src/example-problems.mjs';
import { refName, resolveRef } from '../src/spec-tools.mjs';
import { clone, loadBundle } from './load.js';

const openapi = loadBundle('openapi');
const asyncapi = loadBundle('asyncapi');
const restSchemaDir = new URL('../openapi/components/schemas/', import.meta.url).pathname;
const messages = Object.values(asyncapi.channels.webhook.messages as Record<string, any>);
const EVENTS = [
  'session.status',
  'message',
  'message.reaction',
  'message.any',
  'message.ack',
  'message.revoked',
  'message.edited',
  'group.v2.join',
  'group.v2.leave',
  'group.v2.update',
  'group.v2.participants',
  'presence.update',
  'poll.vote.failed',
  'chat.archive',
  'call.received',
  'call.accepted',
  'call.rejected',
  'label.upsert',
  'label.deleted',
  'label.chat.added',
  'label.chat.deleted',
  'event.response',
  'event.response.failed',
  'engine.event',
];

describe('AsyncAPI webhooks', () => {
  it('describes the 24 vendor events, each with a receive operation and at least one example', () => {
    expect(messages.map((m) => m.name).sort()).toEqual([...EVENTS].sort());
    const operationMessages = Object.values(asyncapi.operations as Record<string, any>).map((op) => {
      expect(op.action).toBe('receive');
      return op.messages.map((m: any) => m.name ?? refName(m.$ref));
    });
    expect(operationMessages.flat().sort()).toEqual([...EVENTS].sort());
    for (const m of messages) expect(m.examples.length, m.name).toBeGreaterThan(0);
  });

  it('is a valid AsyncAPI 3.0 document for the official parser', async () => {
    const text = readFileSync(new URL('../dist/asyncapi.json', import.meta.url), 'utf8');
    const { document, diagnostics } = await new Parser().parse(text);
    // Severity 0 is an error; warnings and hints are left to the linter.
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`)).toEqual([]);
    expect(document?.allMessages().length).toBe(24);
    // The parser loads its JSON schemas on first use (several seconds on a busy machine).
  }, 120_000);

  it('reuses the REST component schemas instead of copies', () => {
    const schemas = asyncapi.components.schemas;
    for (const name of ['Message', 'Label', 'LabelChatAssociation', 'GroupInfo', 'ChatPresences', 'MeInfo']) {
      expect(schemas[name]?.title, name).toBe(name);
      expect(existsSync(`${restSchemaDir}${name}.yaml`)).toBe(true);
    }
  });
});

describe('OpenAPI webhooks section (generated from AsyncAPI at bundle time)', () => {
  it('has one POST per event, with the message payload and its examples', () => {
    expect(Object.keys(openapi.webhooks).sort()).toEqual([...EVENTS].sort());
    for (const m of messages) {
      const post = openapi.webhooks[m.name].post;
      const media = post.requestBody.content['application/json'];
      expect(media.schema.allOf[1].properties.event.const).toBe(m.name);
      expect(Object.values(media.examples).map((e: any) => e.value)).toEqual(m.examples.map((e: any) => e.payload));
      expect(post.tags).toEqual(['Webhooks']);
      expect(Object.keys(post.responses)).toEqual([
        '200',
        '400',
        '401',
        '405',
        '408',
        '409',
        '413',
        '415',
        '500',
        '503',
      ]);
      expect(post.security).toEqual([{ webhookHmacSignature: [] }, { webhookUrlSecret: [] }]);
      expect(post.parameters.map((p: any) => p.name)).toContain('X-Webhook-Hmac');
    }
  });

  it('shares REST schemas by name and prefixes webhook-only ones, so nothing collides', () => {
    const schemas = openapi.components.schemas;
    expect(schemas.WebhookEnvelope.title).toBe('WebhookEnvelope');
    expect(schemas.WebhookMessagePayload.allOf[0].$ref).toBe('#/components/schemas/Message');
    expect(schemas.Envelope).toBeUndefined();
    const refs = JSON.stringify(openapi.webhooks).match(/#\/components\/schemas\/[A-Za-z0-9]+/g) ?? [];
    for (const ref of refs) expect(resolveRef(openapi, { $ref: ref }).node, ref).toBeDefined();
  });

  it('validates every webhook example against its schema', () => {
    const onlyWebhooks = { ...clone(openapi), paths: {} };
    expect(findExampleProblems(onlyWebhooks)).toEqual([]);
  });

  it('refuses a webhook schema that would silently replace a different REST schema', () => {
    const rest = clone(openapi);
    delete rest.webhooks;
    rest.components.schemas.Message = { ...rest.components.schemas.Message, description: 'changed' };
    expect(() => addWebhooksSection(rest, clone(asyncapi), { restSchemaDir })).toThrow(/schema Message differs/);
  });
});
