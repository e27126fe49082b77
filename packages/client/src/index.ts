export { createWawpClient, DEFAULT_BASE_URL, type WawpClientOptions, type WawpPathClient } from './client.js';
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
