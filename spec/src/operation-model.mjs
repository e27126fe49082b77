// @ts-check
// The operation model: what one REST operation of the bundle is, read once, the same way for
// the client's generator, the docs' code samples, both contract suites and the mock. Every
// entry is plain JSON (the client ships it as operations.json), and points back into the
// document for anything a consumer needs beyond it (schemas, responses).
import { joinPointer } from './pointer.mjs';

/** @typedef {any} Node A node of the bundle, walked generically. */
/** @typedef {import('./spec-tools.mjs').OperationModel} OperationModel */
import { firstExample, resolveRef } from './resolve.mjs';

/** The keys of an OpenAPI path item that hold an operation. */
export const HTTP_METHODS = /** @type {const} */ ([
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
  'trace',
]);

/** Methods that are safe to send twice by their HTTP meaning; the spec marks the POST reads. */
export const RETRY_SAFE_METHODS = /** @type {const} */ (['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const PARAMETER_LOCATIONS = /** @type {const} */ (['path', 'query', 'header']);
/** `group.method`, both lowerCamelCase identifiers: the operation's name on the client. */
const PUBLIC_NAME = /^([a-z][A-Za-z0-9]*)\.([a-z][A-Za-z0-9]*)$/;

const isJson = (/** @type {string} */ type) => /^application\/([\w.+-]+\+)?json\b/i.test(type) || type === '*/*';
const isBinary = (/** @type {string} */ type) =>
  /^(image|audio|video)\//i.test(type) || /octet-stream|pdf|zip/i.test(type);

/**
 * Every operation of a section (`paths` or `webhooks`) in document order, raw: the path (or
 * event name), the lower-case method key, the path item, the operation and its pointer.
 * @param {Node} doc
 * @param {'paths' | 'webhooks'} [section]
 * @returns {import('./spec-tools.mjs').ListedOperation[]}
 */
export function listOperations(doc, section = 'paths') {
  const out = [];
  for (const [path, rawItem] of Object.entries(doc[section] ?? {})) {
    const { node: item, pointer: itemPointer } = resolveRef(doc, rawItem, joinPointer(`#/${section}`, path));
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (operation) out.push({ path, method, item, operation, pointer: joinPointer(itemPointer, method) });
    }
  }
  return out;
}

/**
 * How a success answer is read, from the 2xx content types: JSON, a Blob, text, or by its type.
 * @param {string[]} types
 * @returns {import('./spec-tools.mjs').ParseMode}
 */
export function parseModeOf(types) {
  if (types.length === 0 || types.every(isJson)) return 'json';
  if (types.every(isBinary)) return 'blob';
  if (types.every((t) => /^text\//i.test(t))) return 'text';
  return 'auto';
}

/**
 * A JSON object (or an allOf of objects): its fields can sit beside the parameters.
 * @param {Node} doc
 * @param {Node} raw
 * @returns {boolean}
 */
function isObjectSchema(doc, raw) {
  const schema = raw ? resolveRef(doc, raw).node : undefined;
  if (!schema || schema.oneOf || schema.anyOf) return false;
  if (Array.isArray(schema.allOf)) return schema.allOf.every((/** @type {Node} */ part) => isObjectSchema(doc, part));
  return schema.type === 'object' || (schema.type === undefined && typeof schema.properties === 'object');
}

/**
 * @param {Node} doc
 * @param {Node} raw
 * @returns {Set<string>}
 */
function objectFields(doc, raw) {
  const schema = resolveRef(doc, raw).node;
  const parts = schema.allOf ? schema.allOf.map((/** @type {Node} */ part) => resolveRef(doc, part).node) : [schema];
  return new Set(parts.flatMap((/** @type {Node} */ part) => Object.keys(part.properties ?? {})));
}

/**
 * Path-level and operation-level parameters, the operation's winning on the same name and place.
 * @param {Node} doc
 * @param {{ item: Node; operation: Node; pointer: string }} entry
 * @returns {{ param: Node; pointer: string }[]}
 */
function parametersOf(doc, { item, operation, pointer }) {
  const itemPointer = pointer.slice(0, pointer.lastIndexOf('/'));
  const byKey = new Map();
  const add = (/** @type {Node[] | undefined} */ list, /** @type {string} */ base) =>
    (list ?? []).forEach((raw, i) => {
      const { node, pointer: at } = resolveRef(doc, raw, `${base}/parameters/${i}`);
      byKey.set(`${node.in}:${node.name}`, { param: node, pointer: at });
    });
  add(item.parameters, itemPointer);
  add(operation.parameters, pointer);
  return [...byKey.values()];
}

/**
 * The query/header credentials of the operation's first security requirement.
 * @param {Node} doc
 * @param {Node} operation
 * @returns {import('./spec-tools.mjs').OperationCredential[]}
 */
function credentialsOf(doc, operation) {
  const requirement = (operation.security ?? doc.security ?? [])[0] ?? {};
  return Object.keys(requirement).flatMap((scheme) => {
    const node = resolveRef(doc, doc.components?.securitySchemes?.[scheme]).node;
    return node?.type === 'apiKey' ? [{ scheme, in: node.in, name: node.name }] : [];
  });
}

/**
 * `sessions.getInfo` → { group: 'sessions', name: 'getInfo' }; the spec pins it per operation.
 * @param {string} id
 * @param {Node} operation
 */
function publicName(id, operation) {
  const pinned = operation['x-wawp-method'];
  if (pinned === undefined) throw new Error(`${id} has no x-wawp-method (its client name, as group.method)`);
  const match = PUBLIC_NAME.exec(String(pinned));
  if (!match?.[1] || !match[2])
    throw new Error(`${id}: x-wawp-method ${JSON.stringify(pinned)} is not group.method in lowerCamelCase`);
  return { group: match[1], name: match[2] };
}

/**
 * The one rule that turns the documented examples into call arguments: every parameter with
 * an example, by name (a required one without an example is an error), and the request
 * body's example: its fields beside the parameters when the body is a JSON object (`flat`),
 * else under `body`.
 * @param {Node} doc
 * @param {string} id
 * @param {{ param: Node }[]} parameters
 * @param {{ media: Node; mediaType: string; required: boolean; mode: string } | undefined} body
 */
function exampleArgsOf(doc, id, parameters, body) {
  /** @type {Record<string, unknown>} */
  const args = {};
  for (const { param } of parameters) {
    const example = firstExample(doc, param);
    if (example) args[param.name] = example.value;
    else if (param.required) throw new Error(`${id}: required parameter ${param.name} has no example`);
  }
  if (body) {
    const example = firstExample(doc, body.media);
    if (!example && body.required) throw new Error(`${id}: the ${body.mediaType} request body has no example`);
    const value = example?.value;
    const plain = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (example && body.mode === 'flat' && plain) Object.assign(args, value);
    else if (example) args.body = value;
  }
  return args;
}

/**
 * @param {Node} doc
 * @param {Node} operation
 * @param {string} pointer
 */
function requestBodyOf(doc, operation, pointer) {
  if (!operation.requestBody) return undefined;
  const { node, pointer: at } = resolveRef(doc, operation.requestBody, `${pointer}/requestBody`);
  const content = node?.content ?? {};
  const mediaType = Object.keys(content).find(isJson) ?? Object.keys(content)[0];
  if (!mediaType) return undefined;
  const media = content[mediaType];
  const mode = /** @type {'flat' | 'body'} */ (
    isJson(mediaType) && isObjectSchema(doc, media.schema) ? 'flat' : 'body'
  );
  return { mediaType, required: Boolean(node.required), mode, media, pointer: joinPointer(at, 'content', mediaType) };
}

/**
 * @param {Node} doc
 * @param {import('./spec-tools.mjs').ListedOperation} entry
 * @returns {OperationModel}
 */
function modelOf(doc, entry) {
  const { path, operation, pointer } = entry;
  const method = entry.method.toUpperCase();
  const id = operation.operationId;
  if (!id) throw new Error(`${method} ${path} has no operationId`);
  const tag = operation.tags?.[0];
  if (!tag) throw new Error(`${id} has no tag`);
  const parameters = parametersOf(doc, entry).filter(({ param }) =>
    /** @type {readonly string[]} */ (PARAMETER_LOCATIONS).includes(param.in),
  );
  const body = requestBodyOf(doc, operation, pointer);
  const fields = body?.mode === 'flat' ? objectFields(doc, body.media.schema) : new Set();
  const byLocation = /** @type {OperationModel['parameters']} */ (
    Object.fromEntries(
      PARAMETER_LOCATIONS.map((where) => [
        where,
        parameters
          .filter(({ param }) => param.in === where)
          .map(({ param, pointer: at }) => ({
            name: param.name,
            required: Boolean(param.required),
            // Also a field of the JSON object body: the client sends it in both places.
            ...(fields.has(param.name) && { inBody: true }),
            // How a query value that is a list or an object is spelt (OpenAPI's defaults).
            ...(where === 'query' && {
              style: param.style ?? 'form',
              explode: param.explode ?? (param.style ?? 'form') === 'form',
            }),
            pointer: at,
          })),
      ]),
    )
  );
  const successTypes = Object.entries(operation.responses ?? {})
    .filter(([status]) => /^2/.test(status))
    .flatMap(([, response]) => Object.keys(resolveRef(doc, response).node?.content ?? {}));
  return {
    id,
    method,
    path,
    ...publicName(id, operation),
    tag,
    summary: operation.summary ?? '',
    pointer,
    parameters: byLocation,
    credentials: credentialsOf(doc, operation),
    bodyMode: body?.mode ?? 'none',
    ...(body && {
      body: { mediaType: body.mediaType, required: body.required, pointer: body.pointer, fields: [...fields] },
    }),
    retrySafe: operation['x-wawp-retry-safe'] ?? /** @type {readonly string[]} */ (RETRY_SAFE_METHODS).includes(method),
    parse: parseModeOf([...new Set(successTypes)]),
    exampleArgs: exampleArgsOf(doc, id, parameters, body),
  };
}

/**
 * Every REST operation of the document, in document order, as the model above. Refuses
 * what would make two operations indistinguishable downstream: a repeated operationId or
 * client name.
 * @param {Node} doc
 * @returns {OperationModel[]}
 */
export function readOperations(doc) {
  const operations = listOperations(doc).map((entry) => modelOf(doc, entry));
  const ids = new Set();
  const names = new Map();
  for (const op of operations) {
    if (ids.has(op.id)) throw new Error(`operationId ${op.id} is used twice`);
    ids.add(op.id);
    const name = `${op.group}.${op.name}`;
    if (names.has(name)) throw new Error(`x-wawp-method ${name} names both ${names.get(name)} and ${op.id}`);
    names.set(name, op.id);
  }
  return operations;
}
