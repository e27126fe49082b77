// @ts-check
// Emits src/generated/type-samples.ts: for a sample of operations from every tag, calls
// through both faces that must compile (the model's example arguments) and calls that must
// not (`@ts-expect-error`): a wrong path, a missing required parameter or body field, and a
// wrongly typed one. `tsc --noEmit` checks the file; an unused expect-error fails it, so a
// type that became too loose is caught. Generated, so every tag added to the spec is covered.
// Every call is built as values and printed once; nothing is patched into printed code.
import { resolveRef, splitArgs, tsCode, tsInline, tsString } from '@wawp/spec/tools';
import { HEADER } from './emit-operations.mjs';

/** @typedef {import('@wawp/spec/tools').OperationModel} OperationModel */
/** @typedef {Record<string, unknown>} Args */

const PRIMITIVES = ['string', 'number', 'integer', 'boolean'];
const INDENT = '  ';

/**
 * A value of the wrong type for the schema, or undefined when the schema is too open to say.
 * @param {object} doc
 * @param {any} raw
 */
export function wrongValue(doc, raw) {
  const schema = resolveRef(doc, raw).node;
  if (!schema || schema.oneOf || schema.anyOf) return undefined;
  const types = Array.isArray(schema.type)
    ? schema.type.filter((/** @type {string} */ t) => t !== 'null')
    : [schema.type];
  if (types.length !== 1) return undefined;
  if (types[0] === 'string' || types[0] === 'object' || types[0] === 'array') return 42;
  if (types[0] === 'integer' || types[0] === 'number' || types[0] === 'boolean') return 'not-a-value';
  return undefined;
}

/** `callee(arg, …)` as one statement on one line: a `@ts-expect-error` covers the next line only. */
const call = (/** @type {string} */ callee, /** @type {unknown[]} */ ...args) =>
  `${INDENT}void ${callee}(${args.map(tsInline).join(', ')});`;
const expectError = (/** @type {string} */ why) => `${INDENT}// @ts-expect-error ${why}`;

/**
 * The path face's init (`{ params: { query }, body }`) for some flat arguments.
 * @param {OperationModel} op
 * @param {Args} args
 */
function pathInit(op, args) {
  const split = splitArgs(op, args);
  /** @type {Args} */
  const params = {};
  for (const where of /** @type {const} */ (['path', 'query', 'header'])) {
    if (Object.keys(split[where]).length > 0) params[where] = split[where];
  }
  const init = {
    params: Object.keys(params).length > 0 ? params : undefined,
    body: op.bodyMode === 'flat' && Object.keys(/** @type {Args} */ (split.body)).length === 0 ? undefined : split.body,
  };
  return init.params || init.body !== undefined ? [init] : [];
}

/**
 * @param {OperationModel} op
 * @param {Args} args
 * @param {string} path
 */
const pathFace = (op, args, path = op.path) => call(`client.${op.method}`, path, ...pathInit(op, args));

/**
 * A body field to get wrong: a required one when there is one (also left out then), else any typed one.
 * @param {object} doc
 * @param {OperationModel} op
 */
function bodyField(doc, op) {
  if (op.bodyMode !== 'flat' || !op.body) return undefined;
  const schema = resolveRef(doc, resolveRef(doc, { $ref: op.body.pointer }).node.schema).node;
  const required = new Set(schema.required ?? []);
  const names = [...required, ...Object.keys(schema.properties ?? {}).filter((n) => !required.has(n))];
  for (const name of names) {
    const wrong = wrongValue(doc, schema.properties?.[name]);
    if (!(name in op.exampleArgs) || wrong === undefined) continue;
    // openapi-fetch lets an object of the wrong type through an optional, all-optional body
    // (a weak type inferred into its Init): only the operation face can be checked there.
    const primitive = PRIMITIVES.includes(resolveRef(doc, schema.properties[name]).node?.type);
    return { name, wrong, required: required.has(name), pathFace: required.has(name) || op.body.required || primitive };
  }
  return undefined;
}

/**
 * A required parameter whose type can be got wrong.
 * @param {object} doc
 * @param {OperationModel} op
 */
