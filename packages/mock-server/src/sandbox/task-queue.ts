// The clock's pending tasks, earliest first (ties in the order they were scheduled). A busy
// sandbox keeps thousands: every send schedules its three acks and a delivery. Tasks of one
// delay fall due in the order they are scheduled (the clock only moves forward), so each
// delay gets a lane, a first-in first-out queue kept as plain arrays: adding and taking a
// task is then constant work and makes no object per task, where a binary heap moved a
// dozen entries and kept one object per task. What does not fit a lane (time that went back,
// more distinct delays than lanes) goes to a heap beside them.

// biome-ignore lint/suspicious/noExplicitAny: each task is called with the argument it was scheduled with
export type TaskRun = (arg?: any) => unknown;

export interface TaskQueue {
  /** When the earliest task is due (Unix ms), or Infinity when none is pending. */
  nextAt(): number;
  /**
   * Removes and returns the earliest task if it is due by `dueBy` (Unix ms; any time when left
   * out); undefined when none is. One look for the first task, where `nextAt` then `pop` took two.
   */
  pop(dueBy?: number): TaskRun | undefined;
  /** The argument the task `pop` returned last was scheduled with. */
  poppedArg(): unknown;
  /**
   * Adds `run`, due `at` (scheduled `delayMs` before that); `order` breaks ties, lower first.
   * `arg` is what it is to be called with: one shared function and its data instead of a
   * closure per task (each new closure also went through V8's lazy compile on its first call).
   */
  push(delayMs: number, at: number, order: number, run: TaskRun, arg?: unknown): void;
  clear(): void;
}

/** A handful: acks, deliveries, start-up and retries use a few distinct delays. */
const MAX_LANES = 16;

class Lane {
  readonly at: number[] = [];
  readonly order: number[] = [];
  readonly run: TaskRun[] = [];
  readonly arg: unknown[] = [];
  head = 0;

  get empty(): boolean {
    return this.head === this.at.length;
  }

  /** False when `at` is earlier than the last task's: the lane would then be out of order. */
  fits(at: number): boolean {
    return this.empty || (this.at[this.at.length - 1] as number) <= at;
  }

  push(at: number, order: number, run: TaskRun, arg: unknown) {
    this.at.push(at);
    this.order.push(order);
    this.run.push(run);
    this.arg.push(arg);
  }

  /** The first task, and its argument in `taken`. */
  shift(taken: { arg: unknown }): TaskRun {
    const run = this.run[this.head] as TaskRun;
    taken.arg = this.arg[this.head];
    this.run[this.head] = NO_TASK; // let the task's closure go at once
    this.arg[this.head] = undefined;
    this.head++;
    if (this.empty) this.reset();
    else if (this.head >= 1024 && this.head * 2 >= this.at.length) {
      // Drop the taken half now and then, so a lane that never empties does not grow forever.
      this.at.splice(0, this.head);
      this.order.splice(0, this.head);
      this.run.splice(0, this.head);
      this.arg.splice(0, this.head);
      this.head = 0;
    }
    return run;
  }

  reset() {
    this.at.length = 0;
    this.order.length = 0;
    this.run.length = 0;
    this.arg.length = 0;
    this.head = 0;
  }
}

const NO_TASK: TaskRun = () => undefined;

interface HeapTask {
  at: number;
  order: number;
  run: TaskRun;
  arg: unknown;
}

export function createTaskQueue(): TaskQueue {
  const lanes = new Map<number, Lane>();
  /** The lanes again, walked on every look at the first task (no iterator to make each time). */
  let laneList: Lane[] = [];
  const heap = createHeap();
  const taken: { arg: unknown } = { arg: undefined };

  /** The lane whose first task is due first, or undefined when every lane is empty. */
  const firstLane = (): Lane | undefined => {
    let best: Lane | undefined;
    for (let i = 0; i < laneList.length; i++) {
      const lane = laneList[i] as Lane;
      if (lane.empty) continue;
      if (!best || before(lane, lane.head, best, best.head)) best = lane;
    }
    return best;
  };

  const laneFor = (delayMs: number, at: number): Lane | undefined => {
    const lane = lanes.get(delayMs);
    if (lane) return lane.fits(at) ? lane : undefined;
    if (lanes.size >= MAX_LANES) {
      for (const [delay, other] of lanes) if (other.empty) lanes.delete(delay);
      laneList = [...lanes.values()];
      if (lanes.size >= MAX_LANES) return undefined;
    }
    const made = new Lane();
    lanes.set(delayMs, made);
    laneList.push(made);
    return made;
  };

  /** True when the heap's first task comes before the lane's first. */
  const heapFirst = (lane: Lane | undefined): boolean => {
    const top = heap.peek();
    if (!top) return false;
    if (!lane) return true;
    const at = lane.at[lane.head] as number;
    return top.at < at || (top.at === at && top.order < (lane.order[lane.head] as number));
  };

  return {
    nextAt() {
      const lane = firstLane();
      if (heapFirst(lane)) return (heap.peek() as HeapTask).at;
      return lane ? (lane.at[lane.head] as number) : Number.POSITIVE_INFINITY;
    },
    pop(dueBy = Number.POSITIVE_INFINITY) {
      const lane = firstLane();
      if (heapFirst(lane)) {
        if ((heap.peek() as HeapTask).at > dueBy) return undefined;
        const task = heap.pop() as HeapTask;
        taken.arg = task.arg;
        return task.run;
      }
      if (!lane || (lane.at[lane.head] as number) > dueBy) return undefined;
      return lane.shift(taken);
    },
    poppedArg: () => taken.arg,
    push(delayMs, at, order, run, arg) {
      const lane = laneFor(delayMs, at);
      if (lane) lane.push(at, order, run, arg);
      else heap.push({ at, order, run, arg });
    },
    clear() {
      lanes.clear();
      laneList = [];
      heap.clear();
    },
  };
}

function before(a: Lane, i: number, b: Lane, j: number): boolean {
  const atA = a.at[i] as number;
  const atB = b.at[j] as number;
  return atA < atB || (atA === atB && (a.order[i] as number) < (b.order[j] as number));
}

function createHeap() {
  const items: HeapTask[] = [];
  const earlier = (a: HeapTask, b: HeapTask) => a.at < b.at || (a.at === b.at && a.order < b.order);
  const swap = (i: number, j: number) => {
    const t = items[i] as HeapTask;
    items[i] = items[j] as HeapTask;
    items[j] = t;
  };
  return {
    peek: (): HeapTask | undefined => items[0],
    push(task: HeapTask) {
      items.push(task);
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!earlier(items[i] as HeapTask, items[parent] as HeapTask)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop(): HeapTask | undefined {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last) {
        items[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < items.length && earlier(items[l] as HeapTask, items[m] as HeapTask)) m = l;
          if (r < items.length && earlier(items[r] as HeapTask, items[m] as HeapTask)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
    clear() {
      items.length = 0;
    },
  };
}
