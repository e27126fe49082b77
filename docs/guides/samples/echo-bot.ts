// The bot under test: it answers every text a contact sends with the same text, quoting the
// message it answers. It is a webhook router plus a client; nothing in it knows about tests.
import type { Wawp } from '@wawp/client/operations';
import { createWebhookRouter, type WebhookRouter } from '@wawp/webhooks-types/router';

export function echoBot(wawp: Wawp): WebhookRouter {
  return createWebhookRouter().on('message', async (event) => {
    const { from, body, id, fromMe } = event.payload;
    if (fromMe || !body) return;
    // A send is a POST, which the client does not retry unless asked: here it is safe,
    // because a 429 means the message was not sent.
    await wawp.messages.sendText({ chatId: from, message: body, reply_to: id }, { retry: true });
  });
}
