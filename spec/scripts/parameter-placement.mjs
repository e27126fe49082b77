// Generates, at bundle time, the request bodies that the root extension
// `x-wawp-parameter-placement` describes: WordPress reads every parameter of a route from
// the query string, a JSON body or a form body alike (`WP_REST_Request::get_param`), so
// every operation accepts its parameters, credentials included, in either body too. The
// rule is written once, in openapi.yaml; writing these bodies by hand in 110 operations
// would let them drift apart.
//
// Generated parts carry `x-wawp-generated: parameter-placement`, so that a code generator
// can tell them from the documented request (the client keeps sending the documented,
// query-string form and must not turn these into arguments).

import { resolveRef } from '../src/spec-tools.mjs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
export const GENERATED = 'parameter-placement';
const PLACEMENTS = ['json', 'form', 'query', 'path'];

const resolve = (doc, node) => resolveRef(doc, node).node;

/** Checks the root extension and returns it; a bundle without a sound rule must fail. */
export function readPlacementRule(openapi) {
  const rule = openapi['x-wawp-parameter-placement'];
  if (!rule || typeof rule !== 'object') throw new Error('openapi.yaml lacks x-wawp-parameter-placement');
  const { documented, accepted, precedence, mediaTypes } = rule;
  if (documented !== 'query') throw new Error('x-wawp-parameter-placement.documented must be query');
  if (!Array.isArray(accepted) || !['query', 'json', 'form'].every((p) => accepted.includes(p))) {
    throw new Error('x-wawp-parameter-placement.accepted must list query, json and form');
  }
  if (!Array.isArray(precedence) || precedence.join() !== PLACEMENTS.join()) {
    throw new Error(`x-wawp-parameter-placement.precedence must be ${PLACEMENTS.join(' > ')} (WordPress's order)`);
  }
  if (!mediaTypes?.json || !mediaTypes?.form) throw new Error('x-wawp-parameter-placement.mediaTypes needs json and form');
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
    .map((s) => ({ name: s.name, in: 'security', description: s.description, schema: { type: 'string', minLength: 1 } }));
  const seen = new Set();
  return [...credentials, ...params].filter((p) => !seen.has(p.name) && seen.add(p.name));
}

function bodyProperty(param, from) {
  const { schema, description } = param;
  return {
    ...structuredClone(schema),
    ...(description ? { description: description.trim() } : {}),
    'x-wawp-parameter': param.name,
    'x-wawp-in': from,
  };
}

const needsBrackets = (schema, doc) => {
  const s = resolve(doc, schema);
  return s?.type === 'object' || (s?.type === 'array' && ['object', 'array'].includes(resolve(doc, s.items)?.type));
};

/** The JSON and form bodies of one operation. */
export function placementBodies(openapi, pathItem, op) {
  const params = operationParameters(openapi, pathItem, op);
  const documented = op.requestBody ? resolve(openapi, op.requestBody) : undefined;
  const documentedSchema = documented?.content?.['application/json']?.schema;
  const documentedFields = resolve(openapi, documentedSchema)?.properties ?? {};

  const json = { type: 'object', properties: {}, 'x-wawp-generated': GENERATED };
  const form = { type: 'object', properties: {}, 'x-wawp-generated': GENERATED };
  const encoding = {};
  for (const p of params) {
    json.properties[phpName(p.name)] = bodyProperty(p, p.in);
    // On the wire a form body spells keys as the query string does (`messageIds[]`, `file[url]`).
    form.properties[p.name] = bodyProperty(p, p.in);
    if (p.style === 'deepObject' || needsBrackets(p.schema, openapi)) encoding[p.name] = { style: 'deepObject', explode: true };
    else if (resolve(openapi, p.schema)?.type === 'array') encoding[p.name] = { style: 'form', explode: true };
  }
  for (const [name, schema] of Object.entries(documentedFields)) {
    if (form.properties[name]) continue;
    form.properties[name] = structuredClone(schema);
    if (needsBrackets(schema, openapi)) encoding[name] = { style: 'deepObject', explode: true };
  }
  const reason =
    "WordPress ignores parameters that the route does not read, so a body with other keys is still accepted.";
  for (const s of [json, form]) {
    s.additionalProperties = true;
    s['x-wawp-open-reason'] = reason;
  }
  return { params, documented, json, form, encoding };
}

const BODY_NOTE =
  'Optional. Any parameter of this operation, the credentials included, may travel in a JSON ' +
  'or form body instead of the query string (see "Where parameters travel" in the API description). ' +
  'When a parameter appears in several places, the JSON body wins, then the form body, then the query string, then the path.';

/**
 * Adds the generated bodies to every operation and returns how many operations got them.
 * An operation that documents no body gets an optional `requestBody` with both media types.
 * One that documents a JSON body keeps it as written, and gets the form media type; its
 * JSON body is declared to accept the parameters next to the documented fields.
 */
export function addPlacementBodies(openapi) {
  const rule = readPlacementRule(openapi);
  let count = 0;
  for (const pathItem of Object.values(openapi.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (!op) continue;
      const { documented, json, form, encoding } = placementBodies(openapi, pathItem, op);
      const formMedia = { schema: form, 'x-wawp-generated': GENERATED };
      if (Object.keys(encoding).length > 0) formMedia.encoding = encoding;
      if (!documented) {
        op.requestBody = {
          description: BODY_NOTE,
          required: false,
          'x-wawp-generated': GENERATED,
          content: {
            [rule.mediaTypes.json]: { schema: json, 'x-wawp-generated': GENERATED },
            [rule.mediaTypes.form]: formMedia,
          },
        };
      } else {
        // Shared request bodies are not used here; copy before changing so no $ref target moves.
        const body = structuredClone(documented);
        body.content[rule.mediaTypes.form] ??= formMedia;
        const jsonMedia = body.content[rule.mediaTypes.json];
        if (jsonMedia) jsonMedia['x-wawp-parameters'] = json;
        body.description = `${body.description ? `${body.description.trimEnd()}\n\n` : ''}${BODY_NOTE}`;
        op.requestBody = body;
      }
      count++;
    }
  }
  return count;
}
