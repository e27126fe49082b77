import type { AnyWebhookEvent } from '@wawp/webhooks-types';

/** What a webhook job carries: the parsed, validated event and the id it is deduplicated on. */
export interface WebhookJobData {
  id: string;
  event: AnyWebhookEvent;
  /** When the receiver stored it (ms since the epoch): queue latency = start - receivedAt. */
  receivedAt: number;
}

export const DEFAULT_WEBHOOK_QUEUE = 'wawp-webhooks';
/** The dead-letter queue of a webhook queue: jobs that failed every attempt. */
export const deadLetterQueueName = (queue: string): string => `${queue}-dead`;

export function checkQueueName(name: unknown, option = 'queue'): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(name)) {
    throw new TypeError(`${option} must be 1–100 letters, digits, '_', '.' or '-'`);
  }
  return name;
}
