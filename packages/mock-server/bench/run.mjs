#!/usr/bin/env node
// Throughput, latency and start-up of the mock in both modes (the sandbox, answering from
// state, and --static, answering with examples) next to their floor (a bare node:http server
// returning the same JSON) and Prism's own CLI at its default log level, for a read
// (GET /session/info) and a send (POST /send), side by side in one run on loopback.
// Each server runs in its own process; this process is only the load generator: a keep-alive
// http.Agent with a fixed number of requests in flight. Prints medians; never fails on a slow
// machine. Needs a build (`npm run build`) and the spec bundle.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
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
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const log = (line) => process.stdout.write(`${line}\n`);

/** A free port, by letting the OS pick one and releasing it. */
async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

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
  return { name, port, startupMs, startupCpuMs, stop };
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

/** REQUESTS requests with CONCURRENCY in flight; returns req/s and latency percentiles in ms. */
async function load(port, { method, path }) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const run = async (count, latencies) => {
    let next = 0;
    let failures = 0;
    let firstFailure;
    const worker = async () => {
      while (next < count) {
        next++;
        const t0 = process.hrtime.bigint();
        try {
          const res = await get(agent, port, path, { method });
          if (res.status !== 200) {
            failures++;
            firstFailure ??= `HTTP ${res.status} ${res.body.slice(0, 120)}`;
          }
        } catch (error) {
          // A server may reset a kept-alive connection; count it and go on.
          failures++;
          firstFailure ??= error.code ?? error.message;
        }
        latencies?.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { failures, firstFailure };
  };
  await run(WARMUP);
  const latencies = [];
  const t0 = performance.now();
  const { failures, firstFailure } = await run(REQUESTS, latencies);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: REQUESTS / seconds, p50: at(0.5), p99: at(0.99), failures, firstFailure };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The bare floor answers each request with the exact bytes the static mock sends for it.
function bareServerArgs(bodies) {
  const source = `
    const bodies = ${JSON.stringify(bodies)};
    const server = require('node:http').createServer((req, res) => {
      const body = bodies[req.method + ' ' + req.url.split('?')[0]] ?? '{}';
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    server.listen(Number(process.argv[1]), '${HOST}');
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  `;
  return (port) => ['-e', source, String(port)];
}

const targets = [
  {
    key: 'sandbox',
    name: 'mock: sandbox (default)',
    args: (port) => [BIN, '--port', String(port), '--host', HOST, '--control-token', CONTROL_TOKEN],
  },
  {
    key: 'static',
    name: 'mock: --static',
    args: (port) => [BIN, '--static', '--port', String(port), '--host', HOST, '--control-token', CONTROL_TOKEN],
  },
  { key: 'bare', name: 'bare node:http (floor)', args: undefined },
  {
    key: 'prism',
    name: 'prism CLI, default log level',
    args: (port) => [PRISM_CLI, 'mock', '--host', HOST, '--port', String(port), SPEC],
  },
];

log(
  `bench: ${REQUESTS_UNDER_TEST.map((r) => r.name).join(' and ')} on ${HOST}, ${REQUESTS} requests x ${ROUNDS} rounds per server, ${CONCURRENCY} in flight, keep-alive`,
);
log(`bench: node ${process.version}, spec ${SPEC}`);

const results = {};
const bodies = {};
for (const target of targets) {
  const startups = [];
  const startupCpus = [];
  const rounds = Object.fromEntries(REQUESTS_UNDER_TEST.map((r) => [r.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // A fresh process per round: start-up is measured cold each time.
    const server = await startServer(target.name, target.args ?? bareServerArgs(bodies));
    startups.push(server.startupMs);
    if (server.startupCpuMs !== undefined) startupCpus.push(server.startupCpuMs);
    if (target.key === 'static' && round === 0) {
      for (const r of REQUESTS_UNDER_TEST) {
        bodies[`${r.method} ${r.path.split('?')[0]}`] = (
          await get(new Agent(), server.port, r.path, { method: r.method })
        ).body;
      }
      const health = JSON.parse(
        (await get(new Agent(), server.port, '/__wawp/health', { headers: { 'x-wawp-control-token': CONTROL_TOKEN } }))
          .body,
      );
      log(`bench: the mock serves ${health.operations} operations (the full bundle)`);
    }
    for (const r of REQUESTS_UNDER_TEST) rounds[r.name].push(await load(server.port, r));
    await server.stop();
  }
  const cpu = startupCpus.length ? median(startupCpus) : undefined;
  results[target.key] = { startupMs: median(startups), startupCpuMs: cpu };
  log(
    `bench: ${target.name.padEnd(30)} start-up ${median(startups).toFixed(0).padStart(5)} ms (median)` +
      (cpu === undefined ? '' : `, ${cpu} ms of CPU`),
  );
  for (const r of REQUESTS_UNDER_TEST) {
    const byRps = [...rounds[r.name]].sort((a, b) => a.rps - b.rps);
    const mid = byRps[Math.floor(byRps.length / 2)];
    results[target.key][r.name] = mid;
    log(
      `bench:   ${r.name.padEnd(28)} ${mid.rps.toFixed(0).padStart(6)} req/s  p50 ${mid.p50.toFixed(2)} ms  p99 ${mid.p99.toFixed(2)} ms` +
        (mid.failures ? `  (${mid.failures} failed or non-200, first: ${mid.firstFailure})` : ''),
    );
  }
}

const ratio = (a, b, request) => results[a][request].rps / results[b][request].rps;
log('');
for (const r of REQUESTS_UNDER_TEST) {
  log(`bench: ${r.name}`);
  log(`bench:   sandbox / static      = ${ratio('sandbox', 'static', r.name).toFixed(3)}  (goal >= 0.8)`);
  log(`bench:   static / bare floor   = ${ratio('static', 'bare', r.name).toFixed(3)}  (goal >= 0.35)`);
  log(`bench:   sandbox / bare floor  = ${ratio('sandbox', 'bare', r.name).toFixed(3)}`);
  log(`bench:   static / prism CLI    = ${ratio('static', 'prism', r.name).toFixed(2)}x`);
  log(`bench:   sandbox / prism CLI   = ${ratio('sandbox', 'prism', r.name).toFixed(2)}x`);
}
log(
  `bench: start-up (spawn to first answer, median): sandbox ${results.sandbox.startupMs.toFixed(0)} ms, ` +
    `static ${results.static.startupMs.toFixed(0)} ms, floor ${results.bare.startupMs.toFixed(0)} ms, ` +
    `prism CLI ${results.prism.startupMs.toFixed(0)} ms  (goal: both modes < 300 ms)`,
);
if (results.bare.startupCpuMs !== undefined) {
  log(
    `bench: start-up CPU time (median): sandbox ${results.sandbox.startupCpuMs} ms, static ${results.static.startupCpuMs} ms, ` +
      `floor ${results.bare.startupCpuMs} ms, prism CLI ${results.prism.startupCpuMs} ms`,
  );
}
