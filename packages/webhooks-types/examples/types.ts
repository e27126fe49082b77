// The generated types on their own: type-only imports add no bytes to a bundle.
import type { MessageEvent, WawpWebhookEvent, WebhookEventName, WebhookPayloadMap } from '@wawp/webhooks-types';

export function describeEvent(event: WawpWebhookEvent): string {
  if (event.event === 'message') return `message from ${(event satisfies MessageEvent).payload.from}`;
  return `${event.event satisfies WebhookEventName}`;
}

export type AckPayload = WebhookPayloadMap['message.ack'];
