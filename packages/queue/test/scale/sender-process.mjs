// One sending process of the scale test: a send queue for the sandbox's instance, with
// per-chat pacing and typing. It counts nothing itself: the sandbox's request journal is the
// record of what was sent, and when.
import { createWawp } from '@wawp/client/operations';
import { createSendQueue } from '@wawp/queue';

const { REDIS_URL, SANDBOX_URL, INSTANCE, ACCESS_TOKEN, PER_SECOND, PER_CHAT_MS, TYPING_MS, CHATS, FIRST, COUNT } =
  process.env;
const { WINDOW_MARGIN_MS } = process.env;

const client = createWawp({ baseUrl: SANDBOX_URL, instanceId: INSTANCE, accessToken: ACCESS_TOKEN });
const sends = await createSendQueue({
  url: REDIS_URL,
  client,
  instanceId: INSTANCE,
  perSecond: Number(PER_SECOND),
  perChatIntervalMs: Number(PER_CHAT_MS),
  typingMs: Number(TYPING_MS),
  windowMarginMs: Number(WINDOW_MARGIN_MS),
  concurrency: 4,
});
console.log('READY');
// Start together: the driver says go once every process is ready.
await new Promise((resolve) => process.stdin.once('data', resolve));
const outcomes = await Promise.all(
  Array.from({ length: Number(COUNT) }, (_, k) => {
    const n = Number(FIRST) + k;
    return sends.send('sendText', {
      chatId: `4477009${String(n % Number(CHATS)).padStart(5, '0')}@c.us`,
      message: `scale ${n}`,
    });
  }),
);
await sends.close();
const failed = outcomes.filter((o) => !o.ok).map((o) => o.error.message);
console.log(`RESULT ${JSON.stringify({ ok: outcomes.length - failed.length, failed })}`);
process.exit(0);
