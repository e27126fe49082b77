// @ts-check
// Emits the few facts of the spec that the client's runtime needs besides the operations:
// the package version (for the User-Agent-style header), the routes whose retry safety
// differs from their method's default (`x-wawp-retry-safe`), and the known error codes.
import { RETRY_SAFE_METHODS, resolveRef } from '@wawp/spec/tools';
import { HEADER } from './emit-operations.mjs';

/**
 * `{ 'POST /chats/overview': true, … }`: only where the model's retry safety differs from the
 * method's default, so the runtime's own method list stays the one the caller configures.
 * @param {import('@wawp/spec/tools').OperationModel[]} ops
 */
export function retrySafeOverrides(ops) {
  /** @type {Record<string, boolean>} */
  const overrides = {};
  const byMethod = /** @type {readonly string[]} */ (RETRY_SAFE_METHODS);
  for (const o of ops) {
    if (o.retrySafe !== byMethod.includes(o.method)) overrides[`${o.method} ${o.path}`] = o.retrySafe;
  }
  return overrides;
}

/**
 * The listed values of `components.schemas.ErrorCode` (an open enum: `anyOf` of an enum and string).
 * @param {any} doc
 * @returns {string[]}
 */
export function knownErrorCodes(doc) {
  const deref = (/** @type {any} */ node) => resolveRef(doc, node).node ?? {};
  const schema = deref(doc.components?.schemas?.ErrorCode ?? {});
  const parts = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map(deref);
  return [...new Set(parts.flatMap((p) => p.enum ?? []))].filter((v) => typeof v === 'string');
}

/**
 * @param {any} doc
 * @param {import('@wawp/spec/tools').OperationModel[]} ops
 * @param {string} version
 */
export function emitClientFacts(doc, ops, version) {
  const codes = knownErrorCodes(doc);
  return [
    HEADER,
    '/** The version of @wawp/client, sent in its User-Agent-style header. */',
    `export const CLIENT_VERSION = ${JSON.stringify(version)};`,
    '',
    "/** Routes (`METHOD path`) whose retry safety differs from their method's default, from `x-wawp-retry-safe`. */",
    `export const retrySafeRoutes: Readonly<Record<string, boolean>> = ${JSON.stringify(retrySafeOverrides(ops))};`,
    '',
    '/** The error codes the spec lists (`ErrorCode`). */',
    `export type KnownErrorCode = ${codes.map((c) => JSON.stringify(c)).join(' | ') || 'never'};`,
    '',
  ].join('\n');
}
