// Retries: the client's policy, and opting a send in when a duplicate is acceptable.
import { createWawp } from '@wawp/client/operations';

// #region policy
const wawp = createWawp({
  instanceId: process.env.WAWP_INSTANCE_ID ?? '',
  accessToken: process.env.WAWP_ACCESS_TOKEN ?? '',
  timeoutMs: 15_000, // per attempt
  retry: {
    attempts: 4, // the first try and up to three retries
    baseDelayMs: 500, // backoff bound of the first retry; it doubles each time, with jitter
    maxDelayMs: 8_000,
    maxElapsedMs: 60_000, // no retry starts later than this
  },
});
// #endregion

// #region per-call
// Reads are retried by default. Sends (POST) are not, since a retried send can deliver the
// message twice; opt one in when that is acceptable, or turn retries off for one call.
await wawp.messages.sendText({ chatId: '447700900123@c.us', message: 'Status: all good' }, { retry: true });
await wawp.sessions.getInfo({}, { retry: false, timeoutMs: 5_000 });
// #endregion

// #region cancel
const controller = new AbortController();
setTimeout(() => controller.abort(), 2_000);
await wawp.chats.list({}, { signal: controller.signal });
// #endregion
