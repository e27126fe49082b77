// Entry point `@wawp/client/operations`: the operation face. Import single operations to
// pay only for those, or `createWawp` for all of them grouped by tag.
export * from './generated/operations.js';
export { callOperation, defineOperation, type OperationDefinition, type OperationMeta } from './operation.js';
export type {
  ArgsParam,
  BodyMode,
  BoundOperation,
  CallOptions,
  Operation,
  OperationArgs,
  OperationData,
  OperationId,
  ParseMode,
} from './operation-types.js';
export { createWawp, type Wawp } from './wawp.js';
