// Generates the `x-codeSamples` of every operation from the client's operation face
// (@wawp/client/operations.json) and the examples of the description, so no sample is
// written by hand and every sample changes when the description or the client does.
//
// The samples go into a copy of the bundle that only the docs use; spec/dist stays as it is.
import { firstExample, resolveRef as resolveSpecRef } from '@wawp/spec/tools';
import { tsLiteral, tsString } from './ts-literal.mjs';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Query parameters that carry the credentials: the client adds them, samples never show them. */
const CREDENTIAL_PARAMS = new Set(['instance_id', 'access_token']);

/** Names the samples use, kept in one place so the generated code and the guides agree. */
export const SAMPLE_NAMES = {
  package: '@wawp/client',
  /** Where `createWawp` (the operation face) is exported. */
  factoryModule: '@wawp/client/operations',
  factory: 'createWawp',
  pathFactory: 'createWawpClient',
  variable: 'wawp',
};

export const SAMPLE_LABEL = 'TypeScript';
export const SAMPLE_LANG = 'typescript';

/** Follows local `$ref`s (`#/components/...`) until it reaches the object itself. */
export function resolveRef(document, node) {
  const { node: target } = resolveSpecRef(document, node);
  if (target === undefined) throw new Error(`docs: unresolved $ref ${node.$ref}`);
  return target;
}

/** The documented example of a parameter or media type, or undefined when there is none. */
export const exampleOf = (document, holder) => firstExample(document, holder)?.value;

/**
 * The arguments of one call, from the description's examples: path and query parameters
 * (required ones always, optional ones when they have an example), required header
 * parameters, and the request body. `bodyMode` says how the operation face takes the body,
 * by the client generator's rule: the fields of a JSON object body sit in the flat
 * arguments (`flat`), anything else is passed as `body`.
 */
export function requestArguments(document, pathItem, operation) {
  const params = new Map();
  for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const param = resolveRef(document, raw);
    params.set(`${param.in}:${param.name}`, param); // operation-level parameters win
  }
  const found = { path: {}, query: {}, header: {} };
  for (const param of params.values()) {
    if (!(param.in in found) || CREDENTIAL_PARAMS.has(param.name)) continue;
    if (param.in === 'header' && !param.required) continue;
    const example = exampleOf(document, param);
    if (example === undefined) {
      if (param.required)
        throw new Error(`docs: ${operation.operationId}: required parameter ${param.name} has no example`);
      continue;
    }
    found[param.in][param.name] = example;
  }
  let body;
  let bodyMode = 'none';
  const requestBody = operation.requestBody ? resolveRef(document, operation.requestBody) : undefined;
  // A body generated from the spec's parameter placement rule only restates the parameters.
  if (requestBody && !requestBody['x-wawp-generated']) {
    const content = requestBody.content ?? {};
    const jsonType = Object.keys(content).find((type) => /json/i.test(type));
    const [mediaType, media] = jsonType ? [jsonType, content[jsonType]] : (Object.entries(content)[0] ?? []);
    bodyMode = jsonType && isObjectSchema(document, media.schema) ? 'flat' : 'body';
    body = exampleOf(document, media);
    if (body === undefined && requestBody.required) {
      throw new Error(`docs: ${operation.operationId}: the ${mediaType} request body has no example`);
    }
  }
  return { ...found, body, bodyMode };
}

/** The client generator's test for a body whose fields can sit in the flat arguments. */
function isObjectSchema(document, raw) {
  const schema = raw ? resolveRef(document, raw) : undefined;
  if (!schema || schema.oneOf || schema.anyOf) return false;
  if (Array.isArray(schema.allOf)) return schema.allOf.every((part) => isObjectSchema(document, part));
  return schema.type === 'object' || (schema.type === undefined && typeof schema.properties === 'object');
}

/** `wawp.messages.sendText({ ... })`: one flat object with the parameters and the body. */
export function operationFaceSample(entry, args) {
  const { factoryModule, factory, variable } = SAMPLE_NAMES;
  let bodyArgs = {};
  if (args.body !== undefined)
    bodyArgs = args.bodyMode === 'flat' && isPlainObject(args.body) ? args.body : { body: args.body };
  const merged = { ...args.path, ...args.query, ...args.header, ...bodyArgs };
  const call = `${variable}.${entry.group}.${entry.method}`;
  const argument = Object.keys(merged).length > 0 ? tsLiteral(merged) : '';
  return [
    `import { ${factory} } from '${factoryModule}';`,
    '',
    `const ${variable} = ${factory}({`,
    "  instanceId: process.env.WAWP_INSTANCE_ID ?? '',",
    "  accessToken: process.env.WAWP_ACCESS_TOKEN ?? '',",
    '});',
    '',
    `const result = await ${call}(${argument});`,
    'console.log(result);',
    '',
  ].join('\n');
}

