import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createTaskQueue } from './task-queue.js';

// One step: schedule a task `delay` after the current time, take the earliest, or move time
// (backwards too, as a wall clock may).
const step = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), delay: fc.oneof(fc.constantFrom(0, 200, 1000, 3000), fc.nat(40)) }),
  fc.record({ kind: fc.constant('pop' as const) }),
  fc.record({ kind: fc.constant('popDue' as const), ahead: fc.integer({ min: -100, max: 3100 }) }),
  fc.record({ kind: fc.constant('move' as const), by: fc.integer({ min: -50, max: 400 }) }),
);

it('takes tasks earliest first, ties in scheduling order, only when due if asked, as a sorted list would', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
      const queue = createTaskQueue();
      const reference: { at: number; order: number; name: number }[] = [];
      let now = 1_000;
      let order = 0;
      for (const s of steps) {
        if (s.kind === 'move') now += s.by;
        else if (s.kind === 'push') {
          const name = order;
          queue.push(s.delay, now + s.delay, order, () => name);
          reference.push({ at: now + s.delay, order: order++, name });
        } else if (s.kind === 'popDue') {
          // Only a task due by then is taken; a later one stays where it is.
          reference.sort((a, b) => a.at - b.at || a.order - b.order);
          const due = reference[0] !== undefined && reference[0].at <= now + s.ahead;
          expect(queue.pop(now + s.ahead)?.()).toBe(due ? reference.shift()?.name : undefined);
        } else {
          reference.sort((a, b) => a.at - b.at || a.order - b.order);
          expect(queue.nextAt()).toBe(reference[0]?.at ?? Number.POSITIVE_INFINITY);
          expect(queue.pop()?.()).toBe(reference.shift()?.name);
        }
      }
      reference.sort((a, b) => a.at - b.at || a.order - b.order);
      const rest: unknown[] = [];
      for (let run = queue.pop(); run; run = queue.pop()) rest.push(run());
      expect(rest).toEqual(reference.map((r) => r.name));
    }),
    { numRuns: 300 },
  );
});

it('keeps order with more distinct delays than lanes, and after clear holds nothing', () => {
  const queue = createTaskQueue();
  const delays = Array.from({ length: 40 }, (_, i) => (i * 37) % 41);
  delays.forEach((delay, order) => {
    queue.push(delay, delay, order, () => order);
  });
  const taken: number[] = [];
  for (let run = queue.pop(); run; run = queue.pop()) taken.push(delays[run() as number] as number);
  expect(taken).toEqual([...delays].sort((a, b) => a - b));
  queue.push(5, 5, 0, () => 0);
  queue.clear();
  expect([queue.nextAt(), queue.pop()]).toEqual([Number.POSITIVE_INFINITY, undefined]);
});

it('a lane that never empties stays in order across its compaction', () => {
  const queue = createTaskQueue();
  let next = 0;
  let order = 0;
  for (let i = 0; i < 3000; i++) {
    queue.push(10, i, order++, () => i);
    if (i % 2 === 1) expect(queue.pop()?.()).toBe(next++);
  }
  while (next < 3000) expect(queue.pop()?.()).toBe(next++);
  expect(queue.pop()).toBeUndefined();
});

it('hands back the argument each task was scheduled with, from a lane or the heap', () => {
  const queue = createTaskQueue();
  const run = (arg?: unknown) => arg;
  queue.push(200, 1_200, 0, run, 'lane');
  // Earlier than the lane's last task for the same delay: it goes to the heap.
  queue.push(200, 1_100, 1, run, 'heap');
  queue.push(0, 1_300, 2, run);
  const taken: unknown[] = [];
  for (let task = queue.pop(); task; task = queue.pop()) taken.push(task(queue.poppedArg()));
  expect(taken).toEqual(['heap', 'lane', undefined]);
});
