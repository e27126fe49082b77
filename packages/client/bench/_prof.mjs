import { createWawpClient } from '../dist/index.js';
import { createWawp } from '../dist/operations.js';

const BODY = JSON.stringify({ name: 'wawp-84729105', status: 'WORKING' });
const stub = async () => new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
const c = createWawpClient({ instanceId: '1', accessToken: 't', baseUrl: 'https://wawp.net/x', fetch: stub });
const w = createWawp(c);
const s = performance.now();
for (let i = 0; i < 100000; i++) await (process.env.PATH_FACE ? c.GET('/session/info') : w.sessions.getInfo());
console.log((performance.now() - s) / 100, 'us/op');
