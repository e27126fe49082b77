// Main entry point: the generated types (no runtime cost) and every portable helper.
// Each helper also has its own entry point (`/verify`, `/parse`, `/router`), and
// `@wawp/webhooks-types/node` adds the `node:http` adapter and a `node:crypto` fast path.
// The main entry is their union, so the lists are kept once, in the entry files.
export { createFetchHandler, type WebhookReceiverOptions } from './fetch.js';
export * from './parse-entry.js';
export * from './router-entry.js';
export * from './verify.js';
