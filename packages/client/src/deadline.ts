import { MAX_WAIT_MS } from './retry.js';

/** Something waiting on a deadline: told once when the deadline passes. */
export interface DeadlineWaiter {
  expire(): void;
}

/**
 * A group of attempts started close together, with the same timeout: they share one
 * `AbortController` and one timer. A controller and a timer per request cost about a tenth
 * of a call's time on Node (the signal is the expensive part), so requests take a seat in
 * the current group instead, and the timeout fires between `timeoutMs` and `timeoutMs` plus
 * one slot (1/32 of it, at most 1 s) after the attempt started. A group opens at the first
 * call of a slot and closes at the slot's end or when its seats are taken.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** `{ signal }`, made once per group: the init handed to fetch. */
  readonly init: RequestInit;
  leave(waiter: DeadlineWaiter): void;
}

interface Group extends Deadline {
  readonly slot: number;
  readonly waiters: Set<DeadlineWaiter>;
  seats: number;
  /** No call may join any more: the group's timer goes as soon as its last call leaves. */
  close(): void;
}

// A signal passed to fetch collects one listener per request until that request is
// collected, so a group seats a bounded number of requests.
const SEATS = 64;
const MAX_SLOT_MS = 1_000;
const open = new Map<number, Group>();

/** A seat in the current group for `timeoutMs`; `waiter.expire()` runs if the deadline passes first. */
export function takeDeadline(timeoutMs: number, waiter: DeadlineWaiter): Deadline {
  const now = Date.now();
  const width = Math.max(1, Math.min(MAX_SLOT_MS, Math.floor(timeoutMs / 32)));
  const slot = Math.floor(now / width);
  let group = open.get(timeoutMs);
  if (!group || group.slot !== slot || group.seats >= SEATS) {
    // The same delay for every group of a timeout: Node keeps one timer list per duration.
    // A call joins within `width` of the group's start, so it gets at least `timeoutMs`.
    group?.close();
    group = openGroup(timeoutMs, slot, Math.min(timeoutMs + width, MAX_WAIT_MS));
    open.set(timeoutMs, group);
  }
  group.seats++;
  group.waiters.add(waiter);
  return group;
}

function openGroup(timeoutMs: number, slot: number, delay: number): Group {
  const controller = new AbortController();
  const waiters = new Set<DeadlineWaiter>();
  let closed = false;
  // Dropping an idle closed group's timer at once keeps few groups alive: without it, every
  // group of the last 30 s (a controller, a signal, a timer each) would wait for its deadline.
  const release = () => {
    if (closed && waiters.size === 0) clearTimeout(timer);
  };
  const group: Group = {
    slot,
    waiters,
    seats: 0,
    signal: controller.signal,
    init: Object.freeze({ signal: controller.signal }),
    leave: (waiter) => {
      waiters.delete(waiter);
      release();
    },
    close: () => {
      closed = true;
      release();
    },
  };
  const timer: ReturnType<typeof setTimeout> = setTimeout(() => {
    if (open.get(timeoutMs) === group) open.delete(timeoutMs);
    controller.abort();
    for (const waiter of waiters) waiter.expire();
    waiters.clear();
  }, delay);
  // The timer must not keep a process alive after its last call (Node, Bun; Deno by id).
  if (typeof timer === 'object') (timer as { unref?: () => void }).unref?.();
  else (globalThis as { Deno?: { unrefTimer?(id: number): void } }).Deno?.unrefTimer?.(timer as number);
  return group;
}
