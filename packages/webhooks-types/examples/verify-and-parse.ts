// The pieces on their own: verify, check the time window, parse, narrow. Returns the status to answer.
import {
  isKnownWebhookEvent,
  parseWebhook,
  verifySignature,
  verifyTimestamp,
  WebhookParseError,
} from '@wawp/webhooks-types';

export async function handleDelivery(rawBody: Uint8Array, headers: Headers, hmacKeys: string[]): Promise<number> {
  // Over the exact bytes received, before any JSON parsing; several keys while rotating.
  if (!(await verifySignature(rawBody, headers, { hmacKey: hmacKeys }))) return 401;
  if (!verifyTimestamp(headers)) return 401;
  try {
    const event = parseWebhook(rawBody); // WawpWebhookEvent | UnknownWebhookEvent
    if (isKnownWebhookEvent(event) && event.event === 'presence.update') {
      console.log('presence of', event.payload);
    }
    return 200;
  } catch (error) {
    if (error instanceof WebhookParseError) {
      console.warn(`refused: ${error.message} (at ${error.path || 'the body'})`);
      return 400;
    }
    throw error;
  }
}
