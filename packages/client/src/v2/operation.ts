// `defineOperation` for the v2 operations: the same runtime as v1's, typed by the v2
// description's `operations` and taking a v2 path client.
import type { operations } from '../generated/v2/openapi.js';
import { type OperationDefinition, operationFunction } from '../operation.js';
import type { BodyMode, OperationOf, ParseMode } from '../operation-types.js';
import type { WawpV2PathClient } from './client.js';

export type V2OperationId = keyof operations;

/** A generated v2 operation: call it with a client from `createWawpV2Client` and its arguments. */
export type V2Operation<Id extends V2OperationId, Mode extends BodyMode, Parse extends ParseMode> = OperationOf<
  operations[Id],
  WawpV2PathClient,
  Mode,
  Parse
>;

/**
 * Builds one v2 operation function from its generated definition: v1's builder, typed by the
 * v2 operations. Pure, so bundlers drop the unused ones.
 */
export const defineOperation = operationFunction as unknown as <
  const Id extends V2OperationId,
  const Mode extends BodyMode = 'none',
  const Parse extends ParseMode = 'json',
>(
  definition: OperationDefinition<Id, Mode, Parse>,
) => V2Operation<Id, Mode, Parse>;
