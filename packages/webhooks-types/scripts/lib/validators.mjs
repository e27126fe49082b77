// @ts-check
// The ajv instance the webhook generator compiles the validators with, in one place so the
// tests can compile the same schemas both ways and compare what they accept.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { moveRefs, stripAnnotations } from './schemas.mjs';

export const ENVELOPE_ID = 'urn:wawp:webhooks:envelope';
const DEFS_ID = 'urn:wawp:webhooks:schemas';
const SCHEMAS = '#/components/schemas/';
/** The `$id` of the validator of one event. @param {string} event */
export const eventSchemaId = (event) => `urn:wawp:webhooks:event:${event}`;

/**
 * What the validators are compiled from: the component schemas as one `$defs` document, the
 * envelope, and each event's payload, with references into `$defs` and no annotation keywords
 * (they would be embedded in the code).
 * @param {Record<string, unknown>} components the AsyncAPI document's `components.schemas`
 * @param {string} envelope the envelope's component name
 * @param {{ event: string, payload: unknown }[]} events each event's message payload
 * @returns {unknown[]}
 */
export function validatorSchemas(components, envelope, events) {
  const toDefs = (/** @type {any} */ schema) => stripAnnotations(moveRefs(schema, SCHEMAS, `${DEFS_ID}#/$defs/`));
  return [
    toDefs({ $id: DEFS_ID, $defs: components }),
    { $id: ENVELOPE_ID, $ref: `${DEFS_ID}#/$defs/${envelope}` },
    ...events.map(({ event, payload }) => ({ $id: eventSchemaId(event), ...toDefs(payload) })),
  ];
}

// The JSON Schema 2020-12 keywords whose bookkeeping `lean` leaves out of the compiled code.
const TRACKED = ['unevaluatedProperties', 'unevaluatedItems', '$dynamicRef', '$dynamicAnchor', '$recursiveRef'];

/**
 * Names the first keyword of `TRACKED` found anywhere in `value` (as a key of any object,
 * so a property that merely has such a name is reported too: a false alarm, never a miss).
 * @param {unknown} value
 * @param {string} at
 * @returns {string | undefined}
 */
export function trackedKeyword(value, at = '#') {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (TRACKED.includes(key)) return `${at}/${key}`;
    const found = trackedKeyword(child, `${at}/${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * True when `pattern` means the same with and without the `u` flag on any string: it is
 * printable ASCII, and nothing in it can match half of a surrogate pair, which only `.`, a
 * negated class or `\\S`, `\\D`, `\\W` can (with `u` they take the pair as one character). A
 * negated class repeated with `+` or `*` is fine: it takes a pair whole or as two halves,
 * either way all of it, and a class of ASCII characters never excludes a half.
 * @param {string} pattern
 */
export function sameWithoutUnicodeFlag(pattern) {
  if (!/^[\x20-\x7e]*$/.test(pattern)) return false;
  const rest = pattern.replace(/\[\^(?:\\.|[^\]\\])*\][+*]/g, '');
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') {
      if ('SDWupP'.includes(rest[i + 1] ?? '')) return false;
      i++;
    } else if (c === '.' || (c === '[' && rest[i + 1] === '^')) {
      return false;
    }
  }
  return true;
}

/**
 * The first `pattern` or `patternProperties` key in `value` that `sameWithoutUnicodeFlag`
 * refuses.
 * @param {unknown} value
 * @returns {string | undefined}
 */
export function unicodeOnlyPattern(value) {
  if (value === null || typeof value !== 'object') return undefined;
  const record = /** @type {Record<string, unknown>} */ (value);
  const patterns = [
    ...(typeof record.pattern === 'string' ? [record.pattern] : []),
    ...(record.patternProperties && typeof record.patternProperties === 'object'
      ? Object.keys(record.patternProperties)
      : []),
  ];
  const found = patterns.find((p) => !sameWithoutUnicodeFlag(p));
  if (found !== undefined) return found;
  for (const child of Object.values(record)) {
    const inner = unicodeOnlyPattern(child);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * A 2020-12 ajv for standalone code. `lean` (what the generator ships) turns off ajv's
 * evaluated-properties tracking and dynamic-anchor passing, which Ajv2020 always turns on:
 * without `unevaluated*` or `$dynamicRef` in a schema they decide nothing, yet their code
 * allocates objects on every call (an empty anchors object per validator call, a record of
 * evaluated properties in every `oneOf` branch) on the receiver's hot path. A schema that
 * uses one of those keywords makes `lean` refuse it, so the shortcut cannot change a result.
 * @param {{ lean: boolean, schemas: unknown[] }} options
 */
export function validatorAjv({ lean, schemas }) {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    // Small shared schemas are inlined where they are used (ajv's default limit): a function call
    // per reference costs more on the receiver's hot path than the extra code (about 40 kB).
    inlineRefs: true,
    messages: false,
    code: { source: true, esm: true, lines: false },
    // Schema keywords the validators do not need; they only make the code bigger.
    keywords: [],
    // Without the `u` flag a test costs about a fifth less; `lean` checks first that every
    // pattern means the same without it (sameWithoutUnicodeFlag).
    ...(lean ? { unicodeRegExp: false } : {}),
  });
  if (lean) {
    for (const schema of schemas) {
      const found = trackedKeyword(schema);
      if (found) throw new Error(`${found}: the lean validators do not track evaluated properties or dynamic anchors`);
      const pattern = unicodeOnlyPattern(schema);
      if (pattern !== undefined) throw new Error(`pattern ${pattern} may match differently without the u flag`);
    }
    // Ajv2020's constructor forces both on; they are read when code is generated, not before.
    ajv.opts.unevaluated = false;
    ajv.opts.dynamicRef = false;
  }
  for (const schema of schemas) ajv.addSchema(/** @type {any} */ (schema));
  return ajv;
}
