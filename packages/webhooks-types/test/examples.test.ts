import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { webhookExamples } from '../src/generated/examples.js';
import { parseWebhook, webhookEventNames } from '../src/index.js';

// The bundled AsyncAPI document is the source of the examples; tsc has already checked each
// one against its generated type (`satisfies` in src/generated/examples.ts).
const asyncapi = createRequire(import.meta.url)('@wawp/spec/asyncapi.json');
const messages: Record<string, { name: string; examples: { payload: unknown }[] }> = asyncapi.channels.webhook.messages;

describe('every documented example', () => {
  it('covers all 24 events, each with at least one example', () => {
    expect(webhookEventNames).toHaveLength(24);
    expect(new Set(webhookExamples.map((e) => e.event))).toEqual(new Set(webhookEventNames));
    const inSpec = Object.values(messages).reduce((n, m) => n + m.examples.length, 0);
    expect(webhookExamples).toHaveLength(inSpec);
  });

  it.each(webhookExamples.map((e) => [`${e.event} / ${e.name}`, e] as const))(
    '%s validates with the build-time validator and parses to the same value',
    (_, example) => {
      const parsed = parseWebhook(JSON.stringify(example.value));
      expect(parsed).toEqual(example.value);
      expect(parsed.event).toBe(example.event);
    },
  );

  it('keeps the type-checked copies identical to the spec', () => {
    for (const message of Object.values(messages)) {
      const copies = webhookExamples.filter((e) => e.event === message.name).map((e) => e.value);
      expect(copies).toEqual(message.examples.map((e) => e.payload));
    }
  });
});
