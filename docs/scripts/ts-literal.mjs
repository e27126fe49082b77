// Prints a JSON value as a TypeScript object literal in the house style (single quotes,
// trailing commas, two-space indent, bare keys where they are valid identifiers), so the
// generated code samples read like code a person wrote.

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function tsKey(key) {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

export function tsString(text) {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;
}

/** `indent` is the indentation of the line the literal starts on. */
export function tsLiteral(value, indent = '') {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = oneLine(value);
    if (flat.length <= 60) return flat;
    return `[\n${value.map((item) => `${inner}${tsLiteral(item, inner)},\n`).join('')}${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${tsKey(k)}: ${tsLiteral(v, inner)},\n`).join('')}${indent}}`;
  }
  throw new TypeError(`cannot print a ${typeof value} as a TypeScript literal`);
}

/** The literal on one line (`{ id: '1' }`), for short arrays. */
function oneLine(value) {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${oneLine(v)}`).join(', ')} }`;
  }
  return tsLiteral(value);
}
