import createClient from 'openapi-fetch';

const BASE = 'https://wawp.net/wp-json/awp/v1';
const BODY = JSON.stringify({ name: 'wawp-84729105', status: 'WORKING' });
const stub = async () => new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
const q = { params: { query: { instance_id: '1', access_token: 't' } } };
const mk = (headers) => createClient({ baseUrl: BASE, fetch: stub, headers });
const c = {
  bare: (
    (x) => () =>
      x.GET('/session/info', q)
  )(mk()),
  h1: (
    (x) => () =>
      x.GET('/session/info', q)
  )(mk({ 'x-wawp-client': '@wawp/client/0.1.0' })),
  h2: (
    (x) => () =>
      x.GET('/session/info', q)
  )(mk({ 'x-wawp-client': '@wawp/client/0.1.0', 'user-agent': '@wawp/client/0.1.0' })),
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
