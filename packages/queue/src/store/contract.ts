// TO BE REPLACED by the import from `@wawp/webhooks-types` once its duplicate store with
// states lands on main (interface 6 agreed between the areas). Kept in this one file so the
// switch is one line.
export type ClaimResult = 'claimed' | 'in-flight' | 'done';

export interface DuplicateStore {
  /** Atomically: unknown or released id → mark in flight, 'claimed'; else the current state. */
  claim(id: string): ClaimResult | Promise<ClaimResult>;
  /** The handlers succeeded: the id is done (remembered for the store's memory / TTL). */
  complete(id: string): void | Promise<void>;
  /** The handlers failed: forget the id so the sender's retry is handled again. */
  release(id: string): void | Promise<void>;
}
