// Every object schema that accepts members it does not declare says why, in
// `x-wawp-open-reason`; one without a reason is a gap in the description (or should be
// closed with `additionalProperties: false`). The walk covers both bundles: components,
// inline schemas of operations, the derived webhooks and the AsyncAPI messages.
import { describe, expect, it } from 'vitest';
import { escapePointer, resolveRef } from '../src/spec-tools.mjs';
import { clone, loadBundle } from './load.js';
import { OPEN_REASON } from './undeclared-fields.js';

type Node = Record<string, any>;
/** Keys whose values are data, not schemas (a property *named* so is still walked). */
const DATA_KEYS = new Set(['examples', 'example', 'enum', 'const', 'default']);

const isObjectSchema = (s: Node) =>
  s.type === 'object' ||
  (Array.isArray(s.type) && s.type.includes('object')) ||
  (s.type === undefined && typeof s.properties === 'object');
const isOpen = (s: Node) => s.additionalProperties === undefined || s.additionalProperties === true;
const hasReason = (s: Node) => typeof s[OPEN_REASON] === 'string' && s[OPEN_REASON].trim() !== '';

/** An allOf composite is explained when it or one of its parts is closed or says why it is open. */
function compositeExplained(doc: Node, schema: Node): boolean {
  const parts = (schema.allOf as Node[]).map((p) => resolveRef(doc, p).node ?? {});
  if (!isObjectSchema(schema) && !parts.some((p) => isObjectSchema(p) || Array.isArray(p.allOf))) return true;
  return [schema, ...parts].some(
    (s) =>
      hasReason(s) ||
      (isObjectSchema(s) && !isOpen(s)) ||
      (s !== schema && Array.isArray(s.allOf) && compositeExplained(doc, s)),
  );
}

/** The pointers of every open object schema without a reason. */
export function unexplainedOpenObjects(doc: Node): string[] {
  const found: string[] = [];
  const walk = (node: unknown, pointer: string, { inMap = false, allOfPart = false } = {}) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) walk(child, `${pointer}/${i}`, { allOfPart });
      return;
    }
    const schema = node as Node;
    if (!inMap && typeof schema.$ref !== 'string') {
      if (Array.isArray(schema.allOf)) {
        if (!compositeExplained(doc, schema)) found.push(pointer);
      } else if (!allOfPart && isObjectSchema(schema) && isOpen(schema) && !hasReason(schema)) {
        found.push(pointer);
      }
    }
    for (const [key, child] of Object.entries(schema)) {
      if (!inMap && (DATA_KEYS.has(key) || key.startsWith('x-'))) continue;
      walk(child, `${pointer}/${escapePointer(key)}`, {
        inMap: !inMap && (key === 'properties' || key === 'patternProperties'),
        allOfPart: !inMap && key === 'allOf',
      });
    }
  };
  walk(doc, '#');
  return found;
}

describe('every open object says why it is open', () => {
  it.each(['openapi', 'asyncapi'] as const)('in the %s bundle', (name) => {
    expect(unexplainedOpenObjects(loadBundle(name))).toEqual([]);
  });

  it('finds a new open object without a reason, inline or in a component', () => {
    const broken = clone(loadBundle('openapi'));
    broken.components.schemas.ChatPicture['x-wawp-open-reason'] = undefined;
    broken.components.schemas.Fresh = { type: 'object', properties: { a: { type: 'string' } } };
    broken.components.schemas.Closed = { type: 'object', additionalProperties: false };
    broken.components.schemas.Map = { type: 'object', additionalProperties: { type: 'string' } };
    expect(unexplainedOpenObjects(broken)).toEqual(['#/components/schemas/ChatPicture', '#/components/schemas/Fresh']);
  });

  it('judges an allOf by its composite, and walks properties named like keywords', () => {
    const doc = {
      components: {
        schemas: {
          Base: { type: 'object', properties: { a: {} }, 'x-wawp-open-reason': 'engines add fields' },
          Explained: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { b: {} } }] },
          Unexplained: {
            allOf: [
              { type: 'object', properties: { a: {} } },
              { type: 'object', properties: { b: {} } },
            ],
          },
          Tricky: {
            type: 'object',
            additionalProperties: false,
            properties: { examples: { type: 'object', properties: { c: {} } } },
          },
        },
      },
    };
    expect(unexplainedOpenObjects(doc)).toEqual([
      '#/components/schemas/Unexplained',
      '#/components/schemas/Tricky/properties/examples',
    ]);
  });
});
