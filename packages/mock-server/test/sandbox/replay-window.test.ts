// A sandbox on a manual clock lives in its own time (2026-01-01 by default), but its deliveries
// must still pass a real receiver's replay window, which compares X-Webhook-Timestamp with the
// receiver's wall clock. The header carries the wall clock; the envelope keeps sandbox time.
import { createWebhookRouter } from '@wawp/webhooks-types';
import { createNodeHandler } from '@wawp/webhooks-types/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { type Receiver, startReceiver } from '../support/receiver.js';

const HMAC_KEY = 'replay-window-test-key';
const handled: string[] = [];
let receiver: Receiver;
let sandbox: Sandbox;

beforeAll(async () => {
  const router = createWebhookRouter().onAny((event) => {
    handled.push(event.event);
  });
  receiver = await startReceiver({ handler: createNodeHandler({ router, hmacKey: HMAC_KEY }) });
  sandbox = await startSandbox({ clock: 'manual', webhooks: [receiver.url], hmacKey: HMAC_KEY });
});
afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

it('delivers on a manual clock to a receiver that refuses stale deliveries', async () => {
  sandbox.inbound({ type: 'text', from: '447700900123@c.us', body: 'hello' });
  await sandbox.advance(0);
  // The docs' instance also has the seed page's (remote, never reached) webhook URL.
  const deliveries = sandbox.deliveries().filter((d) => d.url.startsWith(receiver.url));
  expect(deliveries.length).toBeGreaterThan(0);
  expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200));
  expect(handled).toContain('message');
  // Sandbox time, not wall time, in what the engine would put in the envelope.
  expect(Math.abs((deliveries[0]?.body.timestamp as number) - Date.now())).toBeGreaterThan(86_400_000);
});
