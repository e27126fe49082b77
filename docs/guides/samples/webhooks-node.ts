// Receiving webhooks on Node's own HTTP server.
import { createServer } from 'node:http';
import { createNodeHandler } from '@wawp/webhooks-types/node';
import { router } from './webhooks-router.js';

const handler = createNodeHandler({
  router,
  hmacKey: process.env.WAWP_WEBHOOK_HMAC_KEY ?? '',
});

createServer(handler).listen(3000, () => {
  console.log('receiving Wawp webhooks on http://localhost:3000/');
});
