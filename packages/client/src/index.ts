export {
  createWawpClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type WawpClientOptions,
  type WawpCore,
  type WawpPathClient,
} from './client.js';
export type { Credentials } from './credentials.js';
export type { components, operations, paths } from './generated/openapi.js';
export type { WawpHookInfo, WawpHooks } from './hooks.js';
export { type PageArgs, paginate } from './paginate.js';
export * from './public-errors.js';
export { DEFAULT_RETRY, type RetryOption, type RetryOptions } from './retry.js';
export type { FetchLike, TransportRequestOptions } from './transport.js';
