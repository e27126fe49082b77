// @ts-check
// The one printer every generator writes TypeScript literals with: the client's operation
// face and type samples, the webhook types' examples and the docs' code samples. House
// style (single quotes, trailing commas, two-space indent, bare keys where they are valid
// identifiers, short lists on one line), so generated code reads like code a person wrote
// and no emitter edits its own output afterwards.

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CODE = Symbol('ts code');

/**
 * A piece of code to print as it is inside a literal (an identifier, a call).
 * @param {string} text
 */
export function tsCode(text) {
  return { [CODE]: String(text) };
}

/** @param {string} key */
export function tsKey(key) {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** @param {string} text */
export function tsString(text) {
  const escaped = String(text)
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "\\'")
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
  return `'${escaped}'`;
}

/** Biome's line width for this repository: generated code is formatted as biome would. */
export const LINE_WIDTH = 120;

/**
 * `indent` is the indentation of the line the literal starts on; a list goes on one line
 * when it fits in `width` columns there (objects always take one line per key).
 * @param {unknown} value
 * @param {string} [indent]
 * @param {number} [width]
 * @returns {string}
 */
export function tsLiteral(value, indent = '', width = LINE_WIDTH) {
  return print(value, indent, indent.length, width);
}

/**
 * @param {unknown} value
 * @param {string} indent
 * @param {number} column where the value starts on its line
 * @param {number} width
 * @returns {string}
 */
function print(value, indent, column, width) {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (isCode(value)) return value[CODE];
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = oneLine(value);
    // +1: the comma that follows a value inside a literal.
    if (column + flat.length + 1 <= width) return flat;
    return `[\n${value.map((item) => `${inner}${print(item, inner, inner.length, width)},\n`).join('')}${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([k, v]) => {
      const key = `${inner}${tsKey(k)}: `;
      return `${key}${print(v, inner, key.length, width)},\n`;
    });
    return `{\n${lines.join('')}${indent}}`;
  }
  throw new TypeError(`cannot print a ${typeof value} as a TypeScript literal`);
}

/**
 * @param {unknown} value
 * @returns {value is { [CODE]: string }}
 */
function isCode(value) {
  return typeof value === 'object' && value !== null && CODE in value;
}

/**
 * The literal on one line (`{ id: '1', tags: ['a'] }`): for short lists, and for code where a
 * statement must stay on one line (a `@ts-expect-error` covers the next line only).
 * @param {unknown} value
 * @returns {string}
 */
export function tsInline(value) {
  return oneLine(value);
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function oneLine(value) {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object' && !isCode(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${oneLine(v)}`).join(', ')} }`;
  }
  return tsLiteral(value);
}
