export { bundledSpecPath, type EngineOptions } from './prism.js';
export { CONTROL_PREFIX, type MockServer, type MockServerOptions, preferences, startMockServer } from './server.js';
export { type WordPressError, wordpressError } from './wordpress-errors.js';
