// Emits the few facts of the spec that the client's runtime needs besides the operations:
// the package version (for the User-Agent-style header), the production server, the routes whose retry safety
// differs from the client's default methods, and the known error codes.
import { RETRY_SAFE_METHODS, resolveRef } from '@wawp/spec/tools';
import { HEADER } from './emit-operations.mjs';

/** @typedef {import('@wawp/spec/tools').OperationModel} OperationModel */
/** @typedef {{ enum?: unknown[], anyOf?: object[], oneOf?: object[] }} CodeSchema */

/** The methods the model (and the client's default `retry.methods`) count as safe to retry. */
const DEFAULT_SAFE = /** @type {readonly string[]} */ (RETRY_SAFE_METHODS);

/**
 * `{ 'POST /chats/overview': true, … }`: only where the model's `retrySafe` differs from the method's default.
 * @param {OperationModel[]} ops
 */
export function retrySafeOverrides(ops) {
  /** @type {Record<string, boolean>} */
  const overrides = {};
  for (const o of ops) {
    if (o.retrySafe !== DEFAULT_SAFE.includes(o.method)) overrides[`${o.method} ${o.path}`] = o.retrySafe;
  }
  return overrides;
}

/**
 * The listed values of `components.schemas.ErrorCode` (an open enum: `anyOf` of an enum and string).
 * @param {any} doc
 * @returns {string[]}
 */
export function knownErrorCodes(doc) {
  /** @param {object} node @returns {CodeSchema} */
  const deref = (node) => /** @type {CodeSchema} */ (resolveRef(doc, node).node);
  const schema = deref(doc.components?.schemas?.ErrorCode ?? {});
  const parts = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map(deref);
  return [...new Set(parts.flatMap((p) => p.enum ?? []))].filter((v) => typeof v === 'string');
}

/**
 * The first server's URL, without a trailing slash; refuses a description without one.
 * @param {any} doc
 * @returns {string}
 */
export function serverUrl(doc) {
  const url = doc.servers?.[0]?.url;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url))
    throw new Error('the description has no absolute first server URL');
  return url.replace(/\/+$/, '');
}

/**
 * @param {any} doc
 * @param {OperationModel[]} ops
 * @param {string} version
 */
export function emitClientFacts(doc, ops, version) {
  const codes = knownErrorCodes(doc);
  return [
    HEADER,
    '/** The version of @wawp/client, sent in its User-Agent-style header. */',
    `export const CLIENT_VERSION = ${JSON.stringify(version)};`,
    '',
    "/** The description's first server: the production root the client defaults to. */",
    `export const SERVER_URL = ${JSON.stringify(serverUrl(doc))};`,
    '',
    "/** Routes (`METHOD path`) whose retry safety differs from the client's default methods, from `x-wawp-retry-safe`. */",
    `export const retrySafeRoutes: Readonly<Record<string, boolean>> = ${JSON.stringify(retrySafeOverrides(ops))};`,
    '',
    '/** The error codes the spec lists (`ErrorCode`). */',
    `export type KnownErrorCode = ${codes.map((c) => JSON.stringify(c)).join(' | ') || 'never'};`,
    '',
  ].join('\n');
}
