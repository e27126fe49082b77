export type { Exchange, ExchangeObserver, MockAnswer, Responder, ValidatedCall } from './api/hooks.js';
export { type MockPreferences, magicPreferences, preferences } from './api/preferences.js';
export type { ControlAnswer, ControlCall, ControlContext, ControlExtension } from './control/routes.js';
export { checkWebhookTarget, isLoopbackHost, type TargetCheck } from './control/targets.js';
export { type PhpParams, type PhpValue, parsePhpQuery } from './placement/php.js';
export { type Placement, type PlacementRule, placementRuleOf, type Source, WORDPRESS_RULE } from './placement/rule.js';
export { bundledSpecPath, type EngineOptions } from './prism.js';
export { DOCS_ACCESS_TOKEN, DOCS_INSTANCE_ID, defaultScenario } from './sandbox/default-scenario.js';
export {
  createSandboxEngine,
  type SandboxAnswer,
  type SandboxCall,
  type SandboxEngine,
  type SandboxEngineOptions,
  type SandboxWorldOptions,
} from './sandbox/engine.js';
export type { ActiveFault, ApiFaultRule, DeliveryFaultRule, FaultRule, RateLimitRule } from './sandbox/faults.js';
export {
  INBOUND_TYPES,
  InboundError,
  type InboundInput,
  type InboundResult,
  type InboundType,
} from './sandbox/inbound.js';
export type { JournalEntry, JournalQuery } from './sandbox/journal.js';
export {
  checkScenario,
  parseScenario,
  type Scenario,
  ScenarioError,
  type ScenarioInstance,
} from './sandbox/scenario.js';
export { loadScenarioFile } from './sandbox/scenario-file.js';
export { type DeliveryMatch, type Sandbox, type SandboxOptions, startSandbox } from './sandbox/start.js';
export type { DeliveryQuery, DeliveryRecord } from './sandbox/webhooks.js';
export {
  CONTROL_PREFIX,
  CONTROL_TOKEN_HEADER,
  MAGIC_QUERY_PREFIX,
  type MockServer,
  type MockServerOptions,
  type ServedVersion,
  startMockServer,
} from './server.js';
export {
  buildEnvelope,
  deliveryHeaders,
  type EmitWebhookOptions,
  emitWebhook,
  type WebhookDelivery,
  WebhookEmitError,
  type WebhookEmitErrorCode,
} from './webhooks/emit.js';
export { bundledAsyncApiPath, loadWebhookCatalog, type WebhookCatalog } from './webhooks/events.js';
export { eventId, ulid } from './webhooks/ulid.js';
export { type WordPressError, wordpressError } from './wordpress-errors.js';
