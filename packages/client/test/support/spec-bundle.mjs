// Loads the bundled OpenAPI document that @wawp/spec ships (JavaScript, so the type-checked
// tests need no Node typings).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A bundle of @wawp/spec by its package export (`@wawp/spec/openapi-v2.json`).
 * @param {string} specifier
 * @returns {any}
 */
export const openapiOf = (specifier) => JSON.parse(readFileSync(require.resolve(specifier), 'utf8'));

/** @type {any} */
export const openapi = openapiOf('@wawp/spec/openapi.json');

/** @type {any} */
export const openapiV2 = openapiOf('@wawp/spec/openapi-v2.json');

/**
 * A file of this package, as text (for the golden surface).
 * @param {string} path relative to the package root
 */
export const readPackageFile = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
