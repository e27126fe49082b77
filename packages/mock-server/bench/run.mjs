#!/usr/bin/env node
// Throughput, latency and start-up of the mock in both modes (the sandbox, answering from
// state, and --static, answering with examples) next to their floor (a bare node:http server
// returning the same JSON) and Prism's own CLI at its default log level, for a read
// (GET /session/info) and a send (POST /send), side by side in one run on loopback.
//
// Side by side means within a round: every round starts each server fresh (start-up is
// measured cold each time), runs both loads against it and stops it, the servers in a
// rotating order; the ratios are taken within each round and the run reports their median,
// so a change in the machine's load between rounds does not land in a ratio. A server is
// stopped before the next one starts, so nothing one leaves running (the sandbox's ack
// timers) takes CPU from the next one's measurement.
//
// Each server runs in its own process; this process is only the load generator: a fixed
// number of keep-alive connections, one request in flight on each. It writes each request's
// bytes and reads just enough of the answer to know its status and where it ends: a general
// HTTP client (node:http's Agent) spent about twice the bare server's CPU time per request,
// so on a 2-core machine the floor measured the client more than the server. The floor's
// own CPU use per request and the share of a core it used are printed beside it.
// Prints medians; never fails on a slow machine. Needs a build (`npm run build`) and the spec bundle.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const BIN = fileURLToPath(new URL('../bin/wawp-mock.js', import.meta.url));
const SPEC = require.resolve('@wawp/spec/openapi.json');
const PRISM_CLI = require.resolve('@stoplight/prism-cli/dist/index.js');
const CREDS = 'instance_id=123456789&access_token=123456789';
const REQUESTS_UNDER_TEST = [
  { name: 'GET /session/info', method: 'GET', path: `/session/info?${CREDS}` },
  {
    name: 'POST /send',
    method: 'POST',
    path: `/send?${CREDS}&chatId=447700900123%40c.us&message=Hi%20from%20the%20bench`,
  },
];
const PATH = REQUESTS_UNDER_TEST[0].path;
const HOST = '127.0.0.1';
/** The mock's control calls need its token; the bench sets one so it can ask for the health. */
const CONTROL_TOKEN = 'bench-control-token';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const WARMUP = Math.min(1_000, REQUESTS);
/** Warm-up lasts at least this long too, so a fast server's JIT is done before it is measured. */
const WARMUP_MS = 1_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// Seven rounds: the per-round ratios of the fast servers spread widely on a shared machine,
// and their median settles with more of them (Prism's CLI, a reference only, takes little).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const log = (line) => process.stdout.write(`${line}\n`);

/** A free port, by letting the OS pick one and releasing it. */
function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** One request through node:http, for the start-up probe and the bodies the floor serves. */
function get(agent, port, path, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: HOST, port, path, agent, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Spawns a server and measures the time until it answers its first request. */
async function startServer(name, args) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args(port), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const agent = new Agent({ keepAlive: false });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early: ${stderr}`);
    try {
      const res = await get(agent, port, PATH);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`${name} did not start within 60 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const startupMs = performance.now() - started;
  const startupCpuMs = cpuMsOf(child.pid);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { name, port, pid: child.pid, startupMs, startupCpuMs, stop };
}

/**
 * CPU time a process has used (Linux: /proc, in clock ticks of 10 ms), or undefined. On a
 * shared machine, wall-clock start-up mostly measures the other processes; this does not.
 */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Where the answer at the start of `buffer` ends and its status, or undefined while it is
 * incomplete. Reads the status line, then the body by Content-Length or by its chunks.
 */
function answerEnd(buffer) {
  const head = buffer.indexOf('\r\n\r\n');
  if (head < 0) return undefined;
  const text = buffer.toString('latin1', 0, head).toLowerCase();
  const status = Number(text.slice(9, 12));
  const length = /\r\ncontent-length: *(\d+)/.exec(text);
  if (length) {
    const end = head + 4 + Number(length[1]);
    return buffer.length >= end ? { end, status } : undefined;
  }
  if (!/\r\ntransfer-encoding: *chunked/.test(text)) return { end: head + 4, status };
  let at = head + 4;
  for (;;) {
    const line = buffer.indexOf('\r\n', at);
    if (line < 0) return undefined;
    const size = Number.parseInt(buffer.toString('latin1', at, line), 16);
    // The last chunk is `0` and an empty line (the answers here carry no trailers).
    at = size === 0 ? line + 4 : line + 2 + size + 2;
    if (buffer.length < at) return undefined;
    if (size === 0) return { end: at, status };
  }
}

