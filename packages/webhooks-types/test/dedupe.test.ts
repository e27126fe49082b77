import { describe, expect, it } from 'vitest';
import { createMemoryDuplicateStore } from '../src/index.js';

describe('createMemoryDuplicateStore', () => {
  it('claims an id once, and again after release', () => {
    const store = createMemoryDuplicateStore();
    expect(store.claim('evt_a')).toBe(true);
    expect(store.claim('evt_a')).toBe(false);
    store.release('evt_a');
    expect(store.claim('evt_a')).toBe(true);
  });

  it('forgets the least recently seen id first', () => {
    const store = createMemoryDuplicateStore({ maxEntries: 2 });
    store.claim('a');
    store.claim('b');
    expect(store.claim('a')).toBe(false); // seen again: now the most recent
    store.claim('c'); // evicts b, the least recently seen
    expect(store.claim('a')).toBe(false);
    expect(store.claim('b')).toBe(true);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => createMemoryDuplicateStore({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createMemoryDuplicateStore({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});
