import { createWawpClient } from '../dist/index.js';

const BASE = 'https://wawp.net/wp-json/awp/v1';
const BODY = JSON.stringify({ name: 'wawp-84729105', status: 'WORKING' });
const stub = async () => new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
const ours = createWawpClient({ instanceId: '1', accessToken: 't', baseUrl: BASE, fetch: stub });
for (let i = 0; i < 60000; i++) await ours.GET('/session/info');
