import { createWawpClient, type WawpClientOptions, type WawpPathClient } from './client.js';
import { operationGroups } from './generated/groups.js';
import type { BoundOperation } from './operation-types.js';

type Groups = typeof operationGroups;
type AnyOperation = (client: WawpPathClient, args?: unknown, options?: unknown) => Promise<unknown>;

function isPathClient(value: WawpClientOptions | WawpPathClient): value is WawpPathClient {
  return typeof (value as WawpPathClient).request === 'function';
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
 * you already have, so both faces can share one core.
 */
export function createWawp(options: WawpClientOptions | WawpPathClient): Wawp {
  const client = isPathClient(options) ? options : createWawpClient(options);
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
