// The multi-process sending run: three processes send for one instance through their own
// send queues, sharing its limit through Redis; one planted 429 must pause all of them.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startMockServer } from '@wawp/mock-server';

const here = import.meta.dirname;

/** The most requests in any window of `windowMs`, and where that window starts. */
export function busiestWindow(times, windowMs = 1_000) {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

export async function sendAtScale({ redisUrl, total = 1_000, perSecond = 50, retryAfterS = 2, log = () => {} }) {
  const mock = await startMockServer({ port: 0 });
  const instance = `scale-${Date.now().toString(36)}`;
  const counts = [Math.ceil(total / 3), Math.floor(total / 3), total - Math.ceil(total / 3) - Math.floor(total / 3)];
  const children = counts.map((count, i) =>
    spawn(process.execPath, [join(here, 'sender-process.mjs')], {
      env: {
        ...process.env,
        REDIS_URL: redisUrl,
        MOCK_URL: mock.url,
        INSTANCE: instance,
        PER_SECOND: String(perSecond),
        COUNT: String(count),
        // The second process meets the 429 a third of the way through its sends.
        PLANT_429_AT: i === 1 ? String(Math.ceil(count / 3)) : '0',
        RETRY_AFTER_S: String(retryAfterS),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  try {
    const outputs = children.map(
      (child) =>
        new Promise((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (chunk) => {
            out += chunk;
          });
          child.once('exit', (code) => {
            const line = out.split('\n').find((l) => l.startsWith('RESULT '));
            if (code === 0 && line) resolve(JSON.parse(line.slice(7)));
            else reject(new Error(`a sender exited with ${code}: ${out.slice(-500)}`));
          });
        }),
    );
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            const onData = (chunk) => {
              if (String(chunk).includes('READY')) {
                child.stdout.off('data', onData);
                resolve();
              }
            };
            child.stdout.on('data', onData);
          }),
      ),
    );
    const started = Date.now();
    for (const child of children) child.stdin.write('go\n');
    const results = await Promise.all(outputs);
    const elapsedMs = Date.now() - started;
    const journal = results.flatMap((r) => r.journal).sort((a, b) => a.at - b.at);
    const refused = journal.find((e) => e.status === 429);
    // Requests that had already taken their slot when the 429 came back still go out; the
    // pause is written within a round trip or two. Everything after that must wait.
    const GRACE_MS = 250;
    const afterRefusal = refused ? journal.filter((e) => e.at > refused.answeredAt + GRACE_MS) : [];
    const inFlightAt429 = refused
      ? journal.filter((e) => e.at > refused.at && e.at <= refused.answeredAt + GRACE_MS).length
      : 0;
    const summary = {
      sends: total,
      perSecond,
      ok: results.reduce((n, r) => n + r.ok, 0),
      failed: results.flatMap((r) => r.failed),
      requests: journal.length,
      requestsPerProcess: results.map((r) => r.journal.length),
      busiestSecond: busiestWindow(journal.map((e) => e.at)),
      planted429: Boolean(refused),
      quietAfter429Ms: afterRefusal.length > 0 ? afterRefusal[0].at - refused.answeredAt : undefined,
      sentWithinGraceAfter429: inFlightAt429,
      retryAfterMs: retryAfterS * 1000,
      elapsedMs,
      sendsPerSecond: Math.round((total / elapsedMs) * 1000),
    };
    log(`send-scale: ${JSON.stringify(summary)}`);
    return summary;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await mock.close();
  }
}
