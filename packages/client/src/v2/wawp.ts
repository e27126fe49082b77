import { operationGroups } from '../generated/v2/groups.js';
import type { operations } from '../generated/v2/openapi.js';
import type { BodyMode, BoundOperation, OperationArgsOf, OperationDataOf, ParseMode } from '../operation-types.js';
import { bindGroups, faceClient } from '../wawp.js';
import { createWawpV2Client, type WawpV2ClientOptions, type WawpV2PathClient } from './client.js';
import type { V2OperationId } from './operation.js';

type Groups = typeof operationGroups;

/**
 * The v2 operation face: one object per group (`wawp.sessions`, `wawp.messages`, …), one
 * method per operation, names from `x-wawp-method` (an operation v2 kept from v1 keeps its
 * name). `client` is the v2 path face underneath, sharing its settings.
 */
export type WawpV2 = { readonly client: WawpV2PathClient } & {
  readonly [G in keyof Groups]: { readonly [M in keyof Groups[G]]: BoundOperation<Groups[G][M]> };
};

/** The flat arguments of a v2 operation. */
export type V2OperationArgs<Id extends V2OperationId, Mode extends BodyMode = BodyMode> = OperationArgsOf<
  operations[Id],
  Mode
>;
/** What a v2 operation resolves to. */
export type V2OperationData<Id extends V2OperationId, Parse extends ParseMode = 'json'> = OperationDataOf<
  operations[Id],
  Parse
>;

/**
 * Creates the v2 operation face, from options (like `createWawpV2Client`, `credentials`
 * included) or around a path client from `createWawpV2Client`, so both faces share one core.
 * A v1 client or a plain openapi-fetch client is refused.
 */
export function createWawpV2(options: WawpV2ClientOptions | WawpV2PathClient): WawpV2 {
  const client = faceClient(options, 'v2', 'createWawpV2', 'createWawpV2Client', createWawpV2Client);
  return bindGroups(client, operationGroups) as WawpV2;
}
