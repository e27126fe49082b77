import { coreOf } from './client.js';
import type { CoreOperation, RawResult, WawpCore } from './core.js';
import type { BodyMode, CallOptions, Operation, OperationId, ParseMode } from './operation-types.js';

/** What the generator knows about one operation; enough to split the flat arguments. */
export interface OperationMeta {
  id: string;
  method: string;
  path: string;
  pathKeys: readonly string[];
  queryKeys: readonly string[];
  headerKeys: readonly string[];
  body: BodyMode;
  parse: ParseMode;
  /** Names that are both a parameter and a body field: sent in both places. */
  sharedKeys: readonly string[];
  /** Safe to send again after a failure: the spec's model decides (`x-wawp-retry-safe`, else the method). */
  retrySafe: boolean;
}

/** The generated description of one operation: what is left out takes its default. */
export interface OperationDefinition<Id extends string, Mode extends BodyMode, Parse extends ParseMode>
  extends Partial<Omit<OperationMeta, 'id' | 'method' | 'path' | 'body' | 'parse'>> {
  id: Id;
  method: string;
  path: string;
  /** Default `none`. */
  body?: Mode;
  /** Default `json`. */
  parse?: Parse;
}

const NONE: readonly string[] = [];

/** A definition with its defaults filled in. */
export function metaOf(definition: OperationDefinition<string, BodyMode, ParseMode>): OperationMeta {
  return {
    id: definition.id,
    method: definition.method,
    path: definition.path,
    pathKeys: definition.pathKeys ?? NONE,
    queryKeys: definition.queryKeys ?? NONE,
    headerKeys: definition.headerKeys ?? NONE,
    body: definition.body ?? 'none',
    parse: definition.parse ?? 'json',
    sharedKeys: definition.sharedKeys ?? NONE,
    retrySafe: definition.retrySafe ?? false,
  };
}

/** The untyped operation function of a definition; each version's `defineOperation` types it. */
export function operationFunction(
  definition: OperationDefinition<string, BodyMode, ParseMode>,
): (client: WawpFace, args?: Record<string, unknown>, options?: CallOptions) => Promise<unknown> {
  const meta = metaOf(definition);
  // Made once per operation, not per call: the core hands its error builder to `settle`.
  const operation = coreOperation(meta);
  return (client, args, options) => callOperation(client, meta, args, options, operation);
}

/** What the core needs to know of an operation: its id, and how its answer becomes the result. */
function coreOperation(meta: OperationMeta): CoreOperation {
  return { id: meta.id, settle: (result, apiError) => settle(apiError, meta, result) };
}

/**
 * Builds one operation function from its generated definition. Pure, so bundlers drop every
 * operation an app does not import.
 */
export function defineOperation<
  const Id extends OperationId,
  const Mode extends BodyMode = 'none',
  const Parse extends ParseMode = 'json',
>(definition: OperationDefinition<Id, Mode, Parse>): Operation<Id, Mode, Parse> {
  return operationFunction(definition) as unknown as Operation<Id, Mode, Parse>;
}

type Bag = Record<string, unknown>;
/** A path client of any version (its `core` is what the call goes through). */
type WawpFace = { readonly core: WawpCore };

/** Splits the flat arguments by location, sends the request and resolves to the data or rejects. */
export function callOperation(
  client: WawpFace,
  meta: OperationMeta,
  args?: Bag,
  options?: CallOptions,
  operation: CoreOperation = coreOperation(meta),
): Promise<unknown> {
  let init: Bag;
  const core = coreOf(client);
  try {
    if (!core) {
      throw new TypeError(
        `${meta.id}: the first argument must be a client from createWawpClient (a plain openapi-fetch client has no Wawp core)`,
      );
    }
    init = requestInit(meta, args ?? {}, options);
  } catch (error) {
    return Promise.reject(error);
  }
  // The core's untyped door: the generator guarantees that path, method and arguments match.
  return core.send(meta.method, meta.path, init, operation);
}

/** openapi-fetch's init for one call: parameters by location, the body, how to parse. */
function requestInit(meta: OperationMeta, args: Bag, options: CallOptions | undefined): Bag {
  if (typeof args !== 'object' || args === null) throw new TypeError(`${meta.id}: arguments must be an object`);
  // Only locations that get a value are passed on: empty ones cost openapi-fetch work per call.
  let path: Bag | undefined;
  let query: Bag | undefined;
  let header: Bag | undefined;
  let fields: Bag | undefined;
  let body: unknown;
  for (const key in args) {
    const value = args[key];
    if (value === undefined) continue;
    let isParam = true;
    if (meta.pathKeys.includes(key)) path = put(path, key, value);
    else if (meta.queryKeys.includes(key)) query = put(query, key, value);
    else if (meta.headerKeys.includes(key)) header = put(header, key, value);
    else isParam = false;
    if (meta.body === 'flat' && (!isParam || meta.sharedKeys.includes(key))) fields = put(fields, key, value);
    else if (meta.body === 'body' && key === 'body' && !isParam) body = value;
    else if (!isParam) throw new TypeError(`${meta.id}: unknown argument \`${key}\``);
  }
  // A JSON object body is always sent, even empty, so a body the spec requires is never missing.
  if (meta.body === 'flat') body = fields ?? {};
  for (const key of meta.pathKeys) {
    if (path?.[key] === undefined) throw new TypeError(`${meta.id}: missing path parameter \`${key}\``);
  }

  // Only the keys in use are set: openapi-fetch walks every key of the init on each call.
  const init: Bag = options ? { ...options } : {};
  if (path || query || header) init.params = { path, query, header };
  if (body !== undefined) init.body = body;
  if (meta.parse !== 'json') init.parseAs = meta.parse === 'auto' ? 'stream' : meta.parse;
  return init;
}

function settle(apiError: WawpCore['apiError'], meta: OperationMeta, { data, error, response }: RawResult): unknown {
  if (!response.ok) throw apiError(meta.method, meta.path, response, error);
  if (meta.parse !== 'auto' || data === undefined) return data;
  const type = response.headers.get('content-type') ?? '';
  return /json/i.test(type) ? response.json() : /^text\//i.test(type) ? response.text() : response.blob();
}

function put(bag: Bag | undefined, key: string, value: unknown): Bag {
  const out = bag ?? {};
  out[key] = value;
  return out;
}
