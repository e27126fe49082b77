// @ts-check
// Following `$ref`s and picking the documented example: the two reads every consumer of the
// bundle needs first.
import { atPointer } from './pointer.mjs';

/**
 * Follows local `$ref`s (a bundle has only local ones) and returns the target together with
 * the JSON pointer where it lives; `pointer` is where `node` itself sits.
 * @param {object} doc
 * @param {any} node
 * @returns {{ node: any; pointer: string }}
 */
export function resolveRef(doc, node, pointer = '') {
  let current = node;
  let at = pointer;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops >= 20) throw new Error(`$ref chain too long at ${at}`);
    if (!current.$ref.startsWith('#/')) throw new Error(`non-local $ref ${current.$ref} at ${at}`);
    at = current.$ref;
    current = atPointer(doc, at);
  }
  return { node: current, pointer: at };
}

/**
 * The documented example of a parameter, header or media type: its own `example`, else its
 * first named example, else its schema's `example`, first `examples` entry or `default`.
 * Undefined when there is none, so a missing example is told apart from an example `null`.
 * @param {object} doc
 * @param {any} holder
 * @returns {{ value: unknown } | undefined}
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