/** `client.POST('/send', { params: { query: { ... } } })`: the path-based face, always available. */
export function pathFaceSample(path, httpMethod, args) {
  const { package: pkg, pathFactory } = SAMPLE_NAMES;
  const params = {};
  if (Object.keys(args.path).length > 0) params.path = args.path;
  if (Object.keys(args.query).length > 0) params.query = args.query;
  if (Object.keys(args.header).length > 0) params.header = args.header;
  const init = {};
  if (Object.keys(params).length > 0) init.params = params;
  if (args.body !== undefined) init.body = args.body;
  const argument = Object.keys(init).length > 0 ? `, ${tsLiteral(init)}` : '';
  return [
    `import { ${pathFactory} } from '${pkg}';`,
    '',
    `const client = ${pathFactory}({`,
    "  instanceId: process.env.WAWP_INSTANCE_ID ?? '',",
    "  accessToken: process.env.WAWP_ACCESS_TOKEN ?? '',",
    '});',
    '',
    `const { data, error } = await client.${httpMethod.toUpperCase()}(${tsString(path)}${argument});`,
    'console.log(error ?? data);',
    '',
  ].join('\n');
}

/**
 * Returns a copy of `openapi` where every operation has one TypeScript `x-codeSamples` entry
 * and every webhook's description ends with a TypeScript sample that receives it.
 * With `operations` (the client's operations.json) the samples use the operation face;
 * without it (not built yet) they fall back to the path-based face, and `face` says so.
 * `missing` lists the operations that the operation face does not cover.
 */
export function addCodeSamples(openapi, operations) {
  const document = structuredClone(openapi);
  const byId = new Map((operations ?? []).map((entry) => [entry.operationId, entry]));
  const missing = [];
  let count = 0;
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const httpMethod of HTTP_METHODS) {
      const operation = pathItem[httpMethod];
      if (!operation) continue;
      const args = requestArguments(document, pathItem, operation);
      const entry = byId.get(operation.operationId);
      if (operations && !entry) missing.push(operation.operationId);
      const source = entry ? operationFaceSample(entry, args) : pathFaceSample(path, httpMethod, args);
      // The label is the key Redoc matches against `codeSamples.languages` in docs/redocly.yaml.
      operation['x-codeSamples'] = [{ lang: SAMPLE_LANG, label: SAMPLE_LABEL, source }];
      operation.description = `${(operation.description ?? '').trimEnd()}\n\n${callNote(operation.operationId, entry)}\n`;
      count++;
    }
  }
  for (const [event, pathItem] of Object.entries(document.webhooks ?? {})) {
    for (const httpMethod of HTTP_METHODS) {
      const operation = pathItem[httpMethod];
      if (!operation) continue;
      // Redoc shows only the payload in a webhook's side panel, so the sample goes in the text.
      const source = webhookSample(event);
      operation.description = `${(operation.description ?? '').trimEnd()}\n\n${WEBHOOK_SAMPLE_INTRO}\n\n\`\`\`ts\n${source}\`\`\`\n`;
      count++;
    }
  }
  return { document, count, face: operations ? 'operations' : 'paths', missing };
}

export const WEBHOOK_SAMPLE_INTRO = '**Receive it with `@wawp/webhooks-types`:**';

/**
 * Receiving one event with @wawp/webhooks-types: a router handler typed by the event name.
 * Short lines: it is shown in the reference's narrow middle column.
 */
export function webhookSample(event) {
  return [
    "import { createWebhookRouter } from '@wawp/webhooks-types';",
    '',
    'export const router = createWebhookRouter();',
    '',
    `router.on(${tsString(event)}, (event) => {`,
    `  // event.payload is typed for ${event}`,
    '  console.log(event.id, event.payload);',
    '});',
    '// Serve it with createNodeHandler or createFetchHandler:',
    '// see the "Receiving webhooks" guide.',
    '',
  ].join('\n');
}

/**
 * A line naming the operation id and the client method. Redoc's search indexes titles and
 * descriptions but not operation ids, so this line is what lets readers search for `sendText`.
 */
export function callNote(operationId, entry) {
  const method = entry ? ` · client: \`${SAMPLE_NAMES.variable}.${entry.group}.${entry.method}()\`` : '';
  return `**Operation id:** \`${operationId}\`${method}`;
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
