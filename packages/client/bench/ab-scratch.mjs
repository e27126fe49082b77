import { createWawpClient } from '../dist/index.js';

const BASE = 'https://wawp.net/wp-json/awp/v1';
const BODY = JSON.stringify({ name: 'wawp-84729105', status: 'WORKING' });
const stub = async () => new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
const mk = (o) => createWawpClient({ instanceId: '1', accessToken: 't', baseUrl: BASE, fetch: stub, ...o });
const variants = { timed: mk({}), untimed: mk({ timeoutMs: 0 }) };
const which = process.argv[2];
const c = variants[which];
for (let i = 0; i < 5000; i++) await c.GET('/session/info');
const t = process.cpuUsage();
for (let i = 0; i < 40000; i++) await c.GET('/session/info');
const u = process.cpuUsage(t);
console.log(which, ((u.user + u.system) / 40000).toFixed(1), 'us/call');
