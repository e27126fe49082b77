// The replay window: a delivery whose timestamp header is far from the receiver's clock is a
// captured delivery sent again (or a clock that is badly wrong). The rule and the header's
// form are the spec's (DeliveryHeaders: X-Webhook-Timestamp).
import { deliveryHeaderNames, timestampPattern } from '../generated/contract.js';
import { positiveInteger } from '../option-error.js';
import { type HeadersLike, readHeader } from './headers.js';

export const TIMESTAMP_HEADER = deliveryHeaderNames.timestamp;
/** Five minutes each way, as Standard Webhooks and most senders' receivers use. */
const TIMESTAMP = TIMESTAMP_HEADER.toLowerCase();
export const DEFAULT_TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

export type TimestampCheck = 'ok' | 'badTimestamp' | 'staleTimestamp';

/**
 * When the delivery was made, in Unix milliseconds: 13 digits are milliseconds (what the
 * engine sends), 10 digits are seconds. Undefined when the header is missing or is anything
 * else (signs, decimals, spaces, a date string, a header sent twice with different values).
 */
export function readDeliveryTime(headers: HeadersLike): number | undefined {
  const value = readHeader(headers, TIMESTAMP);
  if (value === undefined || (value.length !== 13 && value.length !== 10) || !timestampPattern.test(value)) {
    return undefined;
  }
  const n = Number(value);
  return value.length === 10 ? n * 1000 : n;
}

/** Checks the delivery time against `now` ± `toleranceMs`. */
export function checkTimestamp(headers: HeadersLike, toleranceMs: number, now: number): TimestampCheck {
  const sentAt = readDeliveryTime(headers);
  if (sentAt === undefined) return 'badTimestamp';
  return Math.abs(now - sentAt) <= toleranceMs ? 'ok' : 'staleTimestamp';
}

export interface VerifyTimestampOptions {
  /** How far the delivery time may be from `now`, each way, in milliseconds. Default 300,000 (5 minutes). */
  toleranceMs?: number;
  /** The receiver's clock, in Unix milliseconds. Default `Date.now()`. */
  now?: number;
}

/**
 * True when `X-Webhook-Timestamp` is a Unix time within the tolerance of now. Check it after
 * the signature: the header is not signed, so it only refuses a captured delivery replayed
 * as it was; dropping duplicates by the (signed) event id does the rest.
 */
export function verifyTimestamp(headers: HeadersLike, options: VerifyTimestampOptions = {}): boolean {
  const toleranceMs = positiveInteger('toleranceMs', options.toleranceMs, DEFAULT_TIMESTAMP_TOLERANCE_MS);
  return checkTimestamp(headers, toleranceMs, options.now ?? Date.now()) === 'ok';
}
