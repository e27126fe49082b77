import { describe, expect, it } from 'vitest';
import { createClock } from './clock.js';

describe('manual clock', () => {
  it('stands still until advanced, then runs due tasks in time order, ties in scheduling order', async () => {
    const clock = createClock({ mode: 'manual', start: 1_000 });
    const ran: string[] = [];
    clock.schedule(300, () => ran.push('c'));
    clock.schedule(100, () => ran.push('a'));
    clock.schedule(100, () => ran.push('b'));
    await new Promise((r) => setTimeout(r, 20));
    expect([clock.now(), ran]).toEqual([1_000, []]);
    await clock.advance(100);
    expect([clock.now(), ran]).toEqual([1_100, ['a', 'b']]);
    await clock.advance(1_000);
    expect([clock.now(), ran]).toEqual([2_100, ['a', 'b', 'c']]);
  });

  it('runs a task scheduled by a task at its own time within the same advance, with now() at that time', async () => {
    const clock = createClock({ mode: 'manual', start: 0 });
    const seen: number[] = [];
    const retry = (n: number) => {
      seen.push(clock.now());
      if (n > 0) clock.schedule(2_000, () => retry(n - 1));
    };
    clock.schedule(0, () => retry(3));
    await clock.advance(5_000);
    expect(seen).toEqual([0, 2_000, 4_000]);
    await clock.advance(2_000);
    expect(seen).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it('awaits async tasks before advance resolves, and survives a failing one', async () => {
    const clock = createClock({ mode: 'manual', start: 0 });
    let done = false;
    clock.schedule(10, () => Promise.reject(new Error('receiver down')));
    clock.schedule(10, async () => {
      await new Promise((r) => setTimeout(r, 30));
      done = true;
    });
    await clock.advance(10);
    expect(done).toBe(true);
  });

  it('clear drops pending tasks; advance refuses a negative step', async () => {
    const clock = createClock({ mode: 'manual', start: 0 });
    let ran = false;
    clock.schedule(5, () => {
      ran = true;
    });
    clock.clear();
    await clock.advance(10);
    expect(ran).toBe(false);
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
  });
});

describe('real clock', () => {
  it('runs tasks on real time, and advance skips ahead', async () => {
    const clock = createClock();
    const ran: string[] = [];
    clock.schedule(20, () => ran.push('soon'));
    clock.schedule(60_000, () => ran.push('in a minute'));
    await new Promise((r) => setTimeout(r, 80));
    expect(ran).toEqual(['soon']);
    const before = clock.now();
    await clock.advance(60_000);
    expect(ran).toEqual(['soon', 'in a minute']);
    expect(clock.now() - before).toBeGreaterThanOrEqual(60_000);
    clock.clear();
  });
});
