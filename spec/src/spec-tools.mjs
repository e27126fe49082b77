// Small tools for reading a bundled Wawp description, shared by the spec's example check,
// the client's generator and contract suite, the mock's tests and the docs' code samples,
// so that following a $ref, picking an example and validating against a schema mean the
// same thing everywhere. Exported as `@wawp/spec/tools`.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Follows local `$ref`s (a bundle has only local ones) and returns the target together with
 * the JSON pointer where it lives; `pointer` is where `node` itself sits.
 */
export function resolveRef(doc, node, pointer = '') {
  let current = node;
  let at = pointer;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops >= 20) throw new Error(`$ref chain too long at ${at}`);
    if (!current.$ref.startsWith('#/')) throw new Error(`non-local $ref ${current.$ref} at ${at}`);
    at = current.$ref;
    current = at
      .split('/')
      .slice(1)
      .reduce((o, seg) => o?.[seg.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return { node: current, pointer: at };
}

/**
 * The documented example of a parameter, header or media type: its own `example`, else its
 * first named example, else its schema's `example`, first `examples` entry or `default`.
 * Undefined when there is none, so a missing example is told apart from an example `null`.
 */
export function firstExample(doc, holder) {
  if (!holder) return undefined;
  if ('example' in holder) return { value: holder.example };
  const named = Object.values(holder.examples ?? {})[0];
  if (named !== undefined) {
    const { node } = resolveRef(doc, named);
    if (node && 'value' in node) return { value: node.value };
  }
  const schema = holder.schema ? resolveRef(doc, holder.schema).node : undefined;
  if (schema && 'example' in schema) return { value: schema.example };
  if (Array.isArray(schema?.examples) && schema.examples.length > 0) return { value: schema.examples[0] };
  if (schema && 'default' in schema) return { value: schema.default };
  return undefined;
}

/**
 * An ajv (JSON Schema 2020-12) that knows the OpenAPI formats and holds `doc` under `id`:
 * validate against any schema of the document with `ajv.getSchema(id + pointer)`.
 */
export function createSpecAjv(doc, id) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  // ajv-formats is CommonJS: its function sits on `default` or is the module itself.
  (addFormats.default ?? addFormats)(ajv);
  ajv.addFormat('binary', true);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addSchema(doc, id);
  return ajv;
}
