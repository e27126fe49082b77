import { coreOf, createWawpClient, type WawpClientOptions, type WawpPathClient } from './client.js';
import { operationGroups } from './generated/groups.js';
import type { BoundOperation } from './operation-types.js';

type Groups = typeof operationGroups;
type AnyOperation = (client: unknown, args?: unknown, options?: unknown) => Promise<unknown>;

/** A client-shaped object without the Wawp core: most likely a plain openapi-fetch client. */
function isForeignClient(value: object): boolean {
  const shape = value as { request?: unknown; GET?: unknown };
  return typeof shape.request === 'function' || typeof shape.GET === 'function';
}

/**
 * The operation face: one object per tag of the API (`wawp.sessions`, `wawp.messages`, …),
 * one method per operation, each taking one flat argument object and resolving to the data
 * (or throwing a typed error). `client` is the path face underneath, sharing its settings.
 */
export type Wawp = { readonly client: WawpPathClient } & {
  readonly [G in keyof Groups]: { readonly [M in keyof Groups[G]]: BoundOperation<Groups[G][M]> };
};

/**
 * Creates the operation face, from options (like `createWawpClient`) or around a path client
 * from `createWawpClient`, so both faces share one core. A plain openapi-fetch client is
 * refused: it has no credentials, timeouts, retries or redaction.
 */
export function createWawp(options: WawpClientOptions | WawpPathClient): Wawp {
  const client = faceClient(options, 'v1', 'createWawp', 'createWawpClient', createWawpClient);
  return bindGroups(client, operationGroups) as Wawp;
}

/**
 * The path client an operation face goes through: the one given (when it speaks the same
 * API version), else one made from the options. A plain openapi-fetch client, or a client of
 * the other version (its base URL and paths are the other API's), is refused.
 */
export function faceClient<Options, Client>(
  options: Options | Client,
  api: 'v1' | 'v2',
  face: string,
  factory: string,
  create: (options: Options) => Client,
): Client {
  const core = coreOf(options);
  const pass = `pass ${factory}(options) or the options themselves.`;
  if (core) {
    if (core.api === api) return options as Client;
    throw new TypeError(`${face}: this client speaks the ${core.api} API; ${pass}`);
  }
  if (options && typeof options === 'object' && isForeignClient(options)) {
    throw new TypeError(
      `${face}: this client was not made by ${factory}. A plain openapi-fetch client has no Wawp core ` +
        `(credentials, timeouts, retries, redaction); ${pass}`,
    );
  }
  return create(options as Options);
}

/** `{ client, group: { method: operation bound to client } }`: the operation face of any version. */
export function bindGroups(client: { readonly core: unknown }, operations: object): Record<string, unknown> {
  const wawp: Record<string, unknown> = { client };
  const groups = operations as Record<string, Record<string, AnyOperation>>;
  for (const group in groups) {
    const bound: Record<string, unknown> = {};
    const methods = groups[group]!;
    for (const name in methods) {
      const operation = methods[name]!;
      bound[name] = (args?: unknown, options?: unknown) => operation(client, args, options);
    }
    wawp[group] = bound;
  }
  return wawp;
}
