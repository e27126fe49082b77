export {
  createWawpClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type WawpClientOptions,
  type WawpPathClient,
} from './client.js';
export type { Credentials } from './credentials.js';
export {
  WawpAbortError,
  WawpApiError,
  WawpError,
  type WawpErrorBody,
  WawpNetworkError,
  WawpTimeoutError,
} from './errors.js';
export type { components, operations, paths } from './generated/openapi.js';
export { type PageArgs, paginate } from './paginate.js';
export { DEFAULT_RETRY, type RetryOption, type RetryOptions } from './retry.js';
export type { FetchLike, TransportRequestOptions } from './transport.js';
