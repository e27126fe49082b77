// @ts-check
// Walking a JSON Schema by its schema positions only, so a property that happens to be
// named `examples`, `type` or `properties` is a property and never mistaken for a keyword.

/** Keywords whose value is a map of name → subschema. */
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value is one subschema. */
const SCHEMA_ONE = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
];

/**
 * Rebuilds a schema bottom-up: every subschema is mapped first, then `visit` gets the schema
 * with its mapped children and returns the replacement (drop keywords, add some). Booleans
 * and non-objects are returned as they are.
 * @param {any} schema
 * @param {(schema: Record<string, any>) => any} visit
 * @returns {any}
 */
export function mapSubschemas(schema, visit) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  /** @type {Record<string, unknown>} */
  const out = { ...schema };
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (map && typeof map === 'object') {
      out[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, mapSubschemas(sub, visit)]));
    }
  }
  for (const key of SCHEMA_LISTS) {
    if (Array.isArray(schema[key])) out[key] = schema[key].map((/** @type {any} */ sub) => mapSubschemas(sub, visit));
  }
  for (const key of SCHEMA_ONE) {
    if (schema[key] && typeof schema[key] === 'object') out[key] = mapSubschemas(schema[key], visit);
  }
  return visit(out);
}
