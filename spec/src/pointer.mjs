// @ts-check
// JSON pointers (RFC 6901) as the bundle uses them: `#/paths/~1send/post`. One place for the
// escaping rule, so a path with a `/` or a `~` is read and written the same way everywhere.

/**
 * `/send` → `~1send`: one reference token.
 * @param {string | number} segment
 */
export function escapePointer(segment) {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * `~1send` → `/send`: the inverse of `escapePointer`.
 * @param {string} token
 */
export function unescapePointer(token) {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * `joinPointer('#/paths', '/send', 'post')` → `#/paths/~1send/post`.
 * @param {string} base
 * @param {...(string | number)} segments
 */
export function joinPointer(base, ...segments) {
  return [base, ...segments.map(escapePointer)].join('/');
}

/**
 * The name a `$ref` points at, its last token unescaped:
 * `#/components/schemas/Message` → `Message`, `#/paths/~1send` → `/send`.
 * @param {string} ref
 */
export function refName(ref) {
  const token = ref.slice(ref.lastIndexOf('/') + 1);
  return unescapePointer(token);
}

/**
 * The node at a local pointer (`#/components/schemas/X`), or undefined when nothing is there.
 * @param {object} doc
 * @param {string} pointer
 * @returns {any}
 */
export function atPointer(doc, pointer) {
  if (pointer === '#' || pointer === '') return doc;
  if (!pointer.startsWith('#/')) throw new Error(`not a local JSON pointer: ${pointer}`);
  return pointer
    .slice(2)
    .split('/')
    .reduce(
      (/** @type {any} */ node, token) => (node == null ? undefined : node[unescapePointer(token)]),
      /** @type {any} */ (doc),
    );
}
