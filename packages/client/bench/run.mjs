#!/usr/bin/env node
// Requests per second of the client against a stubbed `fetch`, in one run:
//   overview  plain fetch, bare openapi-fetch, a naive credentials middleware (rebuilds the
//             Request), our path face, our operation face, and axios (on the same stubbed
//             fetch through its fetch adapter; also with a stub adapter that skips
//             Request/Response, for reference), each performing the same call (GET
//             /session/info with both credentials, JSON answer parsed), in turns that rotate
//             between contestants; the median turn counts.
//   goal      our two faces with their default timeout against bare openapi-fetch, measured
//             apart in fresh processes where the four alternate every 20 calls
//             (bench/goal.mjs, which says why); the median of the processes counts.
// Prints numbers, never fails on a slow machine. Needs a build: `npm run build -w @wawp/client`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import axios from 'axios';
import createClient from 'openapi-fetch';
import { createWawpClient } from '../dist/index.js';
import { createWawp } from '../dist/operations.js';
import {
  BASE,
  BODY,
  CREDENTIAL_QUERY,
  CREDENTIALS,
  check,
  cpuMicros,
  EXPECTED_NAME,
  EXPECTED_URL,
  HEADERS,
  median,
  stubFetch,
} from './stub.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 250);
/** Fresh processes for the goal: each keeps the JIT's choices of its own for its whole life. */
const GOAL_PROCESSES = Number(process.env.BENCH_GOAL_PROCESSES ?? 3);

const bare = createClient({ baseUrl: BASE, fetch: stubFetch });
// The header our client sends to name itself (user-agent), through openapi-fetch's headers option.
const bareNamed = createClient({
  baseUrl: BASE,
  fetch: stubFetch,
  headers: { 'user-agent': '@wawp/client/0.0.0' },
});
const naive = createClient({ baseUrl: BASE, fetch: stubFetch });
naive.use({
  onRequest({ request }) {
    const url = new URL(request.url);
    url.searchParams.set('instance_id', CREDENTIALS.instanceId);
    url.searchParams.set('access_token', CREDENTIALS.accessToken);
    return new Request(url, request);
  },
});
// Our faces as users get them: the default 30 s timeout on, the User-Agent-style headers sent.
const pathFace = createWawpClient({ ...CREDENTIALS, baseUrl: BASE, fetch: stubFetch });
const wawp = createWawp(pathFace);
const untimedFace = createWawpClient({ ...CREDENTIALS, baseUrl: BASE, fetch: stubFetch, timeoutMs: 0 });
const hookedFace = createWawpClient({
  ...CREDENTIALS,
  baseUrl: BASE,
  fetch: stubFetch,
  hooks: { onRequest() {}, onResponse() {} },
});
// What the shared timers save: a fresh AbortSignal.timeout per call, as a naive wrapper would.
const perCallTimer = createClient({
  baseUrl: BASE,
  fetch: (request) => stubFetch(request, { signal: AbortSignal.timeout(30_000) }),
});
// axios through its own fetch adapter and the same stubbed fetch as everyone else: the fair
// comparison (it builds a Request and reads a Response like the others).
const axiosFetch = axios.create({
  baseURL: BASE,
  params: { instance_id: CREDENTIALS.instanceId, access_token: CREDENTIALS.accessToken },
  adapter: 'fetch',
  env: { fetch: stubFetch, Request, Response },
});
// axios with a stub adapter: skips Request and Response entirely, so it flatters axios.
const axiosClient = axios.create({
  baseURL: BASE,
  params: { instance_id: CREDENTIALS.instanceId, access_token: CREDENTIALS.accessToken },
  adapter: async (config) => {
    check(axiosClient.getUri(config));
    return { data: BODY, status: 200, statusText: 'OK', headers: HEADERS, config, request: {} };
  },
});

