// @ts-check
// The public surface of the client as a reviewed document: every `wawp.<group>.<method>`,
// its exported operation function, its request and its arguments. The committed copy
// (surface/operations.md) is the golden file; a test regenerates it from the spec and fails
// with the changed lines, so a rename in the spec can never rename the API unnoticed.

/** @typedef {import('@wawp/spec/tools').OperationModel} OperationModel */

export const SURFACE_FILE = 'surface/operations.md';

/** @param {OperationModel} op */
function argumentsOf(op) {
  const params = [...op.parameters.path, ...op.parameters.query, ...op.parameters.header].map(
    (p) => `\`${p.name}${p.required ? '' : '?'}\``,
  );
  const shared = new Set([...op.parameters.path, ...op.parameters.query].filter((p) => p.inBody).map((p) => p.name));
  if (op.bodyMode === 'flat' && op.body) {
    const fields = op.body.fields.filter((f) => !shared.has(f)).map((f) => `\`${f}\``);
    params.push(`body fields ${fields.join(', ') || '(none)'}`);
  }
  if (op.bodyMode === 'body') params.push(op.body?.required ? '`body`' : '`body?`');
  return params.join(', ') || 'none';
}

/**
 * @param {OperationModel[]} ops
 * @param {string} [title] the heading: the entry point whose surface this is
 */
export function emitSurface(ops, title = '# Public surface of `@wawp/client`') {
  const lines = [
    title,
    '',
    '<!-- Generated from the spec by packages/client/scripts/lib/emit-surface.mjs. After reviewing a change,',
    '     `npm run surface:update -w @wawp/client` rewrites this file; test/surface.test.ts checks it. -->',
    '',
    'Every name here is public API. Names come from `x-wawp-method` in the spec; a change to this',
    'file renames or reshapes what users call, so it is reviewed like any other breaking change.',
  ];
  const groups = [...new Set(ops.map((o) => o.group))];
  // One list item per operation, not a table: a rename changes its own line and nothing else.
  for (const group of groups) {
    lines.push('', `## \`wawp.${group}\``, '');
    for (const op of ops.filter((o) => o.group === group)) {
      const retry = op.retrySafe ? 'retry-safe' : 'not retry-safe';
      lines.push(
        `- \`${op.name}\` = \`${op.id}\`: \`${op.method} ${op.path}\`; arguments ${argumentsOf(op)}; answer ${op.parse}; ${retry}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The lines that differ between two texts, `-` for the committed one and `+` for the new
 * one, in order (a longest-common-subsequence diff; the surface has a few hundred lines).
 * @param {string} before
 * @param {string} after
 */
export function diffLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  // common(i, j): the length of the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const table = new Array((a.length + 1) * width).fill(0);
  const common = (/** @type {number} */ i, /** @type {number} */ j) => table[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? common(i + 1, j + 1) + 1 : Math.max(common(i + 1, j), common(i, j + 1));
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common(i + 1, j) >= common(i, j + 1))) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  return out;
}
