/**
 * Where an event stands: `claimed` (it was unknown or released; this attempt now handles it),
 * `in-flight` (another attempt is handling it right now), `done` (it was handled).
 */
export type ClaimResult = 'claimed' | 'in-flight' | 'done';

/**
 * Remembers which events were handled, so a retried delivery of the same event does not run
 * the handlers twice, and a retry that arrives while the first attempt still runs is told to
 * come back later instead of being answered "done" too early. Implement it over Redis or a
 * database to share it between processes; `claim` must be atomic (e.g. `SET key NX`).
 */
export interface DuplicateStore {
  /** Atomically: an unknown or released id is marked in flight (`claimed`); otherwise its current state. */
  claim(id: string): ClaimResult | Promise<ClaimResult>;
  /** The handlers succeeded: the id is done (remembered for the store's memory or TTL). */
  complete(id: string): void | Promise<void>;
  /** The handlers failed: forget the id, so the sender's retry is handled again. */
  release(id: string): void | Promise<void>;
}

export interface MemoryDuplicateStoreOptions {
  /** How many handled ids to remember; the oldest are forgotten first. Default 10,000. */
  maxEntries?: number;
}

/**
 * The default store, in process memory. Ids in flight are kept apart from handled ones and
 * are never evicted: they are as many as the deliveries being handled at once, and forgetting
 * one would let its retry run the handlers a second time while the first attempt still runs.
 * Handled ids sit in a ring of `maxEntries` slots, so remembering one more costs the same
 * whatever the size (a Map evicted through its iterator slows down as deletions pile up).
 */
export function createMemoryDuplicateStore(options: MemoryDuplicateStoreOptions = {}): DuplicateStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('maxEntries must be a positive integer');
  }
  // One map for both states (one lookup per claim); only handled ids enter the ring.
  const states = new Map<string, 'in-flight' | 'done'>();
  const ring: (string | undefined)[] = new Array(maxEntries);
  let next = 0;
  return {
    claim(id) {
      const state = states.get(id);
      if (state !== undefined) return state;
      states.set(id, 'in-flight');
      return 'claimed';
    },
    // Called once per successful claim, so the id is in flight here and enters the ring once.
    complete(id) {
      states.set(id, 'done');
      const oldest = ring[next];
      if (oldest !== undefined) states.delete(oldest);
      ring[next] = id;
      next = (next + 1) % maxEntries;
    },
    release(id) {
      if (states.get(id) === 'in-flight') states.delete(id);
    },
  };
}
