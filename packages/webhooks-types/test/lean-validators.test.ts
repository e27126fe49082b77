// The shipped validators are compiled `lean` (without ajv's evaluated-properties tracking and
// dynamic-anchor passing, and with patterns compiled without the `u` flag). These tests compile the spec's schemas both ways and check that the
// two accept and reject exactly the same deliveries, with the same errors, on many generated
// variants of every documented example.
import { createRequire } from 'node:module';
import { refName, resolveRef } from '@wawp/spec/tools';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENVELOPE_ID,
  eventSchemaId,
  sameWithoutUnicodeFlag,
  validatorAjv,
  validatorSchemas,
} from '../scripts/lib/validators.mjs';
import { webhookExamples } from '../src/generated/examples.js';

const asyncapi = createRequire(import.meta.url)('@wawp/spec/asyncapi.json');
const messages = Object.values(asyncapi.channels.webhook.messages).map(
  (raw) => resolveRef(asyncapi, raw).node as { name: string; payload: { allOf: { $ref?: string }[] } },
);
const envelope = refName(messages[0]!.payload.allOf.find((part) => part.$ref)!.$ref!);
const schemas = validatorSchemas(
  asyncapi.components.schemas,
  envelope,
  messages.map((m) => ({ event: m.name, payload: m.payload })),
);
const lean = validatorAjv({ lean: true, schemas });
const tracked = validatorAjv({ lean: false, schemas });
const ids = [ENVELOPE_ID, ...messages.map((m) => eventSchemaId(m.name))];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path into `value` (the root included), so an edit can land at any depth. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const here = [at];
  if (value === null || typeof value !== 'object') return here;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return here.concat(...entries.map(([key, child]) => pathsOf(child, [...at, key])));
}

type Edit = { at: number; op: 'set' | 'delete' | 'null' | 'add' | 'poke'; value: Json; name: string; char: string };

/** `value` with the edits applied, each at one of its paths chosen by `at`. */
function edited(value: Json, edits: Edit[]): Json {
  let root = structuredClone(value);
  for (const edit of edits) {
    const paths = pathsOf(root);
    const path = paths[edit.at % paths.length]!;
    if (path.length === 0) {
      root = edit.op === 'null' ? null : edit.op === 'set' ? edit.value : root;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, root) as
      | Record<string, Json>
      | Json[];
    const key = path[path.length - 1]!;
    const target = parent as Record<string | number, Json>;
    if (edit.op === 'delete' && !Array.isArray(parent)) delete target[key];
    else if (edit.op === 'null') target[key] = null;
    else if (edit.op === 'set') target[key] = edit.value;
    else if (
      edit.op === 'add' &&
      target[key] !== null &&
      typeof target[key] === 'object' &&
      !Array.isArray(target[key])
    )
      (target[key] as Record<string, Json>)[edit.name] = edit.value;
    else if (edit.op === 'poke' && typeof target[key] === 'string') {
      // One character of a string (an id, a phone number) swapped for another, which can be
      // half a surrogate pair or a whole one: near misses for the patterns.
      const text = target[key] as string;
      const at = edit.at % (text.length + 1);
      target[key] = text.slice(0, at) + edit.char + text.slice(at + 1);
    }
  }
  return root;
}

const edit = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<Edit['op']>('set', 'delete', 'null', 'add', 'poke', 'poke'),
  value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  name: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('id', 'event', 'payload', 'me', 'media', 'ack')),
  char: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
    fc.constantFrom('', '_', ' ', '0', 'a', '@', '.', 'Z', '\n'),
  ),
});

/** What each validator says about `value`: its verdict and its errors. */
const verdicts = (ajv: typeof lean, value: unknown) =>
  ids.map((id) => {
    const validate = ajv.getSchema(id)!;
    const ok = validate(value);
    return { id, ok, errors: validate.errors ?? null };
  });

describe('lean validators', () => {
  it('accept every documented example, as the tracking ones do', () => {
    for (const { event, value } of webhookExamples) {
      expect(lean.getSchema(eventSchemaId(event))!(value)).toBe(true);
      expect(verdicts(lean, value)).toEqual(verdicts(tracked, value));
    }
  });

  it('accept and reject the same edited examples, with the same errors', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 }), (pick, edits) => {
        const example = webhookExamples[pick % webhookExamples.length]!.value as Json;
        const value = edited(example, edits);
        const mine = verdicts(lean, value);
        expect(mine).toEqual(verdicts(tracked, value));
        rejected += mine.filter((v) => !v.ok).length;
      }),
      { numRuns: 3000 },
    );
    // The edits must reach the rules, or the comparison proves nothing.
    expect(rejected).toBeGreaterThan(3000);
  });

  it('compile every pattern of the spec to one that means the same without the u flag', () => {
    const patterns = new Set<string>();
    JSON.stringify(schemas, (key, value) => {
      if (key === 'pattern' && typeof value === 'string') patterns.add(value);
      return value;
    });
    expect(patterns.size).toBeGreaterThan(5);
    for (const pattern of patterns) {
      expect(sameWithoutUnicodeFlag(pattern), pattern).toBe(true);
      const strings = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), 300);
      for (const text of strings) expect(new RegExp(pattern).test(text)).toBe(new RegExp(pattern, 'u').test(text));
    }
  });

  it.each([
    ['^[^_]{2}$', '\u{1F600}'],
    ['^.$', '\u{1F600}'],
    ['^\\S{2}$', '\u{1F600}'],
  ])('refuse a pattern that matches differently without the u flag: %s', (pattern, text) => {
    expect(new RegExp(pattern).test(text)).not.toBe(new RegExp(pattern, 'u').test(text));
    expect(sameWithoutUnicodeFlag(pattern)).toBe(false);
    expect(() => validatorAjv({ lean: true, schemas: [{ $id: 'urn:test', type: 'string', pattern }] })).toThrow(
      'without the u flag',
    );
  });

  it('refuse a schema that needs the tracking they leave out', () => {
    for (const keyword of ['unevaluatedProperties', '$dynamicRef']) {
      expect(() => validatorAjv({ lean: true, schemas: [{ $id: 'urn:test', allOf: [{ [keyword]: false }] }] })).toThrow(
        keyword,
      );
    }
  });
});