function checkedParameter(doc, op) {
  for (const param of [...op.parameters.path, ...op.parameters.query, ...op.parameters.header]) {
    if (!param.required || !(param.name in op.exampleArgs)) continue;
    const wrong = wrongValue(doc, resolveRef(doc, { $ref: param.pointer }).node.schema);
    if (wrong !== undefined) return { name: param.name, wrong };
  }
  return undefined;
}

/** @param {Args} args @param {string} name */
const without = (args, name) => Object.fromEntries(Object.entries(args).filter(([key]) => key !== name));

/**
 * @param {object} doc
 * @param {OperationModel} op
 */
export function samplesFor(doc, op) {
  const args = op.exampleArgs;
  const face = `wawp.${op.group}.${op.name}`;
  const lines = [
    pathFace(op, args),
    call(face, args),
    call(`op.${op.id}`, tsCode('client'), args),
    expectError('not a path of the API'),
    pathFace(op, args, `${op.path}/not-a-path`),
  ];
  const param = checkedParameter(doc, op);
  if (param) {
    const wrong = { ...args, [param.name]: param.wrong };
    lines.push(
      expectError(`the required parameter \`${param.name}\` is missing`),
      pathFace(op, without(args, param.name)),
      expectError(`the required parameter \`${param.name}\` is missing`),
      call(face, without(args, param.name)),
      expectError(`\`${param.name}\` has the wrong type`),
      pathFace(op, wrong),
      expectError(`\`${param.name}\` has the wrong type`),
      call(face, wrong),
    );
  }
  const field = bodyField(doc, op);
  if (field) {
    const wrong = { ...args, [field.name]: field.wrong };
    if (field.required) {
      lines.push(
        expectError(`the required body field \`${field.name}\` is missing`),
        pathFace(op, without(args, field.name)),
        expectError(`the required body field \`${field.name}\` is missing`),
        call(face, without(args, field.name)),
      );
    }
    if (field.pathFace)
      lines.push(expectError(`the body field \`${field.name}\` has the wrong type`), pathFace(op, wrong));
    lines.push(expectError(`the body field \`${field.name}\` has the wrong type`), call(face, wrong));
  }
  return {
    lines,
    checks: lines.filter((l) => l.includes('@ts-expect-error')).length,
    hasParamCheck: Boolean(param),
    hasBodyCheck: Boolean(field),
  };
}

/** The v1 runtime the samples are typed with, unless the generator names another version's. */
const V1_RUNTIME = { client: '../client.js', clientType: 'WawpPathClient', face: '../wawp.js', faceType: 'Wawp' };

/**
 * @param {object} doc
 * @param {OperationModel[]} ops
 * @param {{ client: string, clientType: string, face: string, faceType: string }} [runtime]
 */
export function emitTypeSamples(doc, ops, runtime = V1_RUNTIME) {
  const out = [
    HEADER,
    '// Type samples for every tag: checked by `tsc --noEmit`, never run or bundled.',
    `import type { ${runtime.clientType} } from ${tsString(runtime.client)};`,
    `import type { ${runtime.faceType} } from ${tsString(runtime.face)};`,
    "import * as op from './operations.js';",
    '',
    `declare const client: ${runtime.clientType};`,
    `declare const wawp: ${runtime.faceType};`,
    '',
  ];
  const summary = [];
  for (const tag of new Set(ops.map((o) => o.tag))) {
    const samples = ops.filter((o) => o.tag === tag).map((o) => ({ o, s: samplesFor(doc, o) }));
    // One operation with a checked parameter and one with a checked body field, when the tag has them.
    const withParam = samples.find((x) => x.s.hasParamCheck);
    const withBody = samples.find((x) => x.s.hasBodyCheck && x !== withParam);
    const picked = [withParam, withBody].filter((x) => x !== undefined);
    if (picked.length === 0 && samples[0]) picked.push(samples[0]);
    for (const { o, s } of picked) {
      out.push(`export function ${o.group}_${o.id}(): void {`, ...s.lines, '}', '');
    }
    summary.push({ tag, operations: picked.map((x) => x.o.id), checks: picked.reduce((n, x) => n + x.s.checks, 0) });
  }
  return { source: out.join('\n'), summary };
}
