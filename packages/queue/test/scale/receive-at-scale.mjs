// The multi-process receiving run: four receiver processes (the emitter round-robins over
// them), two worker processes, signed deliveries built by the mock's emitter with duplicates
// and reordering, one worker killed with SIGKILL mid-run and restarted. Returns the counts;
// the vitest test and `npm run scale -w @wawp/queue` both call it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildEnvelope, deliveryHeaders } from '@wawp/mock-server';
import { Redis } from 'ioredis';

const here = import.meta.dirname;
const HMAC_KEY = 'scale-test-key';

function startChild(file, env) {
  const child = spawn(process.execPath, [join(here, file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = /READY ?(\d*)/.exec(out);
      if (line) resolve(Number(line[1]) || undefined);
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
  return { child, ready };
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** Unique events, then duplicates of random earlier ones, shuffled within small windows. */
function plan(total, duplicateShare, reorderWindow) {
  const duplicates = Math.round(total * duplicateShare);
  const unique = [];
  const ids = new Set();
  for (let i = 0; i < total - duplicates; i++) {
    const envelope = buildEnvelope({ event: 'message' });
    if (ids.has(envelope.id)) throw new Error(`the emitter repeated the id ${envelope.id}`);
    ids.add(envelope.id);
    const body = JSON.stringify(envelope);
    unique.push({ id: envelope.id, body, headers: deliveryHeaders(body, HMAC_KEY) });
  }
  const deliveries = [...unique];
  for (let i = 0; i < duplicates; i++) {
    const original = unique[Math.floor(Math.random() * unique.length)];
    // The engine's retry: the same signed bytes, a new request id.
    deliveries.push({ ...original, headers: { ...original.headers, 'x-webhook-request-id': crypto.randomUUID() } });
  }
  // Duplicates land among the originals, then neighbours swap places.
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.max(0, i - Math.floor(Math.random() * reorderWindow * 20));
    [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
  }
  return { unique, deliveries };
}

export async function receiveAtScale({
  redisUrl,
  total = 10_000,
  duplicateShare = 0.1,
  inFlight = 32,
  log = () => {},
}) {
  const queue = `scale-${Date.now().toString(36)}`;
  const env = { REDIS_URL: redisUrl, HMAC_KEY, QUEUE: queue };
  const redis = new Redis(redisUrl);
  const children = [];
  try {
    const receivers = Array.from({ length: 4 }, () => startChild('receiver-process.mjs', env));
    let workers = Array.from({ length: 2 }, () => startChild('worker-process.mjs', env));
    children.push(...receivers.map((r) => r.child), ...workers.map((w) => w.child));
    const ports = await Promise.all(receivers.map((r) => r.ready));
    await Promise.all(workers.map((w) => w.ready));
    const { unique, deliveries } = plan(total, duplicateShare, 5);
    log(`scale: ${deliveries.length} deliveries (${unique.length} events) → 4 receivers, 2 workers`);

    const started = Date.now();
    let next = 0;
    let answered = 0;
    let retried = 0;
    let killed = false;
    const statuses = new Map();
    async function deliverOne(delivery, slot) {
      for (let attempt = 0; ; attempt++) {
        const port = ports[(slot + attempt) % ports.length];
        const response = await fetch(`http://127.0.0.1:${port}/hook`, {
          method: 'POST',
          headers: delivery.headers,
          body: delivery.body,
        }).catch(() => undefined);
        const status = response?.status ?? 0;
        await response?.arrayBuffer().catch(() => {});
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200) return;
        // Like the engine: anything but 2xx is delivered again, a little later.
        retried++;
        if (attempt > 20) throw new Error(`delivery ${delivery.id} refused ${attempt} times (last ${status})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    async function lane() {
      while (next < deliveries.length) {
        const index = next++;
        await deliverOne(deliveries[index], index);
        answered++;
        if (!killed && answered >= deliveries.length * 0.4) {
          killed = true;
          // Mid-run, while it holds jobs: no chance to finish them or to release anything.
          workers[0].child.kill('SIGKILL');
          log(`scale: worker ${workers[0].child.pid} killed with SIGKILL after ${answered} deliveries`);
          const replacement = startChild('worker-process.mjs', env);
          children.push(replacement.child);
          workers = [replacement, workers[1]];
          void replacement.ready.then(() => log(`scale: worker restarted as ${replacement.child.pid}`));
        }
      }
    }
    await Promise.all(Array.from({ length: inFlight }, lane));
    const deliveredMs = Date.now() - started;

    const deadline = Date.now() + 120_000;
    while ((await redis.hlen(`${queue}:effects`)) < unique.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const handledMs = Date.now() - started;
    // Give a late re-run (a killed worker's job taken over) the time to show up, then count.
    await new Promise((r) => setTimeout(r, 3_500));
    const runs = await redis.hgetall(`${queue}:runs`);
    const effects = await redis.hgetall(`${queue}:effects`);
    const uniqueIds = new Set(unique.map((d) => d.id));
    const counts = {
      deliveries: deliveries.length,
      events: unique.length,
      duplicates: deliveries.length - unique.length,
      answers: Object.fromEntries(statuses),
      redelivered: retried,
      effects: Object.keys(effects).length,
      effectsForUnknownIds: Object.keys(effects).filter((id) => !uniqueIds.has(id)).length,
      missing: [...uniqueIds].filter((id) => !(id in effects)).length,
      handlerRuns: Object.values(runs).reduce((n, v) => n + Number(v), 0),
      rerunIds: Object.entries(runs)
        .filter(([, v]) => Number(v) > 1)
        .map(([id]) => id),
      deliveredMs,
      handledMs,
      eventsPerSecond: Math.round((unique.length / handledMs) * 1000),
    };
    return counts;
  } finally {
    await Promise.all(children.map(stop));
    const keys = await redis.keys(`*${queue}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}
