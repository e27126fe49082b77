// The one way to read a bundled Wawp description, shared by the spec's example check, the
// client's generator and contract suite, the mock's catalogue and tests, and the docs' code
// samples, so that following a $ref, walking the operations, picking an example and turning
// it into call arguments mean the same thing everywhere. Exported as `@wawp/spec/tools`;
// the types are in spec-tools.d.mts.
export { exampleRequest, splitArgs } from './example-request.mjs';
export { HTTP_METHODS, listOperations, RETRY_SAFE_METHODS, readOperations } from './operation-model.mjs';
export { atPointer, escapePointer, joinPointer, refName, unescapePointer } from './pointer.mjs';
export { firstExample, resolveRef } from './resolve.mjs';
export { mapSubschemas } from './schema-walk.mjs';
export { createSpecAjv } from './spec-ajv.mjs';
export { LINE_WIDTH, tsCode, tsInline, tsKey, tsLiteral, tsString } from './ts-print.mjs';
