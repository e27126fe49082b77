// Builds the OpenAPI document's `webhooks` section from the bundled AsyncAPI document, so
// each event is described once (in spec/asyncapi/) and still shows up in the REST reference.
//
// For every message on the webhook channel this adds one POST whose request body is the
// message payload (with its examples) and whose responses are what a receiver answers.
// The schemas the payloads need are copied into the OpenAPI components: a schema that is a
// REST component file (spec/openapi/components/schemas/<Name>.yaml) keeps its name and must
// equal what the REST side already bundled; a webhook-only schema gets a `Webhook` prefix so
// it can never collide with a REST name.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { joinPointer, refName, resolveRef } from '../src/spec-tools.mjs';

const SCHEMA_REF = '#/components/schemas/';
const WEBHOOKS_TAG = {
  name: 'Webhooks',
  description:
    'Events the instance POSTs to your webhook URL. Each entry shows the body of one event and what your ' +
    'receiver should answer. Generated from the AsyncAPI description (`asyncapi.yaml`), which is the source.',
};

/** Replaces every `#/components/schemas/<old>` $ref inside `node` using `rename`. */
function renameRefs(node, rename) {
  if (Array.isArray(node)) return node.map((n) => renameRefs(n, rename));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)
        ? joinPointer('#/components/schemas', rename(refName(value)))
        : renameRefs(value, rename);
  }
  return out;
}

/**
 * Maps each AsyncAPI schema name to its OpenAPI name, copying what the OpenAPI bundle lacks.
 * Returns the name mapping and the set of component names it added.
 */
function copySchemas(openapi, asyncapi, restSchemaDir) {
  const source = asyncapi.components?.schemas ?? {};
  openapi.components ??= {};
  openapi.components.schemas ??= {};
  const target = openapi.components.schemas;
  const isRest = (name) => existsSync(join(restSchemaDir, `${name}.yaml`));
  const nameOf = (name) => (isRest(name) || name.startsWith('Webhook') ? name : `Webhook${name}`);
  const added = new Set();
  for (const [name, schema] of Object.entries(source)) {
    const newName = nameOf(name);
    const copy = renameRefs(schema, nameOf);
    if (newName in target) {
      if (!isDeepStrictEqual(target[newName], copy)) {
        throw new Error(
          `webhooks: schema ${name} differs from the OpenAPI component ${newName}; ` +
            'both bundles must see the same file, or the webhook schema needs another name',
        );
      }
      continue;
    }
    target[newName] = copy;
    added.add(newName);
  }
  return { nameOf, added };
}

// What a receiver answers is written once, in asyncapi/receiver/answers.yaml; every webhook
// shares those responses as components.responses.Webhook*.
const ANSWERS_FILE = fileURLToPath(new URL('../asyncapi/receiver/answers.yaml', import.meta.url));

/** The receiver's contract: `{ statuses: { <status>: <response name> }, components: { schemas, responses } }`. */
export function loadReceiverAnswers(file = ANSWERS_FILE) {
  const answers = parse(readFileSync(file, 'utf8'));
  for (const [status, name] of Object.entries(answers.statuses ?? {})) {
    if (!answers.components?.responses?.[name]) {
      throw new Error(`webhooks: status ${status} names the response ${name}, which ${file} does not define`);
    }
  }
  return answers;
}

/** AsyncAPI `httpApiKey` → OpenAPI `apiKey`, under names that cannot clash with the REST credentials. */
function copySecuritySchemes(openapi, asyncapi) {
  const names = {};
  openapi.components.securitySchemes ??= {};
  const target = openapi.components.securitySchemes;
  for (const [name, scheme] of Object.entries(asyncapi.components?.securitySchemes ?? {})) {
    const newName = `webhook${name[0].toUpperCase()}${name.slice(1)}`;
    const { type, ...rest } = scheme;
    target[newName] = { ...rest, type: type === 'httpApiKey' ? 'apiKey' : type };
    names[name] = newName;
  }
  return names;
}

