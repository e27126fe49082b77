// Test support for the placement matrix: one valid call of an operation as typed parameters
// (credentials, query parameters and documented body fields, by the name PHP files them
// under), and the same call written in each placement the real API accepts.
import { firstExample } from '@wawp/spec/tools';
import { buildRequest, type Operation, resolve } from './openapi.js';

// An OpenAPI document is walked generically.
type Node = any;

export const CREDENTIAL = '123456789';
export type Placement = 'query' | 'json' | 'form';
export const PLACEMENTS: readonly Placement[] = ['query', 'json', 'form'];

export interface Call {
  method: string;
  /** The path with its parameters filled in. */
  path: string;
  /** Every other parameter, typed as a JSON body would carry it. */
  params: Record<string, unknown>;
  /** Names of required parameters and body fields, credentials excluded. */
  required: string[];
  /** Parameter name → a value its schema rejects, for those where one is easy to write (path ones included). */
  breakable: Record<string, string>;
}

export function validCall(doc: Node, operation: Operation): Call {
  const path = new URL(buildRequest(doc, operation, 'http://x').url).pathname;
  const params: Record<string, unknown> = {};
  const required: string[] = [];
  const breakable: Record<string, string> = {};
  const pathItem = doc.paths[operation.path];
  for (const raw of [...(pathItem.parameters ?? []), ...(operation.op.parameters ?? [])]) {
    const param = resolve(doc, raw, '').node;
    const name = String(param.name).replace(/\[\]$/, '');
    const schema = param.schema ? resolve(doc, param.schema, '').node : {};
    if (param.in === 'path') {
      // A path parameter sent again in any placement wins over the path (WordPress's order).
      const bad = badValueFor(schema);
      if (bad !== undefined) breakable[name] = bad;
    }
    if (param.in !== 'query') continue;
    const example = firstExample(doc, param)?.value ?? (Array.isArray(schema.enum) ? schema.enum[0] : undefined);
    if (example !== undefined) params[name] = example;
    if (param.required) required.push(name);
    const bad = badValueFor(schema);
    if (bad !== undefined) breakable[name] = bad;
  }
  for (const requirement of (operation.op.security ?? doc.security ?? []).slice(0, 1)) {
    for (const scheme of Object.keys(requirement)) {
      const { node } = resolve(doc, doc.components.securitySchemes[scheme], '');
      if (node.type === 'apiKey' && node.in === 'query') params[node.name] = CREDENTIAL;
    }
  }
  if (operation.op.requestBody) {
    const body = resolve(doc, operation.op.requestBody, '').node;
    const media = Object.entries<Node>(body.content ?? {}).find(([type]) => /json/.test(type))?.[1];
    const example = media ? firstExample(doc, media)?.value : undefined;
    const schema = media?.schema ? resolve(doc, media.schema, '').node : {};
    if (example && typeof example === 'object') Object.assign(params, example);
    for (const name of schema.required ?? []) required.push(name);
    for (const [name, property] of Object.entries<Node>(schema.properties ?? {})) {
      const bad = badValueFor(resolve(doc, property, '').node);
      if (bad !== undefined && name in params) breakable[name] = bad;
    }
  }
  return { method: operation.method, path, params, required, breakable };
}

/** A text value the schema refuses in every placement (text is all a query string can carry). */
function badValueFor(schema: Node): string | undefined {
  if (schema.type === 'integer' || schema.type === 'number') return 'not-a-number';
  if (schema.type === 'boolean') return 'not-a-boolean';
  if (Array.isArray(schema.enum) && schema.enum.every((v: unknown) => typeof v === 'string')) return 'not-one-of-them';
  if (schema.type !== 'string') return undefined;
  const candidate = 'not a valid value!';
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(candidate)) return candidate;
  if (schema.format === 'uri') return candidate;
  if (typeof schema.maxLength === 'number' && schema.maxLength < 100) return 'x'.repeat(schema.maxLength + 1);
  return undefined;
}

/**
 * `{ a: 1, f: { url: 'u' }, ids: ['x', 'y'] }` → `a=1&f[url]=u&ids[]=x&ids[]=y`, as PHP reads it.
 * A list of objects needs indexes (`c[0][name]`): each `[]` would start a new element.
 */
export function phpEncode(params: Record<string, unknown>): string {
  const out = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) add(typeof item === 'object' ? `${key}[${i}]` : `${key}[]`, item);
    } else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    else out.append(key, String(value));
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return out.toString();
}

/** The call written with all its parameters in one placement. */
export function inPlacement(call: Pick<Call, 'method' | 'path' | 'params'>, placement: Placement, baseUrl: string) {
  const init: RequestInit & { headers: Record<string, string> } = { method: call.method, headers: {} };
  if (placement === 'query') {
    const qs = phpEncode(call.params);
    return { url: `${baseUrl}${call.path}${qs ? `?${qs}` : ''}`, init };
  }
  const body = placement === 'json' ? JSON.stringify(call.params) : phpEncode(call.params);
  init.headers['content-type'] = placement === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  // Explicit, since node:http sends a GET or DELETE body without a length otherwise.
  init.headers['content-length'] = String(Buffer.byteLength(body));
  init.body = body;
  return { url: `${baseUrl}${call.path}`, init };
}
