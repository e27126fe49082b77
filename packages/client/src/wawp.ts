import { coreOf, createWawpClient, type WawpClientOptions, type WawpPathClient } from './client.js';
import { operationGroups } from './generated/groups.js';
import type { BoundOperation } from './operation-types.js';

type Groups = typeof operationGroups;
type AnyOperation = (client: WawpPathClient, args?: unknown, options?: unknown) => Promise<unknown>;

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
  let client: WawpPathClient;
  if (coreOf(options)) client = options as WawpPathClient;
  else if (options && isForeignClient(options)) {
    throw new TypeError(
      'createWawp: this client was not made by createWawpClient. A plain openapi-fetch client has no Wawp core ' +
        '(credentials, timeouts, retries, redaction); pass createWawpClient(options) or the options themselves.',
    );
  } else client = createWawpClient(options as WawpClientOptions);
  const wawp: Record<string, unknown> = { client };
  const groups = operationGroups as unknown as Record<string, Record<string, AnyOperation>>;
  for (const group in groups) {
    const bound: Record<string, unknown> = {};
    const methods = groups[group]!;
    for (const name in methods) {
      const operation = methods[name]!;
      bound[name] = (args?: unknown, options?: unknown) => operation(client, args, options);
    }
    wawp[group] = bound;
  }
  return wawp as Wawp;
}
