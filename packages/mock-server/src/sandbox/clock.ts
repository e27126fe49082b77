// The sandbox's clock. Everything that happens "later" (acks, session start-up, webhook
// retries) is a timer on this clock, so a test on a manual clock decides exactly when it
// happens, and `advance()` returns only once everything that fell due has run.

export type ClockMode = 'real' | 'manual';

export interface Clock {
  readonly mode: ClockMode;
  /** Unix milliseconds. */
  now(): number;
  /** Runs `task` `delayMs` from now; tasks due at the same moment run in the order scheduled. */
  schedule(delayMs: number, task: () => unknown): void;
  /** Moves time forward by `ms`, running every task that falls due, in time order. */
  advance(ms: number): Promise<void>;
  /** Resolves once no task is running (tasks already due have been started and finished). */
  idle(): Promise<void>;
  /** Drops every pending task (used by reset and close). */
  clear(): void;
}

interface Task {
  at: number;
  order: number;
  run: () => unknown;
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
  const tasks: Task[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const now = () => (mode === 'manual' ? start : Date.now()) + offset;

  const runDue = (): Promise<void> => {
    running = running.then(async () => {
      for (;;) {
        const nextTask = tasks[0];
        if (!nextTask || nextTask.at > now()) break;
        tasks.shift();
        try {
          await nextTask.run();
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
    if (timer) clearTimeout(timer);
    timer = undefined;
    const first = tasks[0];
    if (!first) return;
    timer = setTimeout(() => void runDue(), Math.max(0, first.at - now()));
    // Pending webhook retries must not keep a test process alive.
    timer.unref?.();
  };

  return {
    mode,
    now,
    schedule(delayMs, run) {
      const task = { at: now() + Math.max(0, delayMs), order: order++, run };
      let i = tasks.length;
      while (i > 0 && (tasks[i - 1] as Task).at > task.at) i--;
      tasks.splice(i, 0, task);
      if (mode === 'real') arm();
      else if (delayMs <= 0) void runDue();
    },
    async advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance takes a non-negative number of milliseconds');
      // Step from one due task to the next so that tasks scheduled by a task (a retry, the
      // next ack) run at their own time within the same advance.
      const target = now() + ms;
      for (;;) {
        const first = tasks[0];
        if (!first || first.at > target) break;
        offset += Math.max(0, first.at - now());
        await runDue();
      }
      offset += Math.max(0, target - now());
      await runDue();
    },
    idle: () => running,
    clear() {
      tasks.length = 0;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
