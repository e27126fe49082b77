// Main entry point: the generated types (no runtime cost) and every portable helper.
// Each job also has its own entry point (`/verify`, `/parse`, `/router`, `/fetch`), and
// `@wawp/webhooks-types/node` adds the `node:http` adapter and a `node:crypto` fast path.
// The main entry is their union, so the lists are kept once, in the entry files.
export * from './fetch.js';
export * from './parse.js';
export * from './router.js';
export * from './verify.js';
