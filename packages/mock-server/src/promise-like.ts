// Telling a promise from a plain value without awaiting it: the request path and the sandbox
// clock both take synchronous results at once (an await costs a turn of the microtask queue)
// and wait only for the ones that are promises.

/** True for a promise or any other thenable. */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
