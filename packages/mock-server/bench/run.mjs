#!/usr/bin/env node
// Throughput and latency of the mock next to its floor (a bare node:http server returning the
// same JSON) and Prism's own CLI at its default log level, side by side in one run on loopback.
// Each server runs in its own process; this process is only the load generator: a keep-alive
// http.Agent with a fixed number of requests in flight. Prints medians; never fails on a slow
// machine. Needs a build (`npx tsup`) and the spec bundle.
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const BIN = fileURLToPath(new URL('../bin/wawp-mock.js', import.meta.url));
const SPEC = require.resolve('@wawp/spec/openapi.json');
const PRISM_CLI = require.resolve('@stoplight/prism-cli/dist/index.js');
const PATH = '/session/info?instance_id=123456789&access_token=123456789';
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

function get(agent, port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: HOST, port, path, agent, headers }, (res) => {
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
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { name, port, startupMs, stop };
}

/** REQUESTS GETs with CONCURRENCY in flight; returns req/s and latency percentiles in ms. */
async function load(port) {
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
          const res = await get(agent, port, PATH);
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

// The bare floor answers with the exact bytes the mock sends for this request.
function bareServerArgs(body) {
  const source = `
    const body = ${JSON.stringify(body)};
    const server = require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    server.listen(Number(process.argv[1]), '${HOST}');
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  `;
  return (port) => ['-e', source, String(port)];
}

const targets = [
  {
    name: '@wawp/mock-server (CLI)',
    args: (port) => [BIN, '--port', String(port), '--host', HOST, '--control-token', CONTROL_TOKEN],
  },
  { name: 'bare node:http (floor)', args: undefined },
  {
    name: 'prism CLI, default log level',
    args: (port) => [PRISM_CLI, 'mock', '--host', HOST, '--port', String(port), SPEC],
  },
];

log(
  `bench: GET ${PATH.split('?')[0]} on ${HOST}, ${REQUESTS} requests x ${ROUNDS} rounds per server, ${CONCURRENCY} in flight, keep-alive`,
);
log(`bench: node ${process.version}, spec ${SPEC}`);

const results = [];
let body;
for (const target of targets) {
  const args = target.args ?? bareServerArgs(body);
  const rounds = [];
  const startups = [];
  for (let round = 0; round < ROUNDS; round++) {
    // A fresh process per round: start-up is measured cold each time.
    const server = await startServer(target.name, args);
    startups.push(server.startupMs);
    if (body === undefined) {
      body = (await get(new Agent(), server.port, PATH)).body;
      const health = JSON.parse(
        (await get(new Agent(), server.port, '/__wawp/health', { 'x-wawp-control-token': CONTROL_TOKEN })).body,
      );
      log(`bench: the mock serves ${health.operations} operations (the full bundle)`);
    }
    rounds.push(await load(server.port));
    await server.stop();
  }
  const byRps = [...rounds].sort((a, b) => a.rps - b.rps);
  const mid = byRps[Math.floor(byRps.length / 2)];
  const result = { name: target.name, startupMs: median(startups), ...mid };
  results.push(result);
  log(
    `bench: ${result.name.padEnd(30)} start-up ${result.startupMs.toFixed(0).padStart(5)} ms  ` +
      `${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms` +
      (result.failures ? `  (${result.failures} failed or non-200, first: ${result.firstFailure})` : ''),
  );
}

const [mock, bare, prism] = results;
log('');
log(`bench: mock / bare floor      = ${(mock.rps / bare.rps).toFixed(3)} (1/${(bare.rps / mock.rps).toFixed(1)})`);
log(`bench: prism CLI / bare floor = ${(prism.rps / bare.rps).toFixed(3)} (1/${(bare.rps / prism.rps).toFixed(1)})`);
log(`bench: mock / prism CLI       = ${(mock.rps / prism.rps).toFixed(2)}x  (goal >= 2x)`);
log(`bench: mock start-up (spawn to first answer, median) = ${mock.startupMs.toFixed(0)} ms  (goal < 3000 ms)`);
