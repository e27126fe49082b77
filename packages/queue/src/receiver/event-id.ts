import { createHash } from 'node:crypto';
import type { AnyWebhookEvent } from '@wawp/webhooks-types';

/**
 * The id an event is known by: the envelope's `id`, else a digest of the event, so a
 * redelivery of the same bytes still maps to the same job.
 */
export function eventIdOf(event: AnyWebhookEvent): string {
  const id = (event as { id?: unknown }).id;
  if (typeof id === 'string' && id.length > 0) return id;
  return `body-${createHash('sha256').update(JSON.stringify(event)).digest('hex')}`;
}
