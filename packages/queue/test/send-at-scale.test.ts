// Acceptance, at a smaller scale in `npm test`; `npm run scale -w @wawp/queue` runs 1,000.
// Every number comes from the sandbox's request journal: what the API received.
import { expect, test } from 'vitest';
import { sendAtScale } from './scale/send-at-scale.mjs';
import { JOURNAL_SLACK_MS } from './support/journal-slack.js';
import { redisUrl } from './support/names.js';

test('3 processes share one instance’s limit as the sandbox sees it: no second over N, chats paced, typing first, a 429 pauses all', async () => {
  const total = Number(process.env.SCALE_SENDS ?? 60);
  const perSecond = 30;
  // Ten sends per chat, one per 800 ms: in `npm test` (6 chats) the per-chat pace, not the
  // instance's, is what holds them back, so a pacing that did nothing would show gaps near 0.
  const chats = Math.max(6, Math.round(total / 10));
  const perChatMs = 800;
  const windowMarginMs = JOURNAL_SLACK_MS;
  const summary = await sendAtScale({
    redisUrl: redisUrl(),
    total,
    perSecond,
    chats,
    perChatMs,
    windowMarginMs,
    retryAfterS: 2,
    log: console.log,
  });
  expect(summary.failed).toEqual([]);
  expect(summary.ok).toBe(total);
  // Every send arrived once, plus the one refused with 429 and sent again.
  expect(summary.sendRequests).toBe(total + 1);
  expect(summary.otherRequests).toBe(0);
  // Typing and sends share the instance's limit.
  expect(summary.busiestSecond).toBeLessThanOrEqual(perSecond);
  // Each send had a typing indicator before it, in its own chat.
  expect(summary.untypedSends).toBe(0);
  expect(summary.typingRequests).toBeGreaterThanOrEqual(total + 1);
  expect(summary.chats).toBe(chats);
  // A chat's slot is granted in Redis before its request reaches the sandbox, and one stalled
  // sender shortens one gap by its stall (282 ms left of 800 was seen at load 21), so the
  // pacing is judged on the median gap: about 400 ms if only the instance's limit held them.
  expect(summary.medianChatGapMs).toBeGreaterThanOrEqual(perChatMs - 100);
  // The 429's Retry-After (2 s), read by the client as `retryAfterMs`, paused every process.
  expect(summary.planted429).toBe(true);
  expect(summary.quietAfter429Ms).toBeGreaterThanOrEqual(summary.retryAfterMs);
  // Only requests that already held a slot (at most one per sending slot) go out in the grace.
  expect(summary.sentWithinGraceAfter429).toBeLessThanOrEqual(12);
  // A pace, not a brake: as long as the slower of the two paces takes (sends and typing share
  // the instance's), twice over for a busy machine, plus the pause and the processes' start.
  const paceMs = Math.max((total / chats) * perChatMs, ((2 * total) / perSecond) * 1000);
  expect(summary.elapsedMs).toBeLessThan(paceMs * 2 + 2_000 + 15_000);
}, 300_000);
