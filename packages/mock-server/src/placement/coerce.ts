// Values that arrived as text (query string, form body) turned into the types a JSON body
// would carry, guided by the schema, so one call validates the same whichever placement it
// used. WordPress does the same for its own argument schemas (`rest_sanitize_value_from_schema`):
// "20" is an integer, "true"/"1" a boolean, a single value where a list is expected a list of one.
// Text that does not fit stays text, so the validator names the problem.

type Schema = Record<string, unknown>;

const INTEGER = /^-?[0-9]+$/;
const NUMBER = /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const MAX_DEPTH = 64;

export function coerceToSchema(value: unknown, schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > MAX_DEPTH) return value;
  const types = typesOf(schema);
  if (typeof value === 'string') {
    if (types.has('string')) return value;
    if (types.has('integer') && INTEGER.test(value)) return Number(value);
    if (types.has('number') && NUMBER.test(value)) return Number(value);
    if (types.has('boolean') && (value === 'true' || value === '1')) return true;
    if (types.has('boolean') && (value === 'false' || value === '0')) return false;
    if (types.has('array')) return [coerceToSchema(value, itemsOf(schema), depth + 1)];
    return value;
  }
  if (Array.isArray(value)) {
    if (!types.has('array')) return value;
    return value.map((item) => coerceToSchema(item, itemsOf(schema), depth + 1));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // PHP writes a list sent as `ids[0]=a&ids[1]=b` the same way as `ids[]=a&ids[]=b`.
    if (types.has('array') && !types.has('object')) {
      return entries.map(([, item]) => coerceToSchema(item, itemsOf(schema), depth + 1));
    }
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const additional =
      typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as Schema) : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const child = Object.hasOwn(properties, key) ? properties[key] : additional;
      Object.defineProperty(out, key, {
        value: coerceToSchema(item, child, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/**
 * The JSON types a schema allows; a schema without `type` but with properties is an object,
 * and one of alternatives (`oneOf`/`anyOf`, e.g. `true`/`false` or `0`/`1`) allows theirs.
 */
function typesOf(schema: Schema, depth = 0): Set<string> {
  const type = schema.type;
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.map(String));
  if (schema.properties) return new Set(['object']);
  if (schema.items) return new Set(['array']);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives) && depth < MAX_DEPTH) {
    return new Set(alternatives.flatMap((branch) => [...typesOf((branch ?? {}) as Schema, depth + 1)]));
  }
  return new Set();
}

function itemsOf(schema: Schema): Schema | undefined {
  return typeof schema.items === 'object' && schema.items !== null ? (schema.items as Schema) : undefined;
}
