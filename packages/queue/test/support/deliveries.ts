// Signed deliveries exactly as the mock's emitter builds them (envelope, headers, HMAC).
import { buildEnvelope, deliveryHeaders } from '@wawp/mock-server';

export const HMAC_KEY = 'test-hmac-key';

export interface Delivery {
  id: string;
  body: string;
  headers: Record<string, string>;
}

/** A fresh `message` event, signed. */
export function signedDelivery(event = 'message', hmacKey = HMAC_KEY): Delivery {
  const envelope = buildEnvelope({ event });
  const body = JSON.stringify(envelope);
  return { id: envelope.id as string, body, headers: deliveryHeaders(body, hmacKey) };
}

/** The same bytes again, as the engine's retry sends them: a new request id, same signature. */
export function redelivery(delivery: Delivery): Delivery {
  return { ...delivery, headers: { ...delivery.headers, 'x-webhook-request-id': crypto.randomUUID() } };
}

export const asRequest = (delivery: Delivery, url = 'http://receiver.test/hook'): Request =>
  new Request(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
