// The schema rewrites of the webhook generator: schema positions only, so a payload property
// named like a keyword (`examples`, `type`, `title`) is kept as a property.
import { describe, expect, it } from 'vitest';
import { anyAsUnknown, closeForTypes, moveRefs, stripAnnotations } from '../scripts/lib/schemas.mjs';

describe('closeForTypes', () => {
  it.each([
    [
      'drops schema examples but keeps a property named examples',
      {
        given: { type: 'object', examples: [{}], properties: { examples: { type: 'array', examples: [[1]] } } },
        want: { type: 'object', properties: { examples: { type: 'array' } } },
      },
    ],
    [
      'closes an object that lists its properties',
      {
        given: { type: 'object', additionalProperties: true, properties: { a: { type: 'string' } } },
        want: { type: 'object', properties: { a: { type: 'string' } } },
      },
    ],
    [
      'keeps a free-form object open',
      {
        given: { type: 'object', additionalProperties: true },
        want: { type: 'object', additionalProperties: true },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(closeForTypes(given)).toEqual(want);
  });
});

describe('anyAsUnknown', () => {
  it.each([
    ['a schema without shape', { given: { description: 'any' }, want: { description: 'any', tsType: 'unknown' } }],
    [
      'a property named type is not a type keyword',
      {
        given: { type: 'object', properties: { type: { description: 'free' } } },
        want: { type: 'object', properties: { type: { description: 'free', tsType: 'unknown' } } },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(anyAsUnknown(given)).toEqual(want);
  });
});

describe('moveRefs and stripAnnotations', () => {
  it('moves references without touching lookalike strings, and strips annotations only as keywords', () => {
    const schema = {
      title: 'T',
      properties: {
        a: { $ref: '#/components/schemas/A' },
        title: { const: '#/components/schemas/A', description: 'kept as a property' },
      },
    };
    expect(stripAnnotations(moveRefs(schema, '#/components/schemas/', '#/definitions/'))).toEqual({
      properties: { a: { $ref: '#/definitions/A' }, title: { const: '#/components/schemas/A' } },
    });
  });
});