/**
 * Adds `webhooks` (one POST per AsyncAPI message), the schemas and security schemes they use,
 * and a `Webhooks` tag to `openapi`. Returns the number of webhooks added.
 */
export function addWebhooksSection(openapi, asyncapi, { restSchemaDir, answers = loadReceiverAnswers() }) {
  const { nameOf, added } = copySchemas(openapi, asyncapi, restSchemaDir);
  openapi.components.responses ??= {};
  for (const [kind, components] of [
    ['schemas', answers.components.schemas ?? {}],
    ['responses', answers.components.responses],
  ]) {
    for (const [name, value] of Object.entries(components)) {
      if (name in openapi.components[kind]) throw new Error(`webhooks: components.${kind}.${name} already exists`);
      openapi.components[kind][name] = value;
    }
  }
  const responseRef = (name) => ({ $ref: `#/components/responses/${name}` });
  const schemeNames = copySecuritySchemes(openapi, asyncapi);
  const channel = asyncapi.channels.webhook;
  const operationsByMessage = new Map();
  for (const [opId, op] of Object.entries(asyncapi.operations ?? {})) {
    // Redocly's bundler inlines the operation's message references, so match by message name.
    for (const m of op.messages ?? []) {
      const name = m.$ref ? refName(m.$ref) : m.name;
      operationsByMessage.set(name, { opId, op });
    }
  }

  openapi.webhooks = {};
  const headerSchemas = new Set();
  for (const [key, message] of Object.entries(channel.messages)) {
    const { opId, op } = operationsByMessage.get(message.name ?? key) ?? {};
    if (!op) throw new Error(`webhooks: message ${key} has no receive operation in asyncapi.yaml`);
    const headerSchema = renameRefs(message.headers ?? {}, nameOf);
    if (headerSchema.$ref) headerSchemas.add(refName(headerSchema.$ref));
    const headers = resolveRef(openapi, headerSchema).node;
    const requiredHeaders = new Set(headers?.required ?? []);
    // Security entries arrive inlined as well; find each scheme's name by its content.
    const schemeNameOf = (s) =>
      s.$ref
        ? refName(s.$ref)
        : Object.keys(asyncapi.components.securitySchemes).find((n) =>
            isDeepStrictEqual(asyncapi.components.securitySchemes[n], s),
          );
    const security = (op.security ?? []).map((s) => ({ [schemeNames[schemeNameOf(s)]]: [] }));
    openapi.webhooks[key] = {
      post: {
        operationId: opId,
        summary: message.title ?? key,
        description: `${message.summary}\n\n${message.description ?? ''}`.trimEnd() + `\n\nEvent name: \`${key}\`.\n`,
        tags: [WEBHOOKS_TAG.name],
        security,
        parameters: Object.entries(headers?.properties ?? {}).map(([name, { description, ...schema }]) => ({
          name,
          in: 'header',
          required: requiredHeaders.has(name),
          description,
          schema,
        })),
        requestBody: {
          required: true,
          content: {
            [message.contentType ?? 'application/json']: {
              schema: renameRefs(message.payload, nameOf),
              examples: Object.fromEntries(
                (message.examples ?? []).map((ex, i) => [
                  ex.name ?? `example${i + 1}`,
                  { summary: ex.summary, value: ex.payload },
                ]),
              ),
            },
          },
        },
        responses: Object.fromEntries(
          Object.entries(answers.statuses).map(([status, name]) => [status, responseRef(name)]),
        ),
      },
    };
  }
  // OpenAPI describes headers as parameters, so the header schemas copied for them are not needed.
  for (const name of headerSchemas) if (added.has(name)) delete openapi.components.schemas[name];
  openapi.tags ??= [];
  if (!openapi.tags.some((t) => t.name === WEBHOOKS_TAG.name)) openapi.tags.push(WEBHOOKS_TAG);
  return Object.keys(openapi.webhooks).length;
}
