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
 * one slot (1/32 of it, at most 1 s) after the attempt started.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  leave(waiter: DeadlineWaiter): void;
}

interface Group extends Deadline {
  readonly slot: number;
  readonly waiters: Set<DeadlineWaiter>;
  seats: number;
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
    group = openGroup(timeoutMs, slot, Math.min((slot + 1) * width + timeoutMs - now, MAX_WAIT_MS));
    open.set(timeoutMs, group);
  }
  group.seats++;
  group.waiters.add(waiter);
  return group;
}

function openGroup(timeoutMs: number, slot: number, delay: number): Group {
  const controller = new AbortController();
  const waiters = new Set<DeadlineWaiter>();
  const group: Group = {
    slot,
    waiters,
    seats: 0,
    signal: controller.signal,
    leave: (waiter) => {
      waiters.delete(waiter);
    },
  };
  const timer = setTimeout(() => {
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
