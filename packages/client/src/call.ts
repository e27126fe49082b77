import { type Deadline, type DeadlineWaiter, takeDeadline } from './deadline.js';
import { type WawpError, WawpTimeoutError } from './errors.js';
import type { RetryPolicy } from './retry.js';

/** The `fetch` the client calls: a `Request`, and an init that only ever carries a `signal`. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * One call through the core, from the first attempt until its answer is read. It holds the
 * call's timeout seat and knows whom to tell when the deadline passes or the caller aborts:
 * the attempt in flight, the wait before a retry, or the read of the final answer.
 */
export class Call implements DeadlineWaiter {
  /** Attempts started so far; 0 while the request is still being built. */
  attempt = 0;
  timedOut = false;
  /** When the first attempt started (retries only), for `maxElapsedMs`. */
  started = 0;
  /** The last answer's status and type, for errors about its body. */
  status = 0;
  /** The request once it is built (its URL holds the token: never shown as is). */
  request: Request | undefined;
  /** The request's URL as hooks see it (redacted), once a hook has asked. */
  declare hookUrl?: string;
  /** A controller per attempt when both a timeout and the caller's signal apply. */
  controller: AbortController | undefined;
  private deadline: Deadline | undefined;
  /** Ends whatever the call is waiting on with this error (attempt, retry wait or body read). */
  fail: (error: WawpError) => void = () => {};

  constructor(
    readonly method: string,
    readonly template: string,
    readonly operationId: string | undefined,
    readonly timeoutMs: number,
    readonly policy: RetryPolicy | undefined,
    readonly signal: AbortSignal | undefined,
    readonly baseFetch: FetchLike,
    private readonly locate: (url: string) => string,
  ) {}

  /** Where errors say the call went: the template until the request is built, then its path, redacted, without the query. */
  get path(): string {
    // Read only when an error or a hook needs it: a Request serialises its URL on every read.
    return this.request ? this.locate(this.request.url) : this.template;
  }

  /** Starts an attempt's timer; the init (`{ signal }`) to hand to fetch, if one is needed. */
  arm(): RequestInit | undefined {
    this.timedOut = false;
    if (!(this.timeoutMs > 0)) return undefined;
    this.deadline = takeDeadline(this.timeoutMs, this);
    if (!this.signal) return this.deadline.init;
    this.controller = new AbortController();
    return { signal: this.controller.signal };
  }

  /** Gives the seat back: the attempt is over, or the answer has been read. */
  disarm(): void {
    this.deadline?.leave(this);
    this.deadline = undefined;
  }

  expire(): void {
    this.deadline = undefined;
    this.timedOut = true;
    this.controller?.abort();
    this.fail(new WawpTimeoutError(this.timeoutMs, this));
  }
}
