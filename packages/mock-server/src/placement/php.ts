// Reading `a=1&b[]=2&c[x][y]=3` the way PHP fills $_GET and $_POST, which is what WordPress
// (and so the real API) sees:
// - `name[]=a&name[]=b` is the list [a, b]; a repeated plain key keeps only its last value;
// - `file[url]=…` is the object { url: … }, nested as deep as the brackets go (up to 64 levels,
//   PHP's max_input_nesting_level; deeper keys are dropped, as PHP does);
// - a `[` without its `]` becomes `_`, as PHP does. (PHP also turns dots and spaces of a base
//   name into `_`; the mock does not, because the spec names engine parameters with dots,
//   such as `filter.timestamp.lte`, and serving them under another name would hide them.)
// - at most 1000 pairs count (PHP's max_input_vars); the rest are ignored.

/** A value PHP can build from a query string: text, a list or a map. */
export type PhpValue = string | PhpValue[] | { [key: string]: PhpValue };
export type PhpParams = Record<string, PhpValue>;

export const MAX_INPUT_VARS = 1000;
export const MAX_NESTING = 64;

/** A map that still remembers whether PHP would call it a list (keys 0..n-1 in order). */
interface Bag {
  keys: Map<string, Bag | string>;
  next: number;
}

export function parsePhpPairs(pairs: Iterable<readonly [string, string]>): PhpParams {
  const list = Array.isArray(pairs) ? (pairs as readonly (readonly [string, string])[]) : [...pairs];
  if (list.every(([key]) => !key.includes('['))) return plainPairs(list);
  const root: Bag = { keys: new Map(), next: 0 };
  let count = 0;
  for (const [rawKey, value] of list) {
    if (++count > MAX_INPUT_VARS) break;
    const path = keyPath(rawKey);
    if (path) assign(root, path, value);
  }
  // The top level is always a map of names, as PHP's $_GET is, even when every name is a digit.
  return finish(root, false) as PhpParams;
}

/**
 * The common case, no brackets in any key: every name holds text, a repeated one its last
 * value, in the order names first appeared; what `assign` and `finish` build, without the bags.
 */
function plainPairs(pairs: readonly (readonly [string, string])[]): PhpParams {
  const out: PhpParams = {};
  let count = 0;
  for (const [rawKey, value] of pairs) {
    if (++count > MAX_INPUT_VARS) break;
    const key = rawKey.replace(/^ +/, '');
    if (key !== '') setOwn<PhpValue>(out, key, value);
  }
  return out;
}

/** Parses an `application/x-www-form-urlencoded` body or a query string. */
export function parsePhpQuery(text: string): PhpParams {
  return parsePhpPairs(new URLSearchParams(text));
}

/** `a.b[c][]` → ['a_b', 'c', null] (null appends); undefined for a key PHP ignores. */
export function keyPath(raw: string): (string | null)[] | undefined {
  const key = raw.replace(/^ +/, '');
  const open = key.indexOf('[');
  const close = open >= 0 ? key.indexOf(']', open) : -1;
  if (open < 0 || close < 0) {
    // No bracket pair: the whole key is the name; an unmatched `[` turns into `_`.
    const name = key.replace(/\[/g, '_');
    return name === '' ? undefined : [name];
  }
  const base = key.slice(0, open);
  if (base === '') return undefined;
  const path: (string | null)[] = [base];
  let rest = key.slice(open);
  while (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    if (end < 0) break; // PHP ignores whatever follows an unclosed bracket
    const segment = rest.slice(1, end);
    path.push(segment === '' ? null : segment);
    rest = rest.slice(end + 1);
  }
  return path.length > MAX_NESTING + 1 ? undefined : path;
}

function assign(root: Bag, path: (string | null)[], value: string) {
  let bag = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | null;
    const key = segment ?? String(bag.next);
    if (/^(0|[1-9][0-9]{0,15})$/.test(key)) bag.next = Math.max(bag.next, Number(key) + 1);
    if (i === path.length - 1) {
      bag.keys.set(key, value);
      return;
    }
    const existing = bag.keys.get(key);
    if (existing !== undefined && typeof existing !== 'string') {
      bag = existing;
    } else {
      // A scalar where a nested key arrives is replaced, as PHP does.
      const child: Bag = { keys: new Map(), next: 0 };
      bag.keys.set(key, child);
      bag = child;
    }
  }
}

function finish(bag: Bag, asList = true): PhpValue {
  const entries = [...bag.keys].map(([k, v]) => [k, typeof v === 'string' ? v : finish(v)] as const);
  if (asList && entries.length > 0 && entries.every(([k], i) => k === String(i))) return entries.map(([, v]) => v);
  const out: { [key: string]: PhpValue } = {};
  for (const [k, v] of entries) setOwn(out, k, v);
  return out;
}

/** Sets a key as an own property, even `__proto__` (which plain assignment would not). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T) {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
