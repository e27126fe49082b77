import createClient from 'openapi-fetch';
import { createWawpClient } from '../dist/index.js';

const BASE = 'https://wawp.net/wp-json/awp/v1';
const BODY = JSON.stringify({ name: 'wawp-84729105', status: 'WORKING' });
const stub = async () => new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
const q = { params: { query: { instance_id: '1', access_token: 't' } } };
const bare = createClient({ baseUrl: BASE, fetch: stub });
const mk = (o) => createWawpClient({ instanceId: '1', accessToken: 't', baseUrl: BASE, fetch: stub, ...o });
const c = {
  bare: () => bare.GET('/session/info', q),
  ours: (
    (x) => () =>
      x.GET('/session/info')
  )(mk({})),
  oursNoTimeout: (
    (x) => () =>
      x.GET('/session/info')
  )(mk({ timeoutMs: 0 })),
  oursNoUA: (
    (x) => () =>
      x.GET('/session/info')
  )(mk({ userAgent: false })),
  oursNoRetry: (
    (x) => () =>
      x.GET('/session/info')
  )(mk({ retry: false })),
};
const N = 2000;
const res = Object.fromEntries(Object.keys(c).map((k) => [k, []]));
for (const f of Object.values(c)) for (let i = 0; i < 2000; i++) await f();
for (let r = 0; r < 25; r++)
  for (const [k, f] of Object.entries(c)) {
    const t = process.cpuUsage();
    for (let i = 0; i < N; i++) await f();
    const u = process.cpuUsage(t);
    res[k].push(((u.user + u.system) * 1000) / N);
  }
const med = (a) => Math.min(...a);
const b = med(res.bare);
for (const [k, v] of Object.entries(res))
  console.log(k.padEnd(20), med(v).toFixed(0), 'ns cpu/call', (b / med(v)).toFixed(2) + 'x');
