// Receiving webhooks by hand: verify the signature, then parse and narrow the event.
import { isKnownWebhookEvent, parseWebhook, verifySignature, WebhookParseError } from '@wawp/webhooks-types';

/** Returns the HTTP status to answer the delivery with. */
export async function handleDelivery(rawBody: string, headers: Headers, hmacKey: string): Promise<number> {
  // #region verify
  // Verify over the exact bytes received, before any JSON parsing.
  if (!(await verifySignature(rawBody, headers, { hmacKey }))) return 401;
  // #endregion

  // #region parse
  let event: ReturnType<typeof parseWebhook>;
  try {
    event = parseWebhook(rawBody);
  } catch (error) {
    if (error instanceof WebhookParseError) {
      console.warn(`rejected a delivery: ${error.message} (at ${error.path || 'the body'})`);
      return 400;
    }
    throw error;
  }
  // #endregion

  // #region narrow
  if (!isKnownWebhookEvent(event)) {
    console.info(`ignoring ${event.event}, which this version does not know`);
    return 200;
  }
  switch (event.event) {
    case 'message':
      console.log(`message from ${event.payload.from}: ${event.payload.body ?? '(no text)'}`);
      break;
    case 'session.status':
      console.log(`instance ${event.session} is now ${event.payload.status}`);
      break;
    default:
      break;
  }
  return 200;
  // #endregion
}
