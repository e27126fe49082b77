// Receiving webhooks in any runtime with the Fetch API: Bun, Deno, Cloudflare Workers,
// Next.js route handlers, Hono.
import { createFetchHandler } from '@wawp/webhooks-types';
import { router } from './webhooks-router.js';

const handleWebhook = createFetchHandler({
  router,
  hmacKey: process.env.WAWP_WEBHOOK_HMAC_KEY ?? '',
});

// Bun and Cloudflare Workers take this default export as the server;
// in Deno: `Deno.serve(handleWebhook)`; in Next.js: `export const POST = handleWebhook`.
export default { fetch: handleWebhook };
