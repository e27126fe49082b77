// The error classes and types every entry point exports: one list, so `instanceof` and the
// names are the same whichever entry point threw.
export {
  type ApiErrorDetails,
  type ErrorCode,
  WawpAbortError,
  WawpApiError,
  WawpArgumentError,
  WawpError,
  type WawpErrorBody,
  WawpNetworkError,
  WawpParseError,
  WawpTimeoutError,
} from './errors.js';
