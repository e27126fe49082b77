// Testing with the mock: send a signed webhook delivery to your own receiver.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emitWebhook } from '@wawp/mock-server';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { createNodeHandler } from '@wawp/webhooks-types/node';

const hmacKey = 'test-key';
const received: string[] = [];

// #region receiver
const router = createWebhookRouter().on('message', (event) => {
  received.push(event.payload.id);
});
const server = createServer(createNodeHandler({ router, hmacKey }));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
// #endregion

// #region emit
const delivery = await emitWebhook({ event: 'message', to: `http://127.0.0.1:${port}/`, hmacKey });
console.log(`receiver answered ${delivery.status}; handled ${received.length} message(s)`);
// #endregion

server.close();
