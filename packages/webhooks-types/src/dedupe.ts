/**
 * Remembers which event ids were handled, so a retried delivery of the same event (same
 * envelope `id`) does not run the handlers twice. Implement it over Redis, a database… to
 * share it between processes; `claim` must be atomic (e.g. `SET key NX`).
 */
export interface DuplicateStore {
  /** Records `id` and returns true; returns false when it was already recorded. */
  claim(id: string): boolean | Promise<boolean>;
  /** Forgets `id` (the handlers failed), so the sender's retry is handled again. */
  release(id: string): void | Promise<void>;
}

export interface MemoryDuplicateStoreOptions {
  /** How many ids to remember; the least recently seen are forgotten first. Default 10,000. */
  maxEntries?: number;
}

/** The default store: an in-process LRU of event ids. */
export function createMemoryDuplicateStore(options: MemoryDuplicateStoreOptions = {}): DuplicateStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('maxEntries must be a positive integer');
  }
  // A Map iterates in insertion order: re-inserting on every sighting makes it an LRU.
  const seen = new Map<string, true>();
  return {
    claim(id) {
      if (seen.has(id)) {
        seen.delete(id);
        seen.set(id, true);
        return false;
      }
      seen.set(id, true);
      if (seen.size > maxEntries) seen.delete(seen.keys().next().value as string);
      return true;
    },
    release(id) {
      seen.delete(id);
    },
  };
}
