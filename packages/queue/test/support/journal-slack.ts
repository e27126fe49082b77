/**
 * The sandbox's journal stamps a request when it answers it. On a loaded 2-core machine a
 * sender can stall for a few hundred ms between taking its slot in Redis and the request
 * arriving, so tests that measure pacing on the journal give the limiter this much slack
 * (`windowMarginMs`: the option exists for network jitter, which is the same thing) and allow
 * a per-chat gap to look shorter by as much.
 */
export const JOURNAL_SLACK_MS = 400;
