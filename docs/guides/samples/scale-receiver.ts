// A receiver process: as many as you like, behind your load balancer.
import { createServer } from 'node:http';
import { createQueueReceiver } from '@wawp/queue';

// #region receiver
const receiver = await createQueueReceiver({
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  hmacKey: process.env.WAWP_WEBHOOK_HMAC_KEY ?? '',
});
const server = createServer(receiver.node).listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`receiving Wawp webhooks on port ${process.env.PORT ?? 3000}`);
});

// Deploys and scale-downs send SIGTERM: stop accepting, then let go of Redis.
process.once('SIGTERM', () => {
  server.close(() => void receiver.close());
});
// #endregion
