// One receiver process of the scale test: the durable receiver on node:http, on a free port.
import { createServer } from 'node:http';
import { createQueueReceiver } from '@wawp/queue';

const receiver = await createQueueReceiver({
  url: process.env.REDIS_URL,
  hmacKey: process.env.HMAC_KEY,
  queue: process.env.QUEUE,
  backoffMs: 100,
});
const server = createServer(receiver.node);
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`READY ${server.address().port}`));

process.on('SIGTERM', async () => {
  server.close();
  await receiver.close();
  process.exit(0);
});
