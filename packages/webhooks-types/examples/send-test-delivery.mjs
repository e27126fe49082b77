#!/usr/bin/env node
// Sends one signed `message` delivery to the example receiver, the way a Wawp instance would:
// the JSON body, a fresh timestamp and request id, and the two signature headers.
import { randomUUID } from 'node:crypto';
import { deliveryHeaderNames } from '@wawp/webhooks-types';
import { signatureHeaders } from '@wawp/webhooks-types/node';

const url = process.env.RECEIVER_URL ?? 'http://127.0.0.1:3000/';
const hmacKey = process.env.WAWP_WEBHOOK_HMAC_KEY;
if (!hmacKey) {
  console.error('Set WAWP_WEBHOOK_HMAC_KEY to the key the receiver was started with.');
  process.exit(1);
}
const now = Date.now();
const body = JSON.stringify({
  id: `evt_${now.toString(36).padEnd(26, '0')}`,
  timestamp: now,
  event: 'message',
  session: 'default',
  engine: 'GOWS',
  me: { id: '11111111111@c.us', pushName: 'Wawp Instance' },
  payload: {
    id: 'false_447700900123@c.us_3EB0A1B2C3D4E5F60718',
    timestamp: Math.floor(now / 1000),
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
    [deliveryHeaderNames.requestId]: randomUUID(),
    [deliveryHeaderNames.timestamp]: String(now),
    ...(await signatureHeaders(body, hmacKey)),
  },
});
console.log(`${url} answered ${response.status} ${await response.text()}`);
