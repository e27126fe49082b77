// A deep copy of the sandbox's state data, which is JSON-shaped (plain objects, arrays, text,
// numbers, booleans, null): what structuredClone gives for it, without its serialisation,
// which cost more than the rest of answering `session/info` from state.
import { setOwn } from '../placement/php.js';

export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  // A spread copies an object's own properties in one step (a `__proto__` key as an own
  // property too); only the values that are objects themselves are then replaced by copies.
  // Storing every key one by one cost about twice as much on a message.
  return copyParts({ ...(value as Record<string, unknown>) }) as T;
}

/**
 * `copyJson(message)` for the messages a send or a receipt stores, from a spread of its own:
 * copyJson's spread sees every shape the sandbox copies and went megamorphic, where V8
 * copies key by key (CloneObjectIC_Slow, about 4k instructions a send); one that only ever
 * sees messages stays on the fast path.
 */
export function copyMessage<T extends object>(message: T): T {
  return copyParts({ ...(message as Record<string, unknown>) }) as T;
}

/**
 * Replaces the values of a fresh spread copy that are objects by copies of them; a frozen
 * one (nobody can change it, see state.ts's NO_DATA) is shared rather than copied.
 */
function copyParts(out: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(out)) {
    const item = out[key];
    if (item !== null && typeof item === 'object' && !Object.isFrozen(item)) setOwn(out, key, copyJson(item));
  }
  return out;
}

/**
 * `copyJson(value)`, or `kept` itself when `kept` (an earlier copy nobody changes) already
 * holds exactly the same data: same keys in the same order, same values. A busy sandbox
 * answers the same reads again and again; its journal then keeps one copy of the answer
 * instead of one per call, and the garbage collector has that much less to move.
 */
export function copyUnlessSame<T>(kept: unknown, value: T): T {
  return kept !== undefined && sameJson(kept, value) ? (kept as T) : copyJson(value);
}

declare const FROZEN: unique symbol;
/** What `frozenJson` made: state typed so is replaced, never changed, and shared as it is. */
export type Frozen<T> = Readonly<T> & { readonly [FROZEN]: true };

/**
 * A copy of `value` that nobody can change: every object in it frozen. Frozen objects are
 * frozen all the way down in the sandbox (this is the only way it freezes state), which is
 * what lets copies share them rather than copy them.
 */
export function frozenJson<T>(value: T): Frozen<T> {
  return freezeAll(copyJson(value)) as Frozen<T>;
}

function freezeAll<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const item of Object.values(value)) freezeAll(item);
  return Object.freeze(value);
}

/**
 * Same keys in the same order and the same values (`Object.is`), all the way down: what
 * `JSON.stringify` would write alike. Arrays are compared index by index (a hole as
 * undefined, which JSON writes alike too): listing an array's keys made a string per index,
 * and with `Object.is` calls it was a third of this walk on session/info's webhook targets.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  // The same object holds the same data (a snapshot shared by both, say); 0 and -0 differ.
  if (a === b) return a !== 0 || 1 / (a as number) === 1 / (b as number);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return Number.isNaN(a) && Number.isNaN(b);
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const listA = a as unknown[];
    const listB = b as unknown[];
    if (listA.length !== listB.length) return false;
    for (let i = 0; i < listA.length; i++) if (!sameJson(listA[i], listB[i])) return false;
    return true;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i] as string;
    if (key !== keysB[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
