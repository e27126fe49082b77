// Test support: walks the bundled OpenAPI document, builds a valid request for each
// operation from the documented examples, and validates answers against the response schemas.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSpecAjv, firstExample, resolveRef } from '@wawp/spec/tools';

const require = createRequire(import.meta.url);
const DOC_ID = 'urn:wawp:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Credentials accepted by the mock (any non-empty value passes its security check). */
const CREDENTIAL = '123456789';

// An OpenAPI document is walked generically.
type Node = any;

export interface Operation {
  method: string;
  path: string;
  id: string;
  pointer: string;
  op: Node;
}

export function loadOpenApi(): Node {
  return JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi.json'), 'utf8'));
}

const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** Follows local `$ref`s and returns the target and the pointer where it lives. */
export const resolve = resolveRef;

export function listOperations(doc: Node): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Node>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        id: op.operationId ?? `${method} ${path}`,
        pointer: `#/paths/${escapePointer(path)}/${method}`,
        op,
      });
    }
  }
  return out;
}

/** The documented example, else (for an enum without one) its first value. */
function exampleOf(doc: Node, holder: Node): { found: boolean; value?: unknown } {
  const example = firstExample(doc, holder);
  if (example) return { found: true, value: example.value };
  const schema = holder?.schema ? resolve(doc, holder.schema, '').node : undefined;
  if (schema && Array.isArray(schema.enum)) return { found: true, value: schema.enum[0] };
  return { found: false };
}

export interface BuiltRequest {
  url: string;
  init: RequestInit;
}

/** A request for `operation` that the spec says is valid, from its examples. */
export function buildRequest(doc: Node, operation: Operation, baseUrl: string): BuiltRequest {
  const { op } = operation;
  const pathItem = doc.paths[operation.path];
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  let path = operation.path;
  for (const raw of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
    const param = resolve(doc, raw, '').node;
    const example = exampleOf(doc, param);
    if (!example.found) {
      if (param.required) throw new Error(`${operation.id}: required parameter ${param.name} has no example`);
      continue;
    }
    const value = example.value;
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(String(value)));
    else if (param.in === 'header') headers[param.name] = String(value);
    else if (param.in === 'query') addQuery(query, param, value);
  }
  for (const requirement of (op.security ?? doc.security ?? []).slice(0, 1)) {
    for (const name of Object.keys(requirement)) {
      const scheme = resolve(doc, doc.components.securitySchemes[name], '').node;
      if (scheme.type === 'apiKey' && scheme.in === 'query') query.set(scheme.name, CREDENTIAL);
      if (scheme.type === 'apiKey' && scheme.in === 'header') headers[scheme.name] = CREDENTIAL;
    }
  }
  const init: RequestInit = { method: operation.method, headers };
  if (op.requestBody) {
    const body = resolve(doc, op.requestBody, '').node;
    const [type, media] = Object.entries<Node>(body.content ?? {})[0] ?? [];
    const example = exampleOf(doc, media);
    if (type && example.found) {
      headers['content-type'] = type;
      if (/json/.test(type)) init.body = JSON.stringify(example.value);
      else if (type === 'application/x-www-form-urlencoded') {
        init.body = new URLSearchParams(example.value as Record<string, string>).toString();
      } else init.body = String(example.value);
    } else if (body.required) {
      throw new Error(`${operation.id}: required request body has no example`);
    }
  }
  const qs = query.toString();
  return { url: `${baseUrl}${path}${qs ? `?${qs}` : ''}`, init };
}

function addQuery(query: URLSearchParams, param: Node, value: unknown) {
  const style = param.style ?? 'form';
  const explode = param.explode ?? style === 'form';
  if (Array.isArray(value)) {
    if (explode) for (const v of value) query.append(param.name, String(v));
    else query.append(param.name, value.join(','));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (style === 'deepObject') for (const [k, v] of entries) query.append(`${param.name}[${k}]`, String(v));
    else if (explode) for (const [k, v] of entries) query.append(k, String(v));
    else query.append(param.name, entries.flat().join(','));
  } else {
    query.append(param.name, String(value));
  }
}

export interface ResponseCheck {
  /** Undefined when the answer matches the spec; otherwise what is wrong. */
  problem?: string;
}

/** Validates answers to an operation against its documented responses. */
export function createResponseValidator(doc: Node) {
  const ajv = createSpecAjv(doc, DOC_ID);

  return function check(operation: Operation, status: number, contentType: string | null, text: string): ResponseCheck {
    const responses = operation.op.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
    if (!key) return { problem: `status ${status} is not documented` };
    const { node: response, pointer } = resolve(doc, responses[key], `${operation.pointer}/responses/${key}`);
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) {
      return text === '' ? {} : { problem: `status ${status} documents no body, got ${text.slice(0, 80)}` };
    }
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const mediaKey = Object.keys(content).find((k) => k.toLowerCase() === type);
    if (!mediaKey) return { problem: `content-type ${type} is not documented for ${status}` };
    if (!/json/.test(mediaKey) || !content[mediaKey].schema) return {};
    const schemaPointer = resolve(
      doc,
      content[mediaKey].schema,
      `${pointer}/content/${escapePointer(mediaKey)}/schema`,
    ).pointer;
    const validate = ajv.getSchema(`${DOC_ID}${schemaPointer}`);
    if (!validate) return { problem: `no schema at ${schemaPointer}` };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { problem: `body is not JSON: ${text.slice(0, 80)}` };
    }
    if (validate(value)) return {};
    return { problem: ajv.errorsText(validate.errors, { dataVar: 'body' }) };
  };
}
