// The seams through which a stateful layer (the sandbox) plugs into the mock without
// forking its pipeline. See api/pipeline.ts for where each one runs.

/** A call that passed every check (route, credentials, parameters, body). */
export interface ValidatedCall {
  /** The API version the call was made to: `v1`, or `v2` (under `/v2`). */
  api: 'v1' | 'v2';
  /** The operation's `operationId`, e.g. `getSessionInfo`; an operation v2 kept from v1 keeps its id. */
  operationId: string;
  /** Lower-case method as sent (`get` for HEAD), also a method the operation only also accepts. */
  method: string;
  /** The operation's path template, e.g. `/chats/{chatId}/messages`. */
  pathTemplate: string;
  /** The request path, production base path removed, as sent (percent-encoded); v2's keep `/v2`. */
  path: string;
  /**
   * Every parameter of the call, merged from the query string, JSON body, form body and path
   * by the placement rule, the credentials included (`instance_id`, `access_token`): text as
   * sent for query and form values, JSON types for JSON values. A token sent in a header
   * (v2's `access-token` or `Authorization: Bearer`) is here as `access_token` too.
   */
  params: Readonly<Record<string, unknown>>;
  /** The request headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** What the mock would answer without the responder: the documented example. */
  documented: MockAnswer;
}

/** An answer a responder gives instead of the documented example. */
export interface MockAnswer {
  status: number;
  /** Serialised as JSON unless it is a string and `content-type` says otherwise. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection without answering, as a network failure would (fault simulation). */
  drop?: boolean;
}

/**
 * Runs after validation, before the documented example is served. Return an answer to serve
 * it instead, or undefined for the example. An async responder may take its time (latency
 * simulation); the answer is sent when it resolves. Not asked when the caller chose a documented
 * response itself (`Prefer: code=…` / `__wawp_status`), so error simulation keeps working.
 */
export type Responder = (call: ValidatedCall) => MockAnswer | undefined | Promise<MockAnswer | undefined>;

/** One answered API call, for a request journal. Sees every call, errors included. */
export interface Exchange {
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
  /** The API version the call was made to. */
  api: 'v1' | 'v2';
  method: string;
  /** The request path, production base path removed, as sent; v2's keep `/v2`. */
  path: string;
  /** Undefined when no operation matched (404). */
  operationId?: string;
  /** The merged parameters (credentials included: redact before storing or showing them). */
  params: Readonly<Record<string, unknown>>;
  status: number;
  body: unknown;
}

export type ExchangeObserver = (exchange: Exchange) => void;
