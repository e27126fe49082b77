import { describe, expect, it } from 'vitest';
import { createMemoryDuplicateStore } from '../src/index.js';

describe('createMemoryDuplicateStore', () => {
  it('walks an id through its states: claimed, in flight, done; released ids are claimable again', () => {
    const store = createMemoryDuplicateStore();
    expect(store.claim('evt_a')).toBe('claimed');
    expect(store.claim('evt_a')).toBe('in-flight');
    store.release('evt_a');
    expect(store.claim('evt_a')).toBe('claimed');
    store.complete('evt_a');
    expect(store.claim('evt_a')).toBe('done');
    expect(store.claim('evt_a')).toBe('done');
  });

  it('forgets the least recently seen handled id first, and never an id in flight', () => {
    const store = createMemoryDuplicateStore({ maxEntries: 2 });
    for (const id of ['a', 'b']) {
      store.claim(id);
      store.complete(id);
    }
    expect(store.claim('a')).toBe('done'); // seen again: now the most recent
    expect(store.claim('busy')).toBe('claimed');
    store.claim('c');
    store.complete('c'); // evicts b, the least recently seen
    expect(store.claim('a')).toBe('done');
    expect(store.claim('b')).toBe('claimed');
    expect(store.claim('busy')).toBe('in-flight');
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => createMemoryDuplicateStore({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createMemoryDuplicateStore({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});
