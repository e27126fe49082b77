// A receiver for Fetch-style servers: a Next.js route handler here; the same `handle` serves
// Deno.serve(handle), Bun.serve({ fetch: handle }), a Worker's `fetch`, or Hono's c.req.raw.
import { createFetchHandler, createWebhookRouter } from '@wawp/webhooks-types';

const delivered = new Map<string, number>();
const router = createWebhookRouter().on('message.ack', (event) => {
  delivered.set(event.payload.id, event.payload.ack);
});

// Creating the handler throws a WebhookOptionError if the variable is unset: the deployment
// fails at start-up instead of accepting unsigned deliveries.
const handle = createFetchHandler({ router, hmacKey: process.env.WAWP_WEBHOOK_HMAC_KEY as string });

export const POST = (request: Request): Promise<Response> => handle(request);