const contestants = {
  'plain fetch': async () => {
    const response = await stubFetch(new Request(EXPECTED_URL));
    if (!response.ok) throw new Error('not ok');
    return response.json();
  },
  'bare openapi-fetch': async () => (await bare.GET('/session/info', CREDENTIAL_QUERY)).data,
  'bare openapi-fetch + our user-agent header': async () =>
    (await bareNamed.GET('/session/info', CREDENTIAL_QUERY)).data,
  'naive middleware (rebuilds Request)': async () => (await naive.GET('/session/info')).data,
  'our path face (default 30 s timeout)': async () => (await pathFace.GET('/session/info')).data,
  'our operation face (default 30 s timeout)': () => wawp.sessions.getInfo(),
  'our path face, timeoutMs: 0': async () => (await untimedFace.GET('/session/info')).data,
  'our path face with two hooks': async () => (await hookedFace.GET('/session/info')).data,
  axios: async () => (await axiosFetch.get('/session/info')).data,
  'axios (stub adapter, no Request/Response)': async () => (await axiosClient.get('/session/info')).data,
  // Its timers live for 30 s: they weigh on every contestant a little.
  'openapi-fetch + AbortSignal.timeout per call': async () =>
    (await perCallTimer.GET('/session/info', CREDENTIAL_QUERY)).data,
};

// Calls per second of this process's CPU time (user + system), not of the wall clock: on a
// shared machine the process is often descheduled, and wall time would count that as cost.
async function round(call) {
  let count = 0;
  const started = cpuMicros();
  while (cpuMicros() - started < ROUND_MS * 1000) {
    for (let i = 0; i < 50; i++) await call();
    count += 50;
  }
  return (count * 1e6) / (cpuMicros() - started);
}

console.log(
  `bench: ${ROUNDS} rounds of ${ROUND_MS} ms of CPU time per contestant, stubbed fetch, Node ${process.version}`,
);
for (const call of Object.values(contestants)) {
  const data = await call();
  if (data?.name !== EXPECTED_NAME) throw new Error('a contestant did not return the parsed answer');
  for (let i = 0; i < 500; i++) await call(); // warm-up
}
const results = Object.fromEntries(Object.keys(contestants).map((name) => [name, []]));
// Each round starts one contestant further on: whoever runs right after a contestant that
// leaves much garbage pays for its collection, and rotating spreads that evenly.
const entries = Object.entries(contestants);
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < entries.length; i++) {
    const [name, call] = entries[(r + i) % entries.length];
    results[name].push(await round(call));
  }
}
const medians = Object.fromEntries(Object.entries(results).map(([name, runs]) => [name, median(runs)]));
const bareOps = medians['bare openapi-fetch'];
const axiosOps = medians.axios;
const width = Math.max(...Object.keys(medians).map((n) => n.length));
console.log(`${'contestant'.padEnd(width)}  ops/CPU-s (median)  vs openapi-fetch  vs axios`);
for (const [name, ops] of Object.entries(medians)) {
  console.log(
    `${name.padEnd(width)}  ${Math.round(ops).toString().padStart(18)}  ${(ops / bareOps).toFixed(2).padStart(15)}x  ${(ops / axiosOps).toFixed(2).padStart(7)}x`,
  );
}
// The goal, measured apart (bench/goal.mjs): one JSON line per process.
const run = promisify(execFile);
const goals = [];
for (let p = 0; p < GOAL_PROCESSES; p++) {
  console.log(`goal: process ${p + 1}/${GOAL_PROCESSES}, the four alternating every 20 calls…`);
  const { stdout } = await run(process.execPath, [new URL('goal.mjs', import.meta.url).pathname], {
    env: process.env,
  });
  goals.push(JSON.parse(stdout.trim().split('\n').at(-1)));
}
const goalRatio = (name) => median(goals.map((g) => g.vsBare[name]));
const each = (name) => goals.map((g) => g.vsBare[name].toFixed(3)).join(' ');
const perCall = (name) => median(goals.map((g) => g.microsPerCall[name])).toFixed(1);
console.log(
  `goal runs: bare openapi-fetch ${perCall('bare')} µs of CPU per call (median of ${GOAL_PROCESSES} processes); ` +
    `with our user-agent header ${goalRatio('bareNamed').toFixed(2)}x (${each('bareNamed')})`,
);
const goal = (label, name) => {
  const vsBare = goalRatio(name);
  const vsAxios = medians[label] / axiosOps;
  const met = vsBare >= 0.95 && vsAxios >= 2.5;
  return (
    `${label}: ${vsBare.toFixed(2)}x openapi-fetch (per process: ${each(name)}), ${vsAxios.toFixed(2)}x axios in the overview ` +
    `(${met ? 'meets' : 'misses'} the goal >= 0.95x and >= 2.5x)`
  );
};
console.log(goal('our path face (default 30 s timeout)', 'pathFace'));
console.log(goal('our operation face (default 30 s timeout)', 'operationFace'));
