// Rewrites a call into the one placement the spec documents for each parameter, after the
// placements were merged (merge.ts). Prism then validates every call the same way, so the
// same call gets the same answer and the same error body whether its parameters came in the
// query string, a JSON body or a form body:
// - the operation's query parameters and the credentials go to the query string, as text
//   (deepObject members as `file[url]`, a list as repeated values);
// - the fields of a documented JSON body go to a JSON body, typed by the body's schema;
// - path parameters are written back into the path (a body may override them, as in WordPress);
// - anything else is ignored, as WordPress ignores parameters a route does not declare.
import type { IHttpOperation, IHttpQueryParam } from '@stoplight/types';
import { rememberedPer } from '../remembered.js';
import { coerceToSchema } from './coerce.js';
import type { Merged } from './merge.js';

type Schema = Record<string, unknown>;

export interface CanonicalCall {
  path: string;
  query: Record<string, string | string[]>;
  /** Set when the operation documents a body: the body to validate, and its media type. */
  body?: { mediaType: string; value: unknown };
  /** Problems found while placing values (an object where text belongs), name → problem. */
  invalid: Record<string, string>;
}

interface QueryParam {
  /** The spec's name (`ids[]` for a PHP list, `file` for a deepObject). */
  name: string;
  /** The name PHP files the value under (`ids`). */
  key: string;
  deepObject: boolean;
  list: boolean;
  type: string;
}

interface OperationShape {
  template: string;
  pathNames: string[];
  query: QueryParam[];
  credentials: string[];
  body?: { mediaType: string; schema: Schema; properties: string[]; required: boolean };
}

export type Canonicalize = (operation: IHttpOperation, merged: Merged) => CanonicalCall;

/** An operation's shape is worked out the first time a call to it is placed. */
export function createCanonicalizer(): Canonicalize {
  const shapeFor = rememberedPer(shapeOf);
  return (operation, merged) => place(shapeFor(operation), merged.params);
}

function shapeOf(op: IHttpOperation): OperationShape {
  const credentials = new Set<string>();
  for (const alternative of op.security ?? []) {
    for (const scheme of alternative) {
      if (scheme.type === 'apiKey' && scheme.in === 'query') credentials.add(scheme.name);
    }
  }
  const contents = op.request?.body?.contents ?? [];
  const media =
    contents.find((c) => /^application\/([\w.+-]+\+)?json$/i.test(c.mediaType)) ??
    contents.find((c) => c.mediaType === 'application/x-www-form-urlencoded');
  const schema = (media?.schema ?? undefined) as Schema | undefined;
  return {
    template: op.path,
    pathNames: (op.request?.path ?? []).map((p) => p.name),
    query: (op.request?.query ?? []).map(queryParamOf),
    credentials: [...credentials],
    ...(media
      ? {
          body: {
            mediaType: media.mediaType,
            schema: schema ?? {},
            properties: bodyFields(schema),
            required: op.request?.body?.required === true,
          },
        }
      : {}),
  };
}

/**
 * The body's own fields. A body the spec generated from the placement rule also lists the
 * query, path and credential parameters (marked `x-wawp-in`); those are placed where the
 * operation documents them, not validated a second time as body fields.
 */
function bodyFields(schema: Schema | undefined): string[] {
  const properties = (schema?.properties ?? {}) as Record<string, Schema>;
  return Object.keys(properties).filter((name) => {
    const placedIn = properties[name]?.['x-wawp-in'];
    return placedIn === undefined || placedIn === 'body';
  });
}

function queryParamOf(param: IHttpQueryParam): QueryParam {
  const schema = (param.schema ?? {}) as Schema;
  const list = schema.type === 'array';
  const key = param.name.endsWith('[]') ? param.name.slice(0, -2) : param.name;
  return {
    name: param.name,
    key,
    deepObject: param.style === 'deepObject',
    list,
    type: String(schema.type ?? 'string'),
  };
}

function place(shape: OperationShape, params: Record<string, unknown>): CanonicalCall {
  const invalid: Record<string, string> = {};
  const query: Record<string, string | string[]> = {};
  for (const param of shape.query) {
    const value = Object.hasOwn(params, param.key) ? params[param.key] : params[param.name];
    if (value === undefined) continue;
    if (param.deepObject) {
      if (isObject(value)) flattenInto(query, param.name, value);
      else invalid[param.name] = `${param.name} must be object.`;
    } else if (param.list) {
      const items = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [value];
      if (items.every(isScalar)) query[param.name] = items.map(text);
      else invalid[param.name] = `${param.name} must be a list of values.`;
    } else if (isScalar(value)) {
      query[param.name] = text(value);
    } else {
      invalid[param.name] = `${param.name} must be ${param.type}.`;
    }
  }
  for (const name of shape.credentials) {
    const value = params[name];
    // A list or map is no credential; leaving it out makes the security check answer 401.
    if (isScalar(value)) query[name] = text(value);
  }
  let path = shape.template;
  for (const name of shape.pathNames) {
    const value = params[name];
    if (isScalar(value)) path = path.replace(`{${name}}`, encodeURIComponent(text(value)));
    else if (value !== undefined) invalid[name] = `${name} must be string.`;
  }
  const call: CanonicalCall = { path, query, invalid };
  if (shape.body) {
    const fields: Record<string, unknown> = {};
    for (const name of shape.body.properties) {
      if (Object.hasOwn(params, name)) fields[name] = params[name];
    }
    if (shape.body.required || Object.keys(fields).length > 0) {
      call.body = { mediaType: shape.body.mediaType, value: coerceToSchema(fields, shape.body.schema) };
    }
  }
  return call;
}

function flattenInto(query: Record<string, string | string[]>, prefix: string, value: Record<string, unknown>) {
  for (const [key, item] of Object.entries(value)) {
    const name = `${prefix}[${key}]`;
    if (isObject(item)) flattenInto(query, name, item);
    else if (Array.isArray(item)) query[name] = item.filter(isScalar).map(text);
    else if (isScalar(item)) query[name] = text(item);
  }
}

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: Scalar): string {
  return String(value);
}
