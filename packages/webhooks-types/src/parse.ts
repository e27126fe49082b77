// `@wawp/webhooks-types/parse`: parsing and validation with the build-time validators.
export { webhookEventNames } from './generated/events.js';
export type * from './generated/types.js';
export {
  isKnownWebhookEvent,
  isWebhookEventName,
  parseWebhook,
  type ValidationProblem,
  WebhookParseError,
} from './parsing/parse.js';
