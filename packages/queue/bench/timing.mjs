// The timing helpers both bench scripts use.

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const perSecond = (count, ms) => Math.round((count / ms) * 1000);

/**
 * Runs `work(i)` for i < count with `inFlight` at a time; resolves the elapsed ms and this
 * process's CPU ms (Redis is another process: its work is the same for every path here).
 */
export async function timed(count, work, inFlight) {
  let next = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) await work(next++);
    }),
  );
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}
