// Types of the operation face, computed from openapi-typescript's `operations` so that the
// generated code only names an operationId and two modes per operation.
import type { FetchResponse } from 'openapi-fetch';
import type { WawpPathClient } from './client.js';
import type { operations } from './generated/openapi.js';
import type { TransportRequestOptions } from './transport.js';

export type OperationId = keyof operations;

/** `none`: no body; `flat`: the JSON object body's fields sit in the flat arguments; `body`: passed as `body`. */
export type BodyMode = 'none' | 'flat' | 'body';
/** How a success answer is read: JSON, a `Blob` (images), text, or by its Content-Type (`auto`). */
export type ParseMode = 'json' | 'blob' | 'text' | 'auto';

/** Per-call settings, next to the operation's own arguments. */
export interface CallOptions extends TransportRequestOptions {
  /** Aborts the call, retries and backoff waits included, with a `WawpAbortError`. */
  signal?: AbortSignal;
  /** Extra headers for this call, e.g. `{ accept: 'image/png' }` for the QR picture. */
  headers?: Record<string, string>;
}

type Empty = Record<never, never>;
type Present<T> = [T] extends [never] ? Empty : [T] extends [undefined] ? Empty : NonNullable<T>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Params<Op, Where extends string> = Op extends { parameters: infer P }
  ? Where extends keyof P
    ? Present<P[Where]>
    : Empty
  : Empty;

type BodyOf<Op> = Op extends { requestBody?: infer B }
  ? NonNullable<B> extends { content: infer C }
    ? C[keyof C]
    : never
  : never;
type BodyRequired<Op> = Op extends { requestBody: { content: unknown } } ? true : false;

type BodyArgs<Op, Mode extends BodyMode> = Mode extends 'flat'
  ? BodyRequired<Op> extends true
    ? BodyOf<Op>
    : Partial<BodyOf<Op>>
  : Mode extends 'body'
    ? BodyRequired<Op> extends true
      ? { body: BodyOf<Op> }
      : { body?: BodyOf<Op> }
    : Empty;

/** The one flat argument object of an operation of any version's `operations` map. */
export type OperationArgsOf<Op, Mode extends BodyMode = BodyMode> = Simplify<
  Params<Op, 'path'> & Params<Op, 'query'> & Params<Op, 'header'> & BodyArgs<Op, Mode>
>;

/** The one flat argument object of an operation: path, query and header parameters and body fields. */
export type OperationArgs<Id extends OperationId, Mode extends BodyMode = BodyMode> = OperationArgsOf<
  operations[Id],
  Mode
>;

// The constraint is openapi-fetch's own; narrowing with a conditional type instead would
// intersect the operation with an index signature and turn every status into a match.
// biome-ignore lint/suspicious/noExplicitAny: must equal FetchResponse's constraint
type AnyOperationShape = Record<string | number, any>;

type JsonData<Op extends AnyOperationShape> = Extract<
  FetchResponse<Op, Empty, `${string}/json`>,
  { error?: never }
>['data'];

/** What an operation of any version's `operations` map resolves to. */
export type OperationDataOf<Op extends AnyOperationShape, Parse extends ParseMode = 'json'> = Parse extends 'blob'
  ? Blob
  : Parse extends 'text'
    ? string
    : Parse extends 'auto'
      ? Blob | JsonData<Op>
      : JsonData<Op>;

/** What an operation resolves to. */
export type OperationData<Id extends OperationId, Parse extends ParseMode = 'json'> = OperationDataOf<
  operations[Id],
  Parse
>;

/** Optional when nothing in it is required; an operation without arguments accepts only `{}`. */
export type ArgsParam<A> = [keyof A] extends [never]
  ? [args?: { [key: string]: never }, options?: CallOptions]
  : Empty extends A
    ? [args?: A, options?: CallOptions]
    : [args: A, options?: CallOptions];

/** A generated operation of any version: its client first, then its arguments. */
export type OperationOf<Op extends AnyOperationShape, Client, Mode extends BodyMode, Parse extends ParseMode> = (
  client: Client,
  ...args: ArgsParam<OperationArgsOf<Op, Mode>>
) => Promise<OperationDataOf<Op, Parse>>;

/** A generated operation: call it with a client from `createWawpClient` and its arguments. */
export type Operation<Id extends OperationId, Mode extends BodyMode, Parse extends ParseMode> = OperationOf<
  operations[Id],
  WawpPathClient,
  Mode,
  Parse
>;

/** The same operation with its client bound, as found on the groups of `createWawp`. */
// `never` as the client: any version's client is accepted here, the operation itself names which.
export type BoundOperation<F> = F extends (client: never, ...args: infer A) => infer R ? (...args: A) => R : never;
