#!/usr/bin/env node
// Requests per second of the client against a stubbed `fetch`, side by side in one run:
// plain fetch, bare openapi-fetch, a naive credentials middleware (rebuilds the Request),
// our path face, our operation face, and axios (on the same stubbed fetch through its fetch
// adapter; also with a stub adapter that skips Request/Response, for reference). Each contestant
// performs the same call (GET /session/info with both credentials, JSON answer parsed)
// in rounds that alternate between contestants; the median round counts. Prints numbers,
// never fails on a slow machine. Needs a build: `npm run build -w @wawp/client`.
import axios from 'axios';
import createClient from 'openapi-fetch';
import { createWawpClient } from '../dist/index.js';
import { createWawp } from '../dist/operations.js';

const BASE = 'https://wawp.net/wp-json/awp/v1';
const CREDENTIALS = { instanceId: '123456789', accessToken: 'bench-token' };
const BODY = JSON.stringify({
  name: 'wawp-84729105',
  status: 'WORKING',
  config: { webhooks: {}, proxy: null },
  me: { id: '201012345678@c.us', pushName: 'John Doe' },
});
const HEADERS = { 'content-type': 'application/json' };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 250);

// The stub checks what every contestant sends, so none can win by skipping work.
const expectedQuery = `instance_id=${CREDENTIALS.instanceId}&access_token=${CREDENTIALS.accessToken}`;
function check(url) {
  if (!url.endsWith(`/session/info?${expectedQuery}`)) throw new Error(`unexpected URL ${url}`);
}
const stubFetch = async (request) => {
  check(typeof request === 'string' ? request : request.url);
  return new Response(BODY, { status: 200, headers: HEADERS });
};

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
    const response = await stubFetch(new Request(`${BASE}/session/info?${expectedQuery}`));
    if (!response.ok) throw new Error('not ok');
    return response.json();
  },
  'bare openapi-fetch': async () =>
    (await bare.GET('/session/info', { params: { query: { instance_id: '123456789', access_token: 'bench-token' } } }))
      .data,
  'bare openapi-fetch + our user-agent header': async () =>
    (
      await bareNamed.GET('/session/info', {
        params: { query: { instance_id: '123456789', access_token: 'bench-token' } },
      })
    ).data,
  'naive middleware (rebuilds Request)': async () => (await naive.GET('/session/info')).data,
  'our path face (default 30 s timeout)': async () => (await pathFace.GET('/session/info')).data,
  'our operation face (default 30 s timeout)': () => wawp.sessions.getInfo(),
  'our path face, timeoutMs: 0': async () => (await untimedFace.GET('/session/info')).data,
  'our path face with two hooks': async () => (await hookedFace.GET('/session/info')).data,
  axios: async () => (await axiosFetch.get('/session/info')).data,
  'axios (stub adapter, no Request/Response)': async () => (await axiosClient.get('/session/info')).data,
  // Its timers live for 30 s: they weigh on every contestant a little.
  'openapi-fetch + AbortSignal.timeout per call': async () =>
    (
      await perCallTimer.GET('/session/info', {
        params: { query: { instance_id: '123456789', access_token: 'bench-token' } },
      })
    ).data,
};

// Calls per second of this process's CPU time (user + system), not of the wall clock: on a
// shared machine the process is often descheduled, and wall time would count that as cost.
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
async function round(call) {
  let count = 0;
  const started = process.cpuUsage();
  while (cpuMs(started) < ROUND_MS) {
    for (let i = 0; i < 50; i++) await call();
    count += 50;
  }
  return (count * 1000) / cpuMs(started);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

console.log(
  `bench: ${ROUNDS} rounds of ${ROUND_MS} ms of CPU time per contestant, stubbed fetch, Node ${process.version}`,
);
for (const call of Object.values(contestants)) {
  const data = await call();
  if (data?.name !== 'wawp-84729105') throw new Error('a contestant did not return the parsed answer');
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
const goal = (name) => {
  const vsBare = medians[name] / bareOps;
  const vsAxios = medians[name] / axiosOps;
  const met = vsBare >= 0.95 && vsAxios >= 2.5;
  return `${name}: ${vsBare.toFixed(2)}x openapi-fetch, ${vsAxios.toFixed(2)}x axios (${met ? 'meets' : 'misses'} the goal >= 0.95x and >= 2.5x)`;
};
const named = medians['bare openapi-fetch + our user-agent header'];
console.log(
  `our path face vs openapi-fetch sending the same headers: ${(medians['our path face (default 30 s timeout)'] / named).toFixed(2)}x`,
);
console.log(goal('our path face (default 30 s timeout)'));
console.log(goal('our operation face (default 30 s timeout)'));
