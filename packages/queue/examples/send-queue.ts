// examples/send-queue.ts — paced sends; every process that sends for the instance shares the limit.
import { createWawp } from '@wawp/client/operations';
import { startMockServer } from '@wawp/mock-server';
import { createSendQueue } from '@wawp/queue';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const mock = await startMockServer({ port: 0 }); // leave baseUrl out to talk to the real API
const client = createWawp({ baseUrl: mock.url, instanceId: '123456789', accessToken: '123456789' });

const sends = await createSendQueue({
  url,
  client,
  instanceId: '123456789',
  perSecond: 5, // for this instance, across all processes
  perChatIntervalMs: 1_000, // at most one message a second to any one chat
  typingMs: 300, // "typing…" before each message
});

const outcome = await sends.send('sendText', { chatId: '447700900123@c.us', message: 'Your order has shipped' });
if (outcome.ok) console.log('sent', outcome.messageId);
else console.log('not sent:', outcome.error.message); // a WawpApiError with status and code, for example

await sends.close();
await mock.close();
