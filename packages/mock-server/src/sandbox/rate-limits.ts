// The sending policy's limits, enforced on sends (v1's and v2's: one instance, one policy):
// `send_message_per_minute` over the last minute and `send_message_daily_cap` over the last
// day of sandbox time. A send over a limit is refused with 429 and a Retry-After that says
// when the oldest send counted leaves the window.
import type { DocumentedPolicies } from './spec-answers.js';
import type { InstanceState } from './state.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The operations that send a message (the ones a sending policy counts). */
export const SEND_OPERATIONS: ReadonlySet<string> = new Set([
  'sendText',
  'sendImage',
  'sendFile',
  'sendVoice',
  'sendVideo',
  'sendAudio',
  'sendLinkPreview',
  'sendLocation',
  'sendPoll',
  'sendContactVcard',
  'sendList',
  'sendEvent',
]);

/** Seconds to wait when the send would break the policy in force, else undefined (and the send is counted). */
export function takeSendSlot(instance: InstanceState, documented: DocumentedPolicies, now: number): number | undefined {
  const policy = documented.policies.find((p) => p.slug === instance.rateLimitPolicy);
  if (!policy) return undefined;
  instance.sentAt = instance.sentAt.filter((at) => at > now - DAY);
  for (const [name, window] of [
    ['send_message_per_minute', MINUTE],
    ['send_message_daily_cap', DAY],
  ] as const) {
    const limit = policy.limits[name];
    if (typeof limit !== 'number') continue;
    const inWindow = instance.sentAt.filter((at) => at > now - window);
    if (inWindow.length >= limit) {
      const oldest = inWindow[inWindow.length - limit] ?? now;
      return Math.max(1, Math.ceil((oldest + window - now) / 1000));
    }
  }
  instance.sentAt.push(now);
  return undefined;
}
