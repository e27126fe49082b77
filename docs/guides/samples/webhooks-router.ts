// Receiving webhooks: one router, shared by the Node and Fetch adapters below.
import { createWebhookRouter } from '@wawp/webhooks-types';

export const router = createWebhookRouter()
  .on('message', (event) => {
    // `event.payload` is typed as the `message` event's payload.
    console.log(`message ${event.payload.id} from ${event.payload.from}`);
  })
  .on(['group.v2.join', 'group.v2.leave'], (event) => {
    console.log(`${event.event} in session ${event.session}`);
  })
  .onAny((event) => {
    console.debug(`delivery ${event.id}: ${event.event}`);
  })
  .onError((error, event) => {
    // The adapter answers 500 after this, so Wawp delivers the event again later.
    console.error(`handling ${event.event} failed`, error.errors);
  });
