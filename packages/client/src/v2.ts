// Entry point `@wawp/client/v2`: the v2 API (`https://api.wawp.net/v2`), both faces. The
// errors, hooks, retries and `paginate` are the same objects as the v1 entry points' (one
// shared chunk), so `instanceof WawpApiError` holds whichever entry threw it.
export type { WawpClientOptions, WawpCore } from './core.js';
export type { Credentials } from './credentials.js';
export type { components, operations, paths } from './generated/v2/openapi.js';
export * from './generated/v2/operations.js';
export type { WawpHookInfo, WawpHooks } from './hooks.js';
export type { ArgsParam, BodyMode, CallOptions, ParseMode } from './operation-types.js';
export { type PageArgs, paginate } from './paginate.js';
export * from './public-errors.js';
export { DEFAULT_RETRY, type RetryOption, type RetryOptions } from './retry.js';
export type { FetchLike, TransportRequestOptions } from './transport.js';
export {
  createWawpV2Client,
  DEFAULT_V2_BASE_URL,
  type WawpV2ClientOptions,
  type WawpV2PathClient,
} from './v2/client.js';
export type { CredentialPlacement } from './v2/credentials.js';
export type { V2Operation, V2OperationId } from './v2/operation.js';
export { createWawpV2, type V2OperationArgs, type V2OperationData, type WawpV2 } from './v2/wawp.js';
