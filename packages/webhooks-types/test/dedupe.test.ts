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

  it('forgets the oldest handled id first, and never an id in flight', () => {
    const store = createMemoryDuplicateStore({ maxEntries: 2 });
    for (const id of ['a', 'b']) {
      store.claim(id);
      store.complete(id);
    }
    expect(store.claim('busy')).toBe('claimed');
    store.claim('c');
    store.complete('c'); // evicts a, the oldest
    expect(store.claim('a')).toBe('claimed');
    expect(store.claim('b')).toBe('done');
    expect(store.claim('c')).toBe('done');
    expect(store.claim('busy')).toBe('in-flight');
  });

  it('keeps exactly maxEntries handled ids over a long run', () => {
    const store = createMemoryDuplicateStore({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) {
      store.claim(`e${i}`);
      store.complete(`e${i}`);
    }
    const remembered = Array.from({ length: 1000 }, (_, i) => store.claim(`e${i}`)).filter((s) => s === 'done');
    expect(remembered).toHaveLength(100);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => createMemoryDuplicateStore({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createMemoryDuplicateStore({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});
