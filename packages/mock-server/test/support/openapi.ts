// Test support: walks the bundled OpenAPI document, builds a valid request for each
// operation from the documented examples, and validates answers against the response schemas.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  createSpecAjv,
  exampleRequest,
  joinPointer,
  type OperationModel,
  readOperations,
  resolveRef,
} from '@wawp/spec/tools';

const require = createRequire(import.meta.url);
const DOC_ID = 'urn:wawp:openapi';
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
  /** The operation as @wawp/spec/tools reads it, for every consumer alike. */
  model: OperationModel;
}

/** A bundle of @wawp/spec: v1's by default, or another by its export (`@wawp/spec/openapi-v2.json`). */
export function loadOpenApi(specifier = '@wawp/spec/openapi.json'): Node {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8'));
}

/** Follows local `$refs` and returns the target and the pointer where it lives. */
export const resolve = resolveRef;

export function listOperations(doc: Node): Operation[] {
  return readOperations(doc).map((model) => ({
    method: model.method,
    path: model.path,
    id: model.id,
    pointer: model.pointer,
    op: resolveRef(doc, { $ref: model.pointer }).node,
    model,
  }));
}

export interface BuiltRequest {
  url: string;
  init: RequestInit;
}

/** A request for `operation` that the spec says is valid: the model's example call, on the wire. */
export function buildRequest(_doc: Node, operation: Operation, baseUrl: string): BuiltRequest {
  const credentials = Object.fromEntries(operation.model.credentials.map((c) => [c.name, CREDENTIAL]));
  const { method, url, headers, body } = exampleRequest(operation.model, { baseUrl, credentials });
  return { url, init: { method, headers, ...(body !== undefined && { body }) } };
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
      joinPointer(pointer, 'content', mediaKey, 'schema'),
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
