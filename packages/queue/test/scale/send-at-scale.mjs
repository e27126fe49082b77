// The multi-process sending run: three processes send for one sandbox instance through their
// own send queues, sharing its limit through Redis. Everything is measured on the sandbox's
// request journal (what the API received, and when): the count, the busiest second, the gaps
// per chat, typing before each send, and the quiet after one planted 429 with a Retry-After.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createWawp } from '@wawp/client/operations';
import { startSandbox } from '@wawp/mock-server';

const here = import.meta.dirname;

/** The most requests in any window of `windowMs`. */
export function busiestWindow(times, windowMs = 1_000) {
  return busiestWindowAt(times, windowMs).count;
}

/** The most requests in any window of `windowMs`, and when that window starts. */
export function busiestWindowAt(times, windowMs = 1_000) {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let at;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    if (end - start + 1 > most) {
      most = end - start + 1;
      at = sorted[start];
    }
  }
  return { count: most, at };
}

function readResult(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)));
      else reject(new Error(`a sender exited with ${code}: ${out.slice(-500)}`));
    });
  });
}

function ready(child) {
  return new Promise((resolve) => {
    const onData = (chunk) => {
      if (!String(chunk).includes('READY')) return;
      child.stdout.off('data', onData);
      resolve();
    };
    child.stdout.on('data', onData);
  });
}

/** Per chat: the gaps between two sends (smallest, median), and whether each send had its own typing before it. */
function perChat(journal) {
  const byChat = new Map();
  for (const entry of journal) {
    const chat = entry.params.chatId;
    if (!byChat.has(chat)) byChat.set(chat, []);
    byChat.get(chat).push(entry);
  }
  let smallestGapMs = Number.POSITIVE_INFINITY;
  const gaps = [];
  let untypedSends = 0;
  for (const entries of byChat.values()) {
    let typed = 0;
    let lastSend;
    for (const entry of entries) {
      if (entry.operationId === 'startTyping') typed++;
      else if (typed > 0) typed--;
      else untypedSends++;
      if (entry.operationId !== 'sendText' || entry.status !== 200) continue;
      if (lastSend !== undefined) gaps.push(entry.at - lastSend);
      lastSend = entry.at;
    }
  }
  gaps.sort((a, b) => a - b);
  smallestGapMs = gaps[0] ?? smallestGapMs;
  return { chats: byChat.size, smallestGapMs, medianGapMs: gaps[Math.floor(gaps.length / 2)], untypedSends };
}

export async function sendAtScale({
  redisUrl,
  total = 1_000,
  perSecond = 50,
  perChatMs = 400,
  typingMs = 20,
  chats = 12,
  windowMarginMs = 150,
  retryAfterS = 2,
  log = () => {},
}) {
  const sandbox = await startSandbox({ port: 0 });
  const { instanceId } = sandbox;
  const counts = [Math.ceil(total / 3), Math.floor(total / 3), total - Math.ceil(total / 3) - Math.floor(total / 3)];
  let first = 0;
  const children = counts.map((count) => {
    const child = spawn(process.execPath, [join(here, 'sender-process.mjs')], {
      env: {
        ...process.env,
        REDIS_URL: redisUrl,
        SANDBOX_URL: sandbox.url,
        INSTANCE: instanceId,
        ACCESS_TOKEN: sandbox.accessToken,
        PER_SECOND: String(perSecond),
        PER_CHAT_MS: String(perChatMs),
        TYPING_MS: String(typingMs),
        CHATS: String(chats),
        WINDOW_MARGIN_MS: String(windowMarginMs),
        FIRST: String(first),
        COUNT: String(count),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    first += count;
    return child;
  });
  let planter;
  try {
    const results = children.map(readResult);
    await Promise.all(children.map(ready));
    // The journal stamps a request when it is answered, and the sandbox compiles an
    // operation's validator on its first call: warm both operations up, or the first
    // requests are all answered at once after the compile and look like a burst.
    const warm = createWawp({ baseUrl: sandbox.url, instanceId, accessToken: sandbox.accessToken });
    await warm.messages.startTyping({ chatId: '447700999999@c.us' });
    await warm.messages.sendText({ chatId: '447700999999@c.us', message: 'warm-up' });
    sandbox.clearRequests();
    const started = Date.now();
    for (const child of children) child.stdin.write('go\n');
    // A third of the way through, the API refuses one send with 429 and a Retry-After.
    planter = setInterval(() => {
      if (sandbox.requests({ operationId: 'sendText' }).length < total / 3) return;
      clearInterval(planter);
      sandbox.fault({ operationId: 'sendText', instanceId, status: 429, retryAfter: retryAfterS, times: 1 });
    }, 20);
    const outcomes = await Promise.all(results);
    const elapsedMs = Date.now() - started;
    const journal = sandbox.requests({ instanceId }).sort((a, b) => a.at - b.at);
    const sent = journal.filter((e) => e.operationId === 'sendText');
    const refused = sent.find((e) => e.status === 429);
    // Requests that had already taken their slot when the 429 came back still go out; the
    // pause is written within a round trip or two. Everything after that must wait.
    const GRACE_MS = 250;
    const afterRefusal = refused ? journal.filter((e) => e.at > refused.at + GRACE_MS) : [];
    const busiest = busiestWindowAt(journal.map((e) => e.at));
    const { chats: chatsSeen, smallestGapMs, medianGapMs, untypedSends } = perChat(journal);
    const summary = {
      sends: total,
      perSecond,
      ok: outcomes.reduce((n, r) => n + r.ok, 0),
      failed: outcomes.flatMap((r) => r.failed),
      sendRequests: sent.length,
      typingRequests: journal.filter((e) => e.operationId === 'startTyping').length,
      otherRequests: journal.filter((e) => e.operationId !== 'sendText' && e.operationId !== 'startTyping').length,
      busiestSecond: busiest.count,
      busiestSecondStartsMs: busiest.at - started,
      refusedAtMs: refused ? refused.at - started : undefined,
      chats: chatsSeen,
      smallestChatGapMs: smallestGapMs,
      medianChatGapMs: medianGapMs,
      untypedSends,
      planted429: Boolean(refused),
      quietAfter429Ms: afterRefusal.length > 0 ? afterRefusal[0].at - refused.at : undefined,
      sentWithinGraceAfter429: refused
        ? journal.filter((e) => e.at > refused.at && e.at <= refused.at + GRACE_MS).length
        : 0,
      retryAfterMs: retryAfterS * 1000,
      elapsedMs,
      requestsPerSecond: Math.round((journal.length / elapsedMs) * 1000),
    };
    log(`send-scale: ${JSON.stringify(summary)}`);
    return summary;
  } finally {
    clearInterval(planter);
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await sandbox.close();
  }
}
