import type { Ajv2020 } from 'ajv/dist/2020.js';

// A bundled document is walked generically.
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI/AsyncAPI nodes have no static shape here
type Node = any;

export function resolveRef(doc: object, node: Node, pointer?: string): { node: Node; pointer: string };
export function firstExample(doc: object, holder: Node): { value: unknown } | undefined;
export function createSpecAjv(doc: object, id: string): Ajv2020;

/** `/send` → `~1send`. */
export function escapePointer(segment: string | number): string;
/** `~1send` → `/send`. */
export function unescapePointer(token: string): string;
/** `joinPointer('#/paths', '/send', 'post')` → `#/paths/~1send/post`. */
export function joinPointer(base: string, ...segments: (string | number)[]): string;
/** The name a `$ref` points at, its last token unescaped: `#/components/schemas/Message` → `Message`. */
export function refName(ref: string): string;
/** The node at a local pointer, or undefined. */
export function atPointer(doc: object, pointer: string): Node;

/** The keys of an OpenAPI path item that hold an operation. */
export const HTTP_METHODS: readonly ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
export type HttpMethodKey = (typeof HTTP_METHODS)[number];
/** Methods that are safe to send twice by their HTTP meaning, unless an operation's `x-wawp-retry-safe` says otherwise. */
export const RETRY_SAFE_METHODS: readonly ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

export interface ListedOperation {
  /** The path, or the event name in `webhooks`. */
  path: string;
  method: HttpMethodKey;
  item: Node;
  operation: Node;
  /** JSON pointer of the operation, e.g. `#/paths/~1send/post`. */
  pointer: string;
}
/** Every operation of `paths` (default) or `webhooks`, raw, in document order. */
export function listOperations(doc: object, section?: 'paths' | 'webhooks'): ListedOperation[];

/** `none`: no body; `flat`: a JSON object body whose fields sit beside the parameters; `body`: passed as `body`. */
export type BodyMode = 'none' | 'flat' | 'body';
/** How a success answer is read: JSON, a Blob (images), text, or by its Content-Type. */
export type ParseMode = 'json' | 'blob' | 'text' | 'auto';

export interface OperationParameter {
  /** The name on the wire and in the flat arguments. */
  name: string;
  required: boolean;
  /** Also a field of the JSON object body: the client sends it in both places. */
  inBody?: true;
  /** Query parameters: how a list or an object value is spelt. */
  style?: string;
  explode?: boolean;
  /** JSON pointer of the parameter object (its schema is under `/schema`). */
  pointer: string;
}

export interface OperationCredential {
  /** The security scheme's key, e.g. `accessToken`. */
  scheme: string;
  in: 'query' | 'header' | 'cookie';
  /** The wire name, e.g. `access_token`. */
  name: string;
}

/** One REST operation, read once for every consumer; plain JSON (the client ships it as operations.json). */
export interface OperationModel {
  id: string;
  /** Upper case: `GET`, `POST`. */
  method: string;
  path: string;
  /** The client name, from `x-wawp-method: group.name`. */
  group: string;
  name: string;
  tag: string;
  summary: string;
  /** JSON pointer of the operation in the bundle. */
  pointer: string;
  /** The documented placement of each parameter: where the client sends it. */
  parameters: { path: OperationParameter[]; query: OperationParameter[]; header: OperationParameter[] };
  credentials: OperationCredential[];
  bodyMode: BodyMode;
  body?: {
    mediaType: string;
    required: boolean;
    /** JSON pointer of the media type object (its schema is under `/schema`). */
    pointer: string;
    /** The JSON object body's declared fields (`flat` only). */
    fields: string[];
  };
  /** Safe to send again after a failure: `x-wawp-retry-safe`, else by the HTTP method. */
  retrySafe: boolean;
  parse: ParseMode;
  /** The documented examples as the flat arguments of one call. */
  exampleArgs: Record<string, unknown>;
}

/** Every REST operation as the model; throws naming the operation on what downstream cannot use. */
export function readOperations(doc: object): OperationModel[];

export interface ExampleRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** JSON text, when the call has a body. */
  body?: string;
}
/** One call as an HTTP request, split by location as the client splits it; credentials by wire name. */
export function exampleRequest(
  op: OperationModel,
  options: { baseUrl: string; credentials?: Record<string, string>; args?: Record<string, unknown> },
): ExampleRequest;

/** Rebuilds a schema bottom-up through its schema positions only. */
export function mapSubschemas(schema: Node, visit: (schema: Record<string, Node>) => Node): Node;

declare const code: unique symbol;
export interface TsCode {
  readonly [code]: string;
}
/** Code printed as it is inside a literal. */
export function tsCode(text: string): TsCode;
export function tsKey(key: string): string;
export function tsString(text: string): string;
/** A JSON value (with `tsCode` pieces) as a TypeScript literal in the house style. */
export function tsLiteral(value: unknown, indent?: string, width?: number): string;
/** Biome's line width for this repository (120). */
export const LINE_WIDTH: number;
/** The same literal on one line. */
export function tsInline(value: unknown): string;

/** The flat arguments by location, as the client splits them. */
export function splitArgs(
  op: OperationModel,
  args: Record<string, unknown>,
): {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body?: unknown;
};
