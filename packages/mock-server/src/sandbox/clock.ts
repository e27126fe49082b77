// The sandbox's clock. Everything that happens "later" (acks, session start-up, webhook
// retries) is a timer on this clock, so a test on a manual clock decides exactly when it
// happens, and `advance()` returns only once everything that fell due has run.

import { isPromiseLike } from '../promise-like.js';
import { createTaskQueue } from './task-queue.js';

export type ClockMode = 'real' | 'manual';

export interface Clock {
  readonly mode: ClockMode;
  /** Unix milliseconds. */
  now(): number;
  /**
   * Runs `task` (with `arg`) `delayMs` from now; tasks due at the same moment run in the order
   * scheduled. A busy sandbox passes one shared task and its data rather than a closure each.
   */
  schedule<A = undefined>(delayMs: number, task: (arg: A) => unknown, arg?: A): void;
  /** Moves time forward by `ms`, running every task that falls due, in time order. */
  advance(ms: number): Promise<void>;
  /** Resolves once no task is running (tasks already due have been started and finished). */
  idle(): Promise<void>;
  /** Drops every pending task (used by reset and close). */
  clear(): void;
}

export interface ClockOptions {
  mode?: ClockMode;
  /** Where a manual clock starts, in Unix milliseconds. Default: the real time at creation. */
  start?: number;
}

export function createClock(options: ClockOptions = {}): Clock {
  const mode = options.mode ?? 'real';
  // A manual clock is a fixed start plus whatever `advance` added; a real one is Date.now()
  // plus whatever `advance` added (so tests can skip ahead on a real clock too).
  const start = options.start ?? Date.now();
  let offset = 0;
  let order = 0;
  // Ordered by time, then by scheduling order: a busy sandbox (a load test sending thousands
  // of messages) has thousands of pending acks (see task-queue.ts).
  const tasks = createTaskQueue();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = Number.POSITIVE_INFINITY;
  let running: Promise<void> = Promise.resolve();

  const now = () => (mode === 'manual' ? start : Date.now()) + offset;

  const runDue = (): Promise<void> => {
    running = running.then(async () => {
      // The time is read again only once the tasks due at the last reading have run: a busy
      // sandbox has dozens due at each timer, and a reading per task was a fair share of them.
      let at = now();
      for (;;) {
        let run = tasks.pop(at);
        if (run === undefined) {
          at = now();
          run = tasks.pop(at);
          if (run === undefined) break;
        }
        const arg = tasks.poppedArg();
        try {
          // Only a task that returns a promise (a delivery) is waited for: an await per
          // synchronous task (most acks) was a fair share of a busy sandbox's clock.
          const result = run(arg);
          if (isPromiseLike(result)) await result;
        } catch {
          // A task's failure (e.g. a webhook receiver that is down) is its own business;
          // the clock keeps running the others.
        }
      }
      arm();
    });
    return running;
  };

  const arm = () => {
    if (mode !== 'real') return;
    const firstAt = tasks.nextAt();
    // Keep the armed timer when it already fires first: re-arming per task costs more than the task.
    if (timer && armedAt <= firstAt) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
    if (firstAt === Number.POSITIVE_INFINITY) return;
    armedAt = firstAt;
    timer = setTimeout(
      () => {
        timer = undefined;
        armedAt = Number.POSITIVE_INFINITY;
        void runDue();
      },
      Math.max(0, firstAt - now()),
    );
    // Pending webhook retries must not keep a test process alive.
    timer.unref?.();
  };

  return {
    mode,
    now,
    schedule(delayMs, run, arg) {
      const delay = Math.max(0, delayMs);
      const at = now() + delay;
      tasks.push(delay, at, order++, run, arg);
      // An armed timer is due no later than any pending task: one due after it changes
      // nothing, and a busy sandbox schedules four tasks a send (no look for the first each).
      if (mode === 'real') {
        if (!timer || armedAt > at) arm();
      } else if (delayMs <= 0) void runDue();
    },
    async advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance takes a non-negative number of milliseconds');
      // Step from one due task to the next so that tasks scheduled by a task (a retry, the
      // next ack) run at their own time within the same advance.
      const target = now() + ms;
      for (;;) {
        const firstAt = tasks.nextAt();
        if (firstAt > target) break;
        offset += Math.max(0, firstAt - now());
        await runDue();
      }
      offset += Math.max(0, target - now());
      await runDue();
    },
    idle: () => running,
    clear() {
      tasks.clear();
      if (timer) clearTimeout(timer);
      timer = undefined;
      armedAt = Number.POSITIVE_INFINITY;
    },
  };
}
