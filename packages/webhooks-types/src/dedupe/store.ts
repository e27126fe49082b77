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
  /** How many handled ids to remember; the least recently seen are forgotten first. Default 10,000. */
  maxEntries?: number;
}

/**
 * The default store, in process memory. Ids in flight are kept apart from handled ones and
 * are never evicted: they are as many as the deliveries being handled at once, and forgetting
 * one would let its retry run the handlers a second time while the first attempt still runs.
 */
export function createMemoryDuplicateStore(options: MemoryDuplicateStoreOptions = {}): DuplicateStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('maxEntries must be a positive integer');
  }
  const inFlight = new Set<string>();
  // A Map iterates in insertion order: re-inserting on every sighting makes it an LRU.
  const done = new Map<string, true>();
  return {
    claim(id) {
      if (inFlight.has(id)) return 'in-flight';
      if (done.has(id)) {
        done.delete(id);
        done.set(id, true);
        return 'done';
      }
      inFlight.add(id);
      return 'claimed';
    },
    complete(id) {
      inFlight.delete(id);
      done.set(id, true);
      if (done.size > maxEntries) done.delete(done.keys().next().value as string);
    },
    release(id) {
      inFlight.delete(id);
    },
  };
}
