// @ts-check
// The schema rewrites the webhook generator applies before handing the AsyncAPI schemas to
// json-schema-to-typescript and ajv. Each walks schema positions only (mapSubschemas of
// @wawp/spec/tools), so a payload property named `examples`, `type` or `title` is a property.
import { mapSubschemas } from '@wawp/spec/tools';

/**
 * The types are closed even where validation is open: an object that lists its properties
 * loses `additionalProperties: true`, so a misspelt field is a compile error, while the
 * validators still accept fields the engine adds later. Free-form objects (no `properties`,
 * such as `_data`) keep their index signature. Schema `examples` are annotations the types
 * do not need; a payload property that happens to be named `examples` stays.
 * @param {any} schema
 */
export function closeForTypes(schema) {
  return mapSubschemas(schema, ({ examples: _annotation, ...rest }) => {
    if (rest.additionalProperties === true && rest.properties) delete rest.additionalProperties;
    return rest;
  });
}

const SHAPE_KEYWORDS = ['type', '$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'enum', 'const', 'properties', 'items'];
/**
 * A schema that says nothing about its shape (`_data`, `data`: any JSON value) is `unknown` in
 * TypeScript; left alone, json-schema-to-typescript would make it an object and reject `null`.
 * Walks schema positions only, so a property that happens to be named `type` is not mistaken.
 * @param {any} schema
 */
export function anyAsUnknown(schema) {
  return mapSubschemas(schema, (s) => (SHAPE_KEYWORDS.some((k) => k in s) ? s : { ...s, tsType: 'unknown' }));
}

/**
 * Points every `$ref` under `from` at `to` instead (`#/components/schemas/X` → `#/definitions/X`).
 * @param {any} schema
 * @param {string} from
 * @param {string} to
 */
export function moveRefs(schema, from, to) {
  return mapSubschemas(schema, (s) =>
    typeof s.$ref === 'string' && s.$ref.startsWith(from) ? { ...s, $ref: to + s.$ref.slice(from.length) } : s,
  );
}

const ANNOTATIONS = ['title', 'description', 'examples', 'deprecated', 'default', '$comment'];
/**
 * Without the annotation keywords, which compiled validators would otherwise embed.
 * @param {any} schema
 */
export function stripAnnotations(schema) {
  return mapSubschemas(schema, (s) =>
    Object.fromEntries(Object.entries(s).filter(([key]) => !ANNOTATIONS.includes(key))),
  );
}
