import createClient from 'openapi-fetch';

const BASE = 'https://wawp.net/wp-json/awp/v1';
const BODY = JSON.stringify({ name: 'wawp-84729105', status: 'WORKING' });
const stub = async () => new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
const bare = createClient({ baseUrl: BASE, fetch: stub });
const q = { params: { query: { instance_id: '1', access_token: 't' } } };
for (let i = 0; i < 60000; i++) await bare.GET('/session/info', q);
