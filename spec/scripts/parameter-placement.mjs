// Generates, at bundle time, the request bodies that the root extension
// `x-wawp-parameter-placement` describes: WordPress reads every parameter of a route from
// the query string, a JSON body or a form body alike (`WP_REST_Request::get_param`), so
// every operation accepts its parameters, credentials included, in either body too. The
// rule is written once, in openapi.yaml; writing these bodies by hand in 110 operations
// would let them drift apart.
//
// The generated bodies live in `x-wawp-placement` (marked `x-wawp-generated`), apart from
// the documented request, which the client keeps sending.

import { resolveRef } from '../src/spec-tools.mjs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
export const GENERATED = 'parameter-placement';
const PLACEMENTS = ['json', 'form', 'query', 'path'];
const DOCUMENTED = ['query', 'json'];

const resolve = (doc, node) => resolveRef(doc, node).node;

/** Checks the root extension and returns it; a bundle without a sound rule must fail. */
export function readPlacementRule(openapi) {
  const rule = openapi['x-wawp-parameter-placement'];
  if (!rule || typeof rule !== 'object') throw new Error('openapi.yaml lacks x-wawp-parameter-placement');
  const { documented, accepted, precedence, mediaTypes } = rule;
  // v1 documents every parameter in the query string; v2 documents body fields as JSON.
  if (!DOCUMENTED.includes(documented))
    throw new Error(`x-wawp-parameter-placement.documented must be ${DOCUMENTED.join(' or ')}`);
  if (!Array.isArray(accepted) || !['query', 'json', 'form'].every((p) => accepted.includes(p))) {
    throw new Error('x-wawp-parameter-placement.accepted must list query, json and form');
  }
  if (!Array.isArray(precedence) || precedence.join() !== PLACEMENTS.join()) {
    throw new Error(`x-wawp-parameter-placement.precedence must be ${PLACEMENTS.join(' > ')} (WordPress's order)`);
  }
  if (!mediaTypes?.json || !mediaTypes?.form)
    throw new Error('x-wawp-parameter-placement.mediaTypes needs json and form');
  return rule;
}

/** The name PHP files a wire key under: `messageIds[]` is the list `messageIds`. */
export const phpName = (wireName) => wireName.replace(/\[\]$/, '');

/**
 * Every parameter an operation reads, as `{ name, in, schema, description, style }`: its
 * path and query parameters and the credentials its security requirement names.
 */
export function operationParameters(openapi, pathItem, op) {
  const params = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]
    .map((p) => resolve(openapi, p))
    .filter((p) => p.in === 'query' || p.in === 'path');
  const schemes = openapi.components?.securitySchemes ?? {};
  const credentials = (op.security ?? openapi.security ?? [])
    .flatMap((requirement) => Object.keys(requirement))
    .map((key) => resolve(openapi, schemes[key]))
    .filter((s) => s?.type === 'apiKey' && s.in === 'query')
    .map((s) => ({
      name: s.name,
      in: 'security',
      description: s.description,
      schema: { type: 'string', minLength: 1 },
    }));
  const seen = new Set();
  return [...credentials, ...params].filter((p) => !seen.has(p.name) && seen.add(p.name));
}

// The parameter itself carries the full description; the body member points back at it.
function bodyProperty(param, from) {
  const where = from === 'security' ? 'credential' : `${from} parameter`;
  return {
    ...structuredClone(param.schema),
    description: `The \`${param.name}\` ${where}, sent in the body instead.`,
    'x-wawp-parameter': param.name,
    'x-wawp-in': from,
  };
}

const needsBrackets = (schema, doc) => {
  const s = resolve(doc, schema);
  return s?.type === 'object' || (s?.type === 'array' && ['object', 'array'].includes(resolve(doc, s.items)?.type));
};

/**
 * The members of an object schema as flat bracketed keys (`file[url]`, `file[filename]`):
 * the spelling the v2 docs' samples use inside a JSON body.
 */
function bracketedMembers(openapi, name, schema) {
  const s = resolve(openapi, schema);
  if (s?.type !== 'object' || !s.properties) return [];
  return Object.entries(s.properties).map(([member, memberSchema]) => [
    `${name}[${member}]`,
    {
      ...structuredClone(resolve(openapi, memberSchema)),
      description: `\`${name}.${member}\`, spelled as one flat key.`,
      'x-wawp-parameter': name,
      'x-wawp-member': member,
    },
  ]);
}

/**
 * The JSON and form bodies of one operation. With `jsonBracketedKeys` (v2's rule) the JSON
 * body also accepts an object's members as flat bracketed keys.
 */
export function placementBodies(openapi, pathItem, op, { jsonBracketedKeys = false } = {}) {
  const params = operationParameters(openapi, pathItem, op);
  const documented = op.requestBody ? resolve(openapi, op.requestBody) : undefined;
  const documentedSchema = documented?.content?.['application/json']?.schema;
  const documentedFields = resolve(openapi, documentedSchema)?.properties ?? {};

  const json = { type: 'object', properties: {} };
  const form = { type: 'object', properties: {} };
  const encoding = {};
  for (const p of params) {
    json.properties[phpName(p.name)] = bodyProperty(p, p.in);
    // On the wire a form body spells keys as the query string does (`messageIds[]`, `file[url]`).
    form.properties[p.name] = bodyProperty(p, p.in);
    if (p.style === 'deepObject' || needsBrackets(p.schema, openapi))
      encoding[p.name] = { style: 'deepObject', explode: true };
    else if (resolve(openapi, p.schema)?.type === 'array') encoding[p.name] = { style: 'form', explode: true };
  }
  // A documented JSON body's own fields may travel in a form body too, bracketed when nested.
  for (const [name, schema] of Object.entries(documentedFields)) {
    json.properties[name] ??= structuredClone(schema);
    if (form.properties[name]) continue;
    form.properties[name] = structuredClone(schema);
    if (needsBrackets(schema, openapi)) encoding[name] = { style: 'deepObject', explode: true };
  }
  if (jsonBracketedKeys) {
    for (const [name, schema] of Object.entries(json.properties)) {
      for (const [key, member] of bracketedMembers(openapi, name, schema)) json.properties[key] ??= member;
    }
  }
  const reason =
    'WordPress ignores parameters that the route does not read, so a body with other keys is still accepted.';
  for (const s of [json, form]) {
    s.additionalProperties = true;
    s['x-wawp-open-reason'] = reason;
  }
  return { params, documented, json, form, encoding };
}

/**
 * Writes the generated bodies into every operation and returns how many it wrote:
 * `x-wawp-placement` is `{ json: { schema }, form: { schema, encoding } }`, the complete
 * bodies the rule allows (a consumer such as the mock reads only this). A flat bracketed
 * JSON member names its object in `x-wawp-parameter` and its member in `x-wawp-member`.
 *
 * They are not written as request bodies: a documented body stays as written, and a loose
 * optional body on every other operation would loosen the client's types (it keeps sending
 * the documented query-string form) and read as a change of the released contract.
 */
export function addPlacementBodies(openapi) {
  const { jsonBracketedKeys = false } = readPlacementRule(openapi);
  let count = 0;
  for (const pathItem of Object.values(openapi.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (!op) continue;
      const { json, form, encoding } = placementBodies(openapi, pathItem, op, { jsonBracketedKeys });
      const formMedia = { schema: form, ...(Object.keys(encoding).length > 0 ? { encoding } : {}) };
      op['x-wawp-placement'] = { 'x-wawp-generated': GENERATED, json: { schema: json }, form: formMedia };
      count++;
    }
  }
  return count;
}
