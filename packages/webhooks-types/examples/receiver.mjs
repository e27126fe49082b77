#!/usr/bin/env node
// A complete webhook receiver on node:http. Run it with `WAWP_WEBHOOK_HMAC_KEY=… node examples/receiver.mjs`
// (after `npm run build -w @wawp/webhooks-types`), then `node examples/send-test-delivery.mjs`.
import { createServer } from 'node:http';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { createNodeHandler } from '@wawp/webhooks-types/node';

const port = Number(process.env.PORT ?? 3000);
// No fallback key: a receiver with a key everyone knows accepts forgeries from anyone.
const hmacKey = process.env.WAWP_WEBHOOK_HMAC_KEY;
if (!hmacKey) {
  console.error('Set WAWP_WEBHOOK_HMAC_KEY to the HMAC key configured on your Wawp webhook.');
  process.exit(1);
}

const router = createWebhookRouter()
  .on('message', (event) => {
    // `event` is a MessageEvent: the payload is typed, `body` may be null.
    console.log(`message from ${event.payload.from}: ${event.payload.body ?? '(no text)'}`);
  })
  .on(['call.received', 'call.rejected'], (event) => {
    console.log(`${event.event}: call ${event.payload.id} from ${event.payload.from ?? 'unknown'}`);
  })
  .on('session.status', (event) => {
    console.log(`instance ${event.session} is now ${event.payload.status}`);
  })
  .onAny((event) => {
    console.log(`received ${event.event} (${event.id ?? 'no id'})`);
  })
  .onError((error, event) => {
    // The delivery is answered with 500, so Wawp retries it later.
    console.error(`handling ${event.event} failed:`, error.errors);
  });

const server = createServer(createNodeHandler({ router, hmacKey }));
server.listen(port, '127.0.0.1', () => {
  const { port: bound } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`webhook receiver listening on http://127.0.0.1:${bound}/ (Ctrl-C stops it)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`${signal}: closing the receiver`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
