#!/usr/bin/env node
// The goal's measurement, in a process of its own (bench/run.mjs starts it): bare
// openapi-fetch against our two faces with their default 30 s timeout, and bare openapi-fetch
// sending our user-agent header for reference, all performing the same call.
//
// Why apart from the overview: there, eleven contestants take turns of 250 ms, and what one
// leaves behind (garbage, the 30 s timers of the per-call AbortSignal.timeout contestant) is
// collected during whoever runs next; one turn's rate moved by ±30 % at a load of 1. Here
// the four alternate every 20 calls, in a rotating order, for a few seconds each: each
// collection lands on a turn of any of them alike, and the ratio of their summed CPU times
// is the ratio of their costs, collections included. Prints one JSON line.
import createClient from 'openapi-fetch';
import { createWawpClient } from '../dist/index.js';
import { createWawp } from '../dist/operations.js';
import { BASE, CREDENTIAL_QUERY, CREDENTIALS, cpuMicros, EXPECTED_NAME, stubFetch } from './stub.mjs';

const SLICES = Number(process.env.BENCH_GOAL_SLICES ?? 1_200);
const CALLS_PER_SLICE = 20;

const bare = createClient({ baseUrl: BASE, fetch: stubFetch });
const bareNamed = createClient({ baseUrl: BASE, fetch: stubFetch, headers: { 'user-agent': '@wawp/client/0.0.0' } });
const pathFace = createWawpClient({ ...CREDENTIALS, baseUrl: BASE, fetch: stubFetch });
const wawp = createWawp(pathFace);

const contestants = {
  bare: async () => (await bare.GET('/session/info', CREDENTIAL_QUERY)).data,
  bareNamed: async () => (await bareNamed.GET('/session/info', CREDENTIAL_QUERY)).data,
  pathFace: async () => (await pathFace.GET('/session/info')).data,
  operationFace: () => wawp.sessions.getInfo(),
};

async function slice(call) {
  const start = cpuMicros();
  for (let i = 0; i < CALLS_PER_SLICE; i++) await call();
  return cpuMicros() - start;
}

const names = Object.keys(contestants);
for (const name of names) {
  if ((await contestants[name]())?.name !== EXPECTED_NAME) throw new Error(`${name} did not return the parsed answer`);
  for (let i = 0; i < 2_000; i++) await contestants[name](); // warm-up
}
const spent = Object.fromEntries(names.map((name) => [name, []]));
for (let s = 0; s < SLICES; s++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(s + k) % names.length];
    spent[name].push(await slice(contestants[name]));
  }
}
const total = (name) => spent[name].reduce((a, b) => a + b, 0);
const result = { slices: SLICES, callsPerSlice: CALLS_PER_SLICE, microsPerCall: {}, vsBare: {} };
for (const name of names) {
  result.microsPerCall[name] = total(name) / (SLICES * CALLS_PER_SLICE);
  // Calls per CPU second relative to bare: bare's time over the contestant's.
  result.vsBare[name] = total('bare') / total(name);
}
console.log(JSON.stringify(result));
