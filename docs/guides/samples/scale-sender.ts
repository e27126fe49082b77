// Sending from several processes at a pace the instance's number can bear.
import { createWawp } from '@wawp/client/operations';
import { createSendQueue } from '@wawp/queue';

// #region sender
const instanceId = process.env.WAWP_INSTANCE_ID ?? '';
const client = createWawp({ instanceId, accessToken: process.env.WAWP_ACCESS_TOKEN ?? '' });

const sends = await createSendQueue({
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  client,
  instanceId,
  perSecond: 2, // for this instance, summed over every process that sends for it
  perChatIntervalMs: 3_000, // one message every 3 s at most to any one chat
  typingMs: 1_500, // show "typing…" first, as a person would
});

const outcome = await sends.send('sendText', { chatId: '447700900123@c.us', message: 'Your order has shipped' });
if (outcome.ok) {
  console.log(`sent as ${outcome.messageId}`);
} else {
  console.error(`not sent: ${outcome.error.message}`); // the client's typed error
}
// #endregion

await sends.close();
