export { webhookEventNames } from './generated/events.js';
export type * from './generated/types.js';
