// Runs on each supported runtime (scripts/runtimes/matrix.mjs starts it on Node 22, Node 24, Bun
// and Deno): the client's both faces against the mock, then a webhook signed, verified (and a
// tampered one refused) and parsed, and the Node entry point's HMAC checked against the portable
// one. Only the packages' public ESM entry points, as a user imports them. Prints one line and
// exits 1 on the first thing that is wrong.
import { createWawpClient, WawpApiError } from '@wawp/client';
import { createWawp } from '@wawp/client/operations';
import { parseWebhook, signPayload, verifySignature } from '@wawp/webhooks-types';
import * as nodeEntry from '@wawp/webhooks-types/node';

const baseUrl = globalThis.process?.env?.WAWP_BASE_URL ?? 'http://127.0.0.1:4010';
const credentials = { baseUrl, instanceId: '123456789', accessToken: '123456789' };
const fail = (what) => {
  throw new Error(`runtime smoke: ${what}`);
};

const wawp = createWawp(credentials);
const info = await wawp.sessions.getInfo();
if (typeof info.status !== 'string') fail(`sessions.getInfo gave ${JSON.stringify(info)}`);
await wawp.messages.sendText({ chatId: '447700900123@c.us', message: 'hello' });
const { data, error } = await createWawpClient(credentials).GET('/session/info');
if (error || !data) fail('GET /session/info through the path face failed');
const refused = await createWawp({ ...credentials, accessToken: 'wrong' })
  .sessions.getInfo({}, { headers: { prefer: 'code=401' } })
  .catch((e) => e);
if (!(refused instanceof WawpApiError) || refused.status !== 401) fail(`expected a WawpApiError 401, got ${refused}`);
if (JSON.stringify(refused).includes('wrong') || String(refused.stack).includes('access_token=wrong'))
  fail('token in the error');

const body = JSON.stringify({
  id: 'evt_01hzy8q3m4n5p6r7s8t9v0w1x2',
  timestamp: Date.now(),
  event: 'session.status',
  session: 'default',
  payload: { status: 'WORKING' },
});
const key = 'runtime-smoke-key';
const headers = new Headers({ 'x-webhook-hmac': await signPayload(body, key), 'x-webhook-hmac-algorithm': 'sha512' });
if (!(await verifySignature(body, headers, { hmacKey: key }))) fail('a signed delivery did not verify');
if (await verifySignature(`${body} `, headers, { hmacKey: key })) fail('a tampered delivery verified');
// The Node entry point computes the HMAC its own way (one-shot hashes where the runtime has
// them): it must agree with the portable WebCrypto one, for a key longer than a block too.
const bytes = new TextEncoder().encode(body);
for (const k of [key, 'k'.repeat(200)]) {
  const portable = await signPayload(bytes, k);
  if ((await nodeEntry.signPayload(bytes, k)) !== portable)
    fail(`node:crypto and WebCrypto disagree (key of ${k.length})`);
  const signed = new Headers({ 'x-webhook-hmac': portable, 'x-webhook-hmac-algorithm': 'sha512' });
  if (!(await nodeEntry.verifySignature(bytes, signed, { hmacKey: k })))
    fail('the Node entry refused a signed delivery');
}
const event = parseWebhook(body);
if (event.event !== 'session.status') fail(`parsed ${event.event}`);

console.log(
  `runtime smoke: ok (client both faces, typed 401, webhook sign/verify/parse, node:crypto = WebCrypto; session ${info.status})`,
);
