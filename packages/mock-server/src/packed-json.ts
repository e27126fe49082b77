// A JSON value with its repeated parts stored once. Prism's reading of a document repeats
// every shared schema, description and error answer in each operation that uses it (the
// bundled v1 document's 8 MB of operations hold 130 kB of distinct strings), and parsing
// that text was the largest part of the mock's start-up after loading Prism itself.
// `pack` keeps each repeated object or array once in `shared` and puts a reference in its
// places; `unpack` gives back a tree equal to `JSON.parse(JSON.stringify(value))` in which
// the places of a repeated part hold the same object, as they would had its author written a
// `$ref` there. Building a copy for each place cost as much as parsing the full text. A
// reader that changes what it was given would change every place at once: the mock never
// changes Prism's operations once read, and test/prism-operations.test.ts checks it.

/** The key of a reference `{ "\u0000": index }`; pack refuses a value whose objects use it. */
const REF = '\u0000';
/** Repeated parts shorter than this (in JSON characters) stay in place: a reference costs ~10. */
const MIN_SHARED_LENGTH = 48;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Packed {
  shared: Json[];
  root: Json;
}

export function pack(value: unknown): Packed {
  const json = JSON.parse(JSON.stringify(value)) as Json;
  // Structural identity, bottom up: a node's key spells its primitives and its children's ids.
  const idOf = new Map<object, number>();
  const idByKey = new Map<string, number>();
  const uses: number[] = [];
  const lengths: number[] = [];
  /** The node's spelling in its parent's key, and its length as JSON. */
  const identify = (node: Json): [string, number] => {
    if (node === null || typeof node !== 'object') {
      const spelled = JSON.stringify(node);
      return [spelled, spelled.length];
    }
    let length = 2;
    const parts: string[] = [];
    if (Array.isArray(node)) {
      for (const item of node) {
        const [spelled, itemLength] = identify(item);
        parts.push(spelled);
        length += itemLength + 1;
      }
    } else {
      for (const key of Object.keys(node)) {
        if (key === REF) throw new TypeError('pack: the value uses the reference key "\\u0000"');
        const [spelled, valueLength] = identify(node[key] as Json);
        const name = JSON.stringify(key);
        parts.push(`${name}:${spelled}`);
        length += name.length + valueLength + 2;
      }
    }
    const key = `${Array.isArray(node) ? '[' : '{'}${parts.join(',')}`;
    let id = idByKey.get(key);
    if (id === undefined) {
      id = uses.length;
      idByKey.set(key, id);
      uses.push(0);
      lengths.push(length);
    }
    uses[id] = (uses[id] ?? 0) + 1;
    idOf.set(node, id);
    return [`#${id}`, length];
  };
  identify(json);

  const shared: Json[] = [];
  const slotOf = new Map<number, number>();
  const emit = (node: Json): Json => {
    if (node === null || typeof node !== 'object') return node;
    const id = idOf.get(node)!;
    if ((uses[id] ?? 0) < 2 || (lengths[id] ?? 0) < MIN_SHARED_LENGTH) return copy(node);
    let slot = slotOf.get(id);
    if (slot === undefined) {
      slot = shared.length;
      slotOf.set(id, slot);
      shared.push(null);
      shared[slot] = copy(node);
    }
    return { [REF]: slot };
  };
  const copy = (node: Json[] | { [key: string]: Json }): Json => {
    if (Array.isArray(node)) return node.map(emit);
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(node)) setOwn(out, key, emit(node[key] as Json));
    return out;
  };
  return { shared, root: emit(json) };
}

export function unpack(packed: Packed): unknown {
  return createUnpacker((index) => packed.shared[index] as Json)(packed.root);
}

/**
 * Expands the packed nodes it is given, in place (each must be a fresh JSON.parse result,
 * read by nothing else), taking shared part `index` from `sharedPart(index)` the first time a
 * reference to it is met: every later reference gets the same expanded object. The stored
 * reading (prism-operations.ts) parses each shared part on demand this way.
 */
export function createUnpacker(sharedPart: (index: number) => Json): (node: Json) => Json {
  const expanded = new Map<number, Json>();
  const expand = (node: Json): Json => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = expand(node[i] as Json);
      return node;
    }
    for (const key in node) {
      if (key === REF) return slot(node[key] as number);
      node[key] = expand(node[key] as Json);
    }
    return node;
  };
  const slot = (index: number): Json => {
    let value = expanded.get(index);
    if (value === undefined) {
      value = expand(sharedPart(index));
      expanded.set(index, value);
    }
    return value;
  };
  return expand;
}

/** `out[key] = value`, also for `__proto__`, which JSON.parse reads as an own property too. */
function setOwn(out: { [key: string]: Json }, key: string, value: Json): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
