#!/usr/bin/env node
// Sends one signed `message` delivery to the example receiver, the way a Wawp instance would.
import { signPayload } from '@wawp/webhooks-types/node';

const url = process.env.RECEIVER_URL ?? 'http://127.0.0.1:3000/';
const hmacKey = process.env.WAWP_WEBHOOK_HMAC_KEY ?? 'my-secret-key';
const body = JSON.stringify({
  id: `evt_${Date.now().toString(36).padEnd(26, '0')}`,
  timestamp: Date.now(),
  event: 'message',
  session: 'default',
  engine: 'GOWS',
  me: { id: '11111111111@c.us', pushName: 'Wawp Instance' },
  payload: {
    id: 'false_447700900123@c.us_3EB0A1B2C3D4E5F60718',
    timestamp: Math.floor(Date.now() / 1000),
    from: '447700900123@c.us',
    fromMe: false,
    to: '11111111111@c.us',
    body: 'Hello from the test script',
    hasMedia: false,
  },
});
const response = await fetch(url, {
  method: 'POST',
  body,
  headers: {
    'content-type': 'application/json',
    'x-webhook-hmac': await signPayload(body, hmacKey),
    'x-webhook-hmac-algorithm': 'sha512',
  },
});
console.log(`${url} answered ${response.status} ${await response.text()}`);
