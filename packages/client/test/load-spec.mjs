// Loads the bundled OpenAPI document that @wawp/spec ships (JavaScript, so the type-checked
// tests need no Node typings).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @type {any} */
export const openapi = JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi.json'), 'utf8'));
