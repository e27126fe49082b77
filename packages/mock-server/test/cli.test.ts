// The CLI as users run it: a child process of bin/wawp-mock.js (which loads dist/, built by
// `tsup` before the tests, as turbo's test task does).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadWebhookCatalog, startMockServer } from '../src/index.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const BIN = fileURLToPath(new URL('../bin/wawp-mock.js', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/bin.cjs', import.meta.url));
const CREDS = 'instance_id=123456789&access_token=123456789';

const children: ChildProcessWithoutNullStreams[] = [];
const receivers: Receiver[] = [];
afterEach(async () => {
  // A failed test must not leave a server behind: kill by PID, never by name.
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error('dist/bin.cjs is missing: run `npx tsup` in packages/mock-server first');
});

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const output = () => ({ stdout, stderr });
  return { child, exited, output };
}

/** Waits for the "serving … at <url>" line; fails with the output if the process exits first. */
function servedUrl(started: ReturnType<typeof run>): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /serving \d+ operations at (http:\/\/\S+)/.exec(started.output().stdout);
      if (match?.[1]) {
        started.child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    started.child.stdout.on('data', onData);
    started.exited.then(({ code }) => reject(new Error(`exited with ${code}: ${started.output().stderr}`)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('wawp-mock serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves on --port 0, repeats seeded dynamic data across processes, and exits 0 on %s',
    async (signal) => {
      const started = run(['--port', '0', '--host', '127.0.0.1', '--dynamic', '--seed', '7']);
      const url = await servedUrl(started);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/session/info?${CREDS}`);
      expect(res.status).toBe(200);
      const fromChild = await res.json();

      const inProcess = await startMockServer({ port: 0, dynamic: true, seed: 7 });
      const fromHere = await (await fetch(`${inProcess.url}/session/info?${CREDS}`)).json();
      await inProcess.close();
      expect(fromChild).toEqual(fromHere);

      const pid = started.child.pid as number;
      started.child.kill(signal);
      expect(await started.exited).toEqual({ code: 0, signal: null });
      expect(started.output().stdout).toContain(`${signal} received, shutting down`);
      expect(isAlive(pid)).toBe(false);
      await expect(fetch(`${url}/__wawp/health`)).rejects.toThrow();
    },
  );

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s stops at once, cancels the deliveries of an in-flight control call and exits within 2 s',
    async (signal) => {
      let arrived = 0;
      let firstArrived: () => void = () => {};
      const first = new Promise<void>((resolve) => {
        firstArrived = resolve;
      });
      // A receiver that reads each delivery and never answers.
      const slow = await startReceiver({
        handler: (req) => {
          arrived++;
          req.resume();
          firstArrived();
        },
      });
      receivers.push(slow);
      const started = run(['--port', '0', '--control-token', 'cli-test-token-123']);
      const url = await servedUrl(started);
      expect(started.output().stdout).toContain('control token cli-test-token-123');
      // One server, both versions: it says where v2 is.
      expect(started.output().stdout).toContain(`v2 under ${url}/v2`);
      const call = fetch(`${url}/__wawp/webhooks/emit`, {
        method: 'POST',
        headers: { 'x-wawp-control-token': 'cli-test-token-123', 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'message', to: slow.url, count: 100, timeoutMs: 60_000 }),
      }).then(
        (res) => res.status,
        () => 'closed',
      );
      await first;
      const signalled = performance.now();
      started.child.kill(signal);
      expect(await started.exited).toEqual({ code: 0, signal: null });
      const took = performance.now() - signalled;
      expect(took).toBeLessThan(2_000);
      expect(await call).toBe('closed');
      // The delivery loop stopped with the server: no second delivery after the first one hung.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(arrived).toBe(1);
    },
  );

  it('exits 2 with a clear message for bad options', async () => {
    for (const [args, message] of [
      [['--port', 'abc'], '--port must be a whole number from 0 to 65535, got "abc"'],
      [['--static', '--seed', '1'], '--seed with --static only makes sense with --dynamic'],
      [['--seed', 'x'], '--seed must be a whole number, got "x"'],
      [['--clock', 'fast'], '--clock must be real or manual, got "fast"'],
      [['--static', '--scenario', 'a.yaml'], '--scenario cannot be used with --static'],
      [['--nope'], "Unknown option '--nope'"],
      [['--to', 'http://x'], '--to cannot be used with "serve"'],
      [['--control-token', 'short'], 'controlToken: the control token must be 8 to 256'],
      [['--allow-webhook-target', 'http://x/'], 'allowWebhookTargets: "http://x/" must be a host or host:port'],
    ] as const) {
      const started = run([...args]);
      expect((await started.exited).code).toBe(2);
      expect(started.output().stderr).toContain(message);
    }
  });

  it('exits 1 with the reason when the port is taken', async () => {
    const taken = await startMockServer({ port: 0 });
    const started = run(['--port', String(taken.port)]);
    const { code } = await started.exited;
    await taken.close();
    expect(code).toBe(1);
    expect(started.output().stderr).toContain('EADDRINUSE');
  });
});

describe('the CommonJS build', () => {
  it('loads with require() and serves', async () => {
    const cjs = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));
    const script = `require(${JSON.stringify(cjs)}).startMockServer({ port: 0 }).then(async (m) => {
      const res = await fetch(m.url + '/__wawp/health', { headers: m.controlHeaders() });
      process.stdout.write(String(res.status));
      await m.close();
    })`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'pipe' });
    children.push(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect({ code, out }).toEqual({ code: 0, out: '200' });
  });
});

describe('wawp-mock emit', () => {
  const event = loadWebhookCatalog().events[0] as string;

  it('sends --count signed deliveries and exits 0', async () => {
    const r = await startReceiver();
    receivers.push(r);
    const started = run(['emit', event, '--to', `${r.url}/hook`, '--hmac-key', 'k', '--count', '2']);
    expect((await started.exited).code).toBe(0);
    expect(r.received).toHaveLength(2);
    expect(r.received.every((g) => g.headers['x-webhook-hmac-algorithm'] === 'sha512')).toBe(true);
    expect(started.output().stdout.match(/→ 204 signed/g)).toHaveLength(2);
  });

  it('exits 1 when the receiver answers an error status', async () => {
    const r = await startReceiver({ status: 503 });
    receivers.push(r);
    const started = run(['emit', event, '--to', r.url]);
    expect((await started.exited).code).toBe(1);
    expect(started.output().stdout).toContain('→ 503 (not 2xx)');
  });

  it('exits 2 naming the known events for an unknown one', async () => {
    const started = run(['emit', 'no.such.event', '--to', 'http://127.0.0.1:4010']);
    expect((await started.exited).code).toBe(2);
    expect(started.output().stderr).toContain('Unknown webhook event "no.such.event"');
    expect(started.output().stderr).toContain(event);
  });

  it('exits 1 when the receiver is unreachable', async () => {
    const r = await startReceiver();
    await r.close();
    const started = run(['emit', event, '--to', r.url]);
    expect((await started.exited).code).toBe(1);
    expect(started.output().stderr).toMatch(/Could not deliver to .*ECONNREFUSED/);
  });

  it('lists the events', async () => {
    const started = run(['events']);
    expect((await started.exited).code).toBe(0);
    expect(started.output().stdout.trim().split('\n')).toEqual(loadWebhookCatalog().events);
  });
});