/** A keep-alive connection that sends one request at a time and resolves with the answer's status. */
function openConnection(port) {
  const socket = connect({ host: HOST, port, noDelay: true });
  let buffered = Buffer.alloc(0);
  let waiting;
  const fail = (error) => {
    const w = waiting;
    waiting = undefined;
    w?.reject(error);
  };
  socket.on('data', (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const found = answerEnd(buffered);
    if (!found || !waiting) return;
    buffered = buffered.subarray(found.end);
    const w = waiting;
    waiting = undefined;
    w.resolve(found.status);
  });
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed')));
  return {
    send(bytes) {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(bytes);
      });
    },
    close: () => socket.destroy(),
  };
}

/** The request's bytes, as node:http's client writes them for this call (no body: Content-Length 0 on a POST). */
function requestBytes(port, { method, path }) {
  const length = method === 'GET' ? '' : 'Content-Length: 0\r\n';
  return Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: ${HOST}:${port}\r\nConnection: keep-alive\r\n${length}\r\n`);
}

/** `count` requests with CONCURRENCY in flight; returns req/s, latency percentiles in ms and the server's CPU per request. */
async function load(server, request, count) {
  const bytes = requestBytes(server.port, request);
  const run = async (total, latencies) => {
    let next = 0;
    let failures = 0;
    let firstFailure;
    const worker = async () => {
      let connection = openConnection(server.port);
      while (next < total) {
        next++;
        const t0 = process.hrtime.bigint();
        try {
          const status = await connection.send(bytes);
          if (status !== 200) {
            failures++;
            firstFailure ??= `HTTP ${status}`;
          }
        } catch (error) {
          // A server may reset a kept-alive connection; count it, reconnect and go on.
          failures++;
          firstFailure ??= error.code ?? error.message;
          connection.close();
          connection = openConnection(server.port);
        }
        latencies?.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      connection.close();
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { failures, firstFailure };
  };
  const warm = performance.now();
  for (let done = 0; done < Math.min(WARMUP, count) || performance.now() - warm < WARMUP_MS; done += 250)
    await run(250);
  const latencies = [];
  const cpu0 = cpuMsOf(server.pid);
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  const { failures, firstFailure } = await run(count, latencies);
  const ms = performance.now() - t0;
  const own = process.cpuUsage(own0);
  const cpu1 = cpuMsOf(server.pid);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const cpu = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
  return {
    rps: (count / ms) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    // CPU per request in µs, and the share of one core the server used while under load.
    cpuUs: cpu === undefined ? undefined : (cpu * 1000) / count,
    busy: cpu === undefined ? undefined : cpu / ms,
    // The load generator's own CPU per request in µs: it must stay well below the floor's.
    clientUs: (own.user + own.system) / count,
    failures,
    firstFailure,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The bare floor answers each request with the exact bytes the static mock sends for it.
function bareServerArgs(bodies) {
  const source = `
    const bodies = ${JSON.stringify(bodies)};
    const server = require('node:http').createServer((req, res) => {
      const body = bodies[req.method + ' ' + req.url.split('?')[0]] ?? '{}';
      // With its length, as the mock sends it: node:http then writes head and body at once.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
    server.listen(Number(process.argv[1]), '${HOST}');
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  `;
  return (port) => ['-e', source, String(port)];
}

const mockArgs =
  (...flags) =>
  (port) => [BIN, ...flags, '--port', String(port), '--host', HOST, '--control-token', CONTROL_TOKEN];
const PRISM_SHARE = 0.05;
const targets = [
  { key: 'sandbox', name: 'mock: sandbox (default)', args: mockArgs() },
  { key: 'static', name: 'mock: --static', args: mockArgs('--static') },
  { key: 'bare', name: 'bare node:http (floor)' },
  // A reference, about a tenth as fast or less: a twentieth of the requests (and of the
  // warm-up) keeps the run short; it was most of the run's time at a fifth.
  {
    key: 'prism',
    name: 'prism CLI, default log level',
    share: PRISM_SHARE,
    args: (port) => [PRISM_CLI, 'mock', '--host', HOST, '--port', String(port), SPEC],
  },
];
const RATIOS = [
  ['sandbox', 'static', 'goal >= 0.8'],
  ['static', 'bare', 'goal >= 0.35'],
  ['sandbox', 'bare'],
  ['static', 'prism'],
  ['sandbox', 'prism'],
];

log(
  `bench: ${REQUESTS_UNDER_TEST.map((r) => r.name).join(' and ')} on ${HOST}, ${ROUNDS} rounds, ` +
    `${REQUESTS} requests per server and request in each (Prism's CLI ${Math.round(REQUESTS * PRISM_SHARE)}), ` +
    `${CONCURRENCY} keep-alive connections with one request in flight each`,
);
log(`bench: node ${process.version}, spec ${SPEC}`);

// What the floor serves: the static mock's own answers, read once before the rounds.
const bodies = {};
{
  const server = await startServer('mock: --static', mockArgs('--static'));
  for (const r of REQUESTS_UNDER_TEST) {
    const key = `${r.method} ${r.path.split('?')[0]}`;
    bodies[key] = (await get(new Agent(), server.port, r.path, { method: r.method })).body;
  }
  const health = await get(new Agent(), server.port, '/__wawp/health', {
    headers: { 'x-wawp-control-token': CONTROL_TOKEN },
  });
  log(`bench: the mock serves ${JSON.parse(health.body).operations} operations (the full bundle)`);
  await server.stop();
}
for (const target of targets) target.args ??= bareServerArgs(bodies);

/** rounds[i][key] = { startupMs, startupCpuMs, [request name]: load result } */
const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const results = {};
  const order = targets.map((_, i) => targets[(i + round) % targets.length]);
  for (const target of order) {
    const server = await startServer(target.name, target.args);
    results[target.key] = { startupMs: server.startupMs, startupCpuMs: server.startupCpuMs };
    const count = Math.round(REQUESTS * (target.share ?? 1));
    for (const r of REQUESTS_UNDER_TEST) results[target.key][r.name] = await load(server, r, count);
    await server.stop();
  }
  rounds.push(results);
  const parts = REQUESTS_UNDER_TEST.map(
    (r) =>
      `${r.name}: ` +
      RATIOS.slice(0, 2)
        .map(([a, b]) => `${a}/${b} ${(results[a][r.name].rps / results[b][r.name].rps).toFixed(3)}`)
        .join(', '),
  );
  log(`bench: round ${round + 1}/${ROUNDS} (${order.map((t) => t.key).join(', ')}): ${parts.join('; ')}`);
}

const fmt = (x, digits = 0) => (x === undefined ? '?' : x.toFixed(digits));
log('');
for (const target of targets) {
  const startups = rounds.map((r) => r[target.key].startupMs);
  const cpus = rounds.map((r) => r[target.key].startupCpuMs).filter((x) => x !== undefined);
  log(
    `bench: ${target.name.padEnd(30)} start-up ${fmt(median(startups)).padStart(5)} ms (median)` +
      (cpus.length ? `, ${median(cpus)} ms of CPU` : ''),
  );
  for (const r of REQUESTS_UNDER_TEST) {
    const runs = rounds.map((x) => x[target.key][r.name]);
    const pick = (field) => {
      const values = runs.map((run) => run[field]).filter((x) => x !== undefined);
      return values.length ? median(values) : undefined;
    };
    const failures = runs.reduce((sum, run) => sum + run.failures, 0);
    const first = runs.find((run) => run.firstFailure)?.firstFailure;
    log(
      `bench:   ${r.name.padEnd(28)} ${fmt(pick('rps')).padStart(6)} req/s  p50 ${fmt(pick('p50'), 2)} ms  ` +
        `p99 ${fmt(pick('p99'), 2)} ms  CPU per request: server ${fmt(pick('cpuUs'))} µs ` +
        `(${fmt(100 * (pick('busy') ?? Number.NaN))}% of one core), load generator ${fmt(pick('clientUs'))} µs` +
        (failures ? `  (${failures} failed or non-200, first: ${first})` : ''),
    );
  }
}
log('');
log('bench: ratios of req/s, each taken within a round; the median of the rounds, then every round');
for (const r of REQUESTS_UNDER_TEST) {
  log(`bench: ${r.name}`);
  for (const [a, b, goal] of RATIOS) {
    const each = rounds.map((x) => x[a][r.name].rps / x[b][r.name].rps);
    const digits = b === 'prism' ? 2 : 3;
    log(
      `bench:   ${`${a} / ${b}`.padEnd(18)} = ${median(each).toFixed(digits)}${goal ? `  (${goal})` : ''}` +
        `   rounds: ${each.map((x) => x.toFixed(digits)).join(' ')}`,
    );
  }
}
const startup = (key) => fmt(median(rounds.map((r) => r[key].startupMs)));
log(
  `bench: start-up (spawn to first answer, median): sandbox ${startup('sandbox')} ms, static ${startup('static')} ms, ` +
    `floor ${startup('bare')} ms, prism CLI ${startup('prism')} ms  (goal: both modes < 300 ms)`,
);
if (rounds[0].bare.startupCpuMs !== undefined) {
  const cpu = (key) => median(rounds.map((r) => r[key].startupCpuMs));
  log(
    `bench: start-up CPU time (median): sandbox ${cpu('sandbox')} ms, static ${cpu('static')} ms, ` +
      `floor ${cpu('bare')} ms, prism CLI ${cpu('prism')} ms`,
  );
}
