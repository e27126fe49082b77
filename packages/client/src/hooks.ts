import type { WawpError } from './errors.js';

/** What a hook is told about one attempt. The URL is redacted: it never holds the token. */
export interface WawpHookInfo {
  /** HTTP method, upper case. */
  method: string;
  /** The full request URL with `access_token=[REDACTED]`. */
  url: string;
  /** The operation's id when the call came through the operation face (`sendText`). */
  operationId?: string | undefined;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** The answer's status (`onResponse`, `onRetry` after an answer). */
  status?: number | undefined;
  /** Time from sending the attempt to its answer's headers, in ms (`onResponse`). */
  durationMs?: number | undefined;
  /** How the attempt failed, when it did (`onResponse`, `onRetry`): already redacted. */
  error?: WawpError | undefined;
  /** The wait before the next attempt, in ms (`onRetry`). */
  delayMs?: number | undefined;
}

/**
 * Observers of the client's traffic, for logs and metrics. They are told, never asked: what
 * they return is ignored, and an exception or rejection from a hook is swallowed so that
 * logging can never break a call.
 */
export interface WawpHooks {
  /** Before each attempt is sent. */
  onRequest?(info: WawpHookInfo): unknown;
  /** After each attempt: its answer's status and duration, or its error. */
  onResponse?(info: WawpHookInfo): unknown;
  /** Before waiting for a retry: which attempt failed, how, and the wait. */
  onRetry?(info: WawpHookInfo): unknown;
}

export function tell(hook: ((info: WawpHookInfo) => unknown) | undefined, info: WawpHookInfo): void {
  if (!hook) return;
  try {
    const result = hook(info) as { catch?: (f: () => void) => void } | undefined;
    if (typeof result?.catch === 'function') result.catch(() => {});
  } catch {
    // A hook observes; it cannot fail the call.
  }
}
