// The receiver core with its dispatch step replaced, as a queue uses it: every check and every
// documented answer stay the same, but deliveries are stored for later instead of handled now.
import { type AnyWebhookEvent, createReceiver, WebhookUnavailableError } from '@wawp/webhooks-types';

const queue: { id: string; event: AnyWebhookEvent }[] = [];
const MAX_QUEUED = 10_000;

export const receiver = createReceiver(
  { hmacKey: process.env.WAWP_WEBHOOK_HMAC_KEY as string },
  {
    async dispatch(event, { id }) {
      // Answered 503 with Retry-After: the sender keeps the delivery and tries again later.
      if (queue.length >= MAX_QUEUED) throw new WebhookUnavailableError('the queue is full');
      queue.push({ id, event });
    },
  },
);
