// @ts-check
// Validating a value against any schema of the bundle, with the OpenAPI formats known.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * An ajv (JSON Schema 2020-12) that knows the OpenAPI formats and holds `doc` under `id`:
 * validate against any schema of the document with `ajv.getSchema(id + pointer)`.
 * @param {object} doc
 * @param {string} id
 */
export function createSpecAjv(doc, id) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  // ajv-formats is CommonJS: its function sits on `default` or is the module itself.
  const formats = /** @type {any} */ (addFormats);
  (formats.default ?? formats)(ajv);
  ajv.addFormat('binary', true);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (/** @type {number} */ n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addSchema(doc, id);
  return ajv;
}
