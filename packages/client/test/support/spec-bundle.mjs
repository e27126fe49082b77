// Loads the bundled OpenAPI document that @wawp/spec ships (JavaScript, so the type-checked
// tests need no Node typings).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @type {any} */
export const openapi = JSON.parse(readFileSync(require.resolve('@wawp/spec/openapi.json'), 'utf8'));

/**
 * A file of this package, as text (for the golden surface).
 * @param {string} path relative to the package root
 */
export const readPackageFile = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
