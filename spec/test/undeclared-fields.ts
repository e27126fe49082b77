// Walks an example value beside the schema it illustrates and lists every member that the
// schema does not declare. An object schema may accept undeclared members only when it
// says why, in `x-wawp-open-reason`; everywhere else an undeclared member in an example is
// a field the description forgot (or a typo in the example), and users' types would lack it.
import { collectExamples } from '../src/example-problems.mjs';
import { atPointer as at, escapePointer, resolveRef } from '../src/spec-tools.mjs';

type Schema = Record<string, any>;
export const OPEN_REASON = 'x-wawp-open-reason';

function deref(doc: Schema, schema: Schema | undefined): Schema | undefined {
  if (!schema || typeof schema.$ref !== 'string') return schema;
  const target = resolveRef(doc, schema).node;
  // A $ref with siblings (3.1) keeps its own keywords next to the target's.
  const { $ref: _ref, ...siblings } = schema;
  return target ? { ...target, ...siblings } : undefined;
}

const typesOf = (schema: Schema): string[] | undefined =>
  schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];

const allows = (schema: Schema, type: string) => {
  const types = typesOf(schema);
  if (types) return types.includes(type);
  if (type === 'object') return !!(schema.properties || schema.additionalProperties || schema.patternProperties);
  if (type === 'array') return !!schema.items;
  return false;
};

/** The schemas that apply to a value of the given JSON type: allOf parts, and matching oneOf/anyOf branches. */
function applicable(doc: Schema, raw: Schema | undefined, type: string, seen = new Set<Schema>()): Schema[] {
  const schema = deref(doc, raw);
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  const own = allows(schema, type) ? [schema] : [];
  const parts = (schema.allOf ?? []).flatMap((p: Schema) => applicable(doc, p, type, seen));
  const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap((b: Schema) =>
    applicable(doc, b, type, seen),
  );
  return [...own, ...parts, ...branches];
}

const jsonType = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;

/** Every undeclared member of `value`, as a JSON pointer into the example. */
export function undeclaredMembers(doc: Schema, schema: Schema | undefined, value: unknown, path = ''): string[] {
  const type = jsonType(value);
  if (type === 'array') {
    const itemSchemas = applicable(doc, schema, 'array')
      .map((s) => s.items)
      .filter(Boolean);
    return (value as unknown[]).flatMap((item, i) =>
      itemSchemas.length > 0 ? undeclaredMembers(doc, { anyOf: itemSchemas }, item, `${path}/${i}`) : [],
    );
  }
  if (type !== 'object') return [];
  const schemas = applicable(doc, schema, 'object');
  if (schemas.length === 0) return [];
  const open = schemas.some((s) => typeof s[OPEN_REASON] === 'string' && s[OPEN_REASON].trim() !== '');
  const found: string[] = [];
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const where = `${path}/${escapePointer(key)}`;
    const declared = schemas.map((s) => s.properties?.[key]).filter(Boolean);
    const patterned = schemas.flatMap((s) =>
      Object.entries(s.patternProperties ?? {})
        .filter(([pattern]) => new RegExp(pattern, 'u').test(key))
        .map(([, p]) => p as Schema),
    );
    const known = [...declared, ...patterned];
    if (known.length > 0) {
      found.push(...undeclaredMembers(doc, { anyOf: known }, member, where));
      continue;
    }
    if (!open) {
      found.push(where);
      continue;
    }
    // An open map with a value schema (`additionalProperties: {…}`) still describes its values.
    const values = schemas.map((s) => s.additionalProperties).filter((a) => a && typeof a === 'object');
    if (values.length > 0) found.push(...undeclaredMembers(doc, { anyOf: values }, member, where));
  }
  return found;
}

/** One line per example member that its schema does not declare. */
export function findUndeclaredFields(doc: Schema): string[] {
  return collectExamples(doc).flatMap(({ where, schemaPointer, value }) =>
    undeclaredMembers(doc, at(doc, schemaPointer), value).map((path) => `${where}: ${path || '/'} is not declared`),
  );
}
