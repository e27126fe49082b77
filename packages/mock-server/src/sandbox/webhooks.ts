// Webhook deliveries from state changes: each event goes, in the engine's envelope and signed
// like the engine signs it, to every target of the instance that subscribed to it. A failed
// delivery is tried again on the target's retry policy, on the sandbox clock, and every
// attempt is logged, so a test can see exactly what its receiver was sent and how it answered.

// The WebCrypto signer: the same signature as node:crypto's, without loading the receiver's
// validators that @wawp/webhooks-types/node carries (a tenth of the sandbox's start-up).
import { signPayload } from '@wawp/webhooks-types/verify';
import type { Clock } from './clock.js';
import { copyJson } from './copy.js';
import type { DeliveryFaultRule, FaultBook } from './faults.js';
import { matchesFields } from './match.js';
import { eventIdAt, type IdFactory, requestIdAt } from './random.js';
import { redact } from './redact.js';
import { hasKeys, type InstanceState, type WebhookTarget } from './state.js';

export interface RetryPolicy {
  attempts: number;
  delaySeconds: number;
  policy: string;
}

export interface DeliveryRecord {
  /** The envelope's `id`: the same for every attempt and duplicate of one event. */
  eventId: string;
  event: string;
  instanceId: string;
  /** The target, without query string or credentials. */
  url: string;
  /** 1 for the first try, 2 for the first retry… */
  attempt: number;
  /** When the attempt was made (sandbox clock, Unix ms). */
  at: number;
  /** The receiver's HTTP status; null when it could not be reached. */
  status: number | null;
  ok: boolean;
  error: string | null;
  requestId: string;
  signed: boolean;
  /** True for the copies a `duplicate` fault adds. */
  duplicate: boolean;
  /** True when a `badSignature` fault signed this attempt with the wrong key. */
  badSignature: boolean;
  /** The envelope as sent, credentials redacted. */
  body: Record<string, unknown>;
}

export interface DeliveryQuery {
  event?: string;
  instanceId?: string;
  eventId?: string;
  ok?: boolean;
}

export interface Dispatcher {
  /**
   * Queues `event` for every subscribed target of `instance`; false when no target subscribed
   * to it (then nothing is built, though the event still takes its id, so later ids do not
   * depend on who listens).
   */
  emit<A>(instance: InstanceState, event: string, payload: EventPayload<A>, arg?: A): boolean;
  deliveries(query?: DeliveryQuery): DeliveryRecord[];
  clear(): void;
  /** Called after each attempt is logged. */
  onDelivery(listener: (record: DeliveryRecord) => void): () => void;
}

/**
 * What an event carries: data (copied when the event happens), or a function that gives it
 * from the emit's `arg`, called only when some target listens (an ack nobody subscribed to
 * then builds nothing); what it gives is kept as it is, so it must be the event's own (a copy
 * nobody changes). A shared function and its `arg` make no closure per event.
 */
export type EventPayload<A = undefined> = Record<string, unknown> | ((arg: A) => Record<string, unknown>);

export interface DispatcherOptions {
  clock: Clock;
  ids: IdFactory;
  faults: FaultBook;
  /** The engine's defaults for fields a target's `retries` leaves out (read from the spec). */
  defaultRetries: RetryPolicy;
  /** Also deliver to hosts other than loopback. Off by default: a sandbox stays on the machine. */
  allowRemoteTargets?: boolean;
  /** Milliseconds to wait for a receiver's answer (real time). Default 10 000. */
  timeoutMs?: number;
  /** Stored records, oldest dropped first. Default 10 000. */
  limit?: number;
}

/**
 * One event, as every target is sent it: what it carries, taken when it happened (copies
 * nobody changes, so later changes to the state do not reach it), and put together into the
 * envelope, its id written out and its JSON text the first time a delivery or a reader needs
 * them. Most events of a busy sandbox go to a target it does not reach, whose records nobody
 * reads: those never build any of the three.
 */
class Sent {
  private madeId: string | undefined;
  private made: Record<string, unknown> | undefined;
  private json: string | undefined;

  constructor(
    /** When it happened (sandbox clock, Unix ms). */
    readonly at: number,
    /** Where its id lies in the id sequence (see `reserveEventId`). */
    private readonly idPosition: number,
    readonly event: string,
    private readonly session: string,
    private readonly metadata: Record<string, unknown> | null,
    private readonly engine: string,
    private readonly me: Record<string, unknown> | null,
    /** The engine version the scenario names, when it does: the envelope then has `environment`. */
    private readonly version: string | undefined,
    private readonly payload: Record<string, unknown>,
  ) {}

  get id(): string {
    this.madeId ??= eventIdAt(this.at, this.idPosition);
    return this.madeId;
  }

  get envelope(): Record<string, unknown> {
    if (!this.made) {
      // Built only when a delivery is sent or read, so fields added after the literal (one
      // more piece to keep) cost nothing per event; `environment` (only when the scenario
      // names the engine's version) goes before the payload, as the engine orders them.
      const envelope: Record<string, unknown> = {
        id: this.id,
        timestamp: this.at,
        event: this.event,
        session: this.session,
        metadata: this.metadata,
        engine: this.engine,
        me: this.me,
      };
      if (this.version !== undefined)
        envelope.environment = { version: this.version, engine: this.engine, tier: 'PLUS', browser: null };
      envelope.payload = this.payload;
      this.made = envelope;
    }
    return this.made;
  }

  /** What is sent and signed. */
  get text(): string {
    this.json ??= JSON.stringify(this.envelope);
    return this.json;
  }
}

interface Attempt {
  instance: InstanceState;
  target: WebhookTarget;
  sent: Sent;
  /** The tokens the record must not show: the instance's and the target's signing key. */
  secrets: readonly string[];
  attempt: number;
  duplicate: boolean;
  badSignature: boolean;
}

type AttemptFields = Omit<DeliveryRecord, 'body' | 'eventId' | 'event'>;
/** An attempt's own fields as logged: the request id as its place in the id sequence, or written out. */
type LoggedFields = Omit<AttemptFields, 'requestId'> & { requestId: string | number };

/**
 * One logged attempt: its fields as they are (queries filter on them), and the envelope
 * redacted the first time someone reads the record (a busy sandbox that nobody asks redacts
 * nothing). It keeps only the event and the tokens of its attempt, not the attempt itself.
 */
class Logged {
  private shown: DeliveryRecord | undefined;
  /** Written out on first read when the attempt never sent it (see `reserveRequestId`). */
  private requestId: string | number;
  private sent: Sent | undefined;
  private secrets: readonly string[];
  readonly event: string;
  readonly instanceId: string;
  readonly url: string;
  readonly attempt: number;
  readonly at: number;
  readonly status: number | null;
  readonly ok: boolean;
  readonly error: string | null;
  readonly signed: boolean;
  readonly duplicate: boolean;
  readonly badSignature: boolean;

  constructor(fields: LoggedFields, job: Attempt) {
    this.sent = job.sent;
    this.secrets = job.secrets;
    this.event = job.sent.event;
    this.instanceId = fields.instanceId;
    this.url = fields.url;
    this.attempt = fields.attempt;
    this.at = fields.at;
    this.status = fields.status;
    this.ok = fields.ok;
    this.error = fields.error;
    this.requestId = fields.requestId;
    this.signed = fields.signed;
    this.duplicate = fields.duplicate;
    this.badSignature = fields.badSignature;
  }

  /** The envelope's `id` (queries filter on it too). */
  get eventId(): string {
    return this.shown ? this.shown.eventId : (this.sent as Sent).id;
  }

  record(): DeliveryRecord {
    if (!this.shown) {
      const sent = this.sent as Sent;
      this.shown = {
        eventId: sent.id,
        event: this.event,
        instanceId: this.instanceId,
        url: this.url,
        attempt: this.attempt,
        at: this.at,
        status: this.status,
        ok: this.ok,
        error: this.error,
        requestId: typeof this.requestId === 'string' ? this.requestId : requestIdAt(this.requestId),
        signed: this.signed,
        duplicate: this.duplicate,
        badSignature: this.badSignature,
        body: redact(sent.envelope, this.secrets),
      };
      this.sent = undefined;
      this.secrets = [];
    }
    return this.shown;
  }
}

/**
 * The tokens a target's records must not show, one list per target for as long as they stay
 * the same: every event of an instance reaches each of its targets.
 */
const secretLists = new WeakMap<WebhookTarget, readonly string[]>();
function secretsOf(instance: InstanceState, target: WebhookTarget): readonly string[] {
  const key = target.hmac?.key ?? '';
  const known = secretLists.get(target);
  if (known && known[0] === instance.accessToken && known[1] === key) return known;
  const made = Object.freeze([instance.accessToken, key]);
  secretLists.set(target, made);
  return made;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** A held (reordered) delivery goes out at the latest after this long, even if nothing follows it. */
const REORDER_HOLD_MS = 1000;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { clock, ids, faults } = options;
  const limit = options.limit ?? 10_000;
  let records: Logged[] = [];
  const listeners = new Set<(record: DeliveryRecord) => void>();
  /** Per instance and target: deliveries held back by a `reorder` fault, sent after the next one. */
  const held = new Map<string, Attempt[]>();

  const log = (job: Attempt, fields: LoggedFields) => {
    const logged = new Logged(fields, job);
    records.push(logged);
    if (records.length > limit + limit / 10) records = records.slice(records.length - limit);
    if (listeners.size > 0) {
      const record = logged.record();
      for (const listener of listeners) listener(record);
    }
  };

  // Targets are few and every event reaches each of them: each URL is read once, with what
  // every record of it shows (read only).
  const urls = new Map<string, TargetUrl>();
  const urlOf = (text: string): TargetUrl => {
    let known = urls.get(text);
    if (!known) {
      if (urls.size >= 256) urls.clear();
      const url = safeUrl(text);
      known = {
        url,
        shown: url ? `${url.origin}${url.pathname}` : '(invalid URL)',
        reachable: url !== undefined && (options.allowRemoteTargets === true || LOOPBACK.has(url.hostname)),
        refusal: url
          ? `Not delivered: ${url.host} is not a loopback address (the sandbox only delivers on this machine).`
          : 'The webhook URL is not a valid http(s) URL.',
      };
      urls.set(text, known);
    }
    return known;
  };

  const policyOf = (target: WebhookTarget): RetryPolicy => ({
    attempts: Math.max(1, Math.floor(target.retries?.attempts ?? options.defaultRetries.attempts)),
    delaySeconds: Math.max(0, target.retries?.delaySeconds ?? options.defaultRetries.delaySeconds),
    policy: target.retries?.policy ?? options.defaultRetries.policy,
  });

  /** One attempt, logged; synchronous when nothing is sent (a target the sandbox does not reach). */
  const send = (job: Attempt): Promise<void> | undefined => {
    const target = urlOf(job.target.url);
    const requestId = ids.reserveRequestId();
    const fields: LoggedFields = {
      instanceId: job.instance.id,
      url: target.shown,
      attempt: job.attempt,
      at: clock.now(),
      status: null,
      ok: false,
      error: null,
      requestId,
      signed: job.target.hmac?.key !== undefined || job.badSignature,
      duplicate: job.duplicate,
      badSignature: job.badSignature,
    };
    if (target.url && target.reachable) {
      fields.requestId = requestIdAt(requestId);
      return post(job, target.url, fields.requestId, fields);
    }
    fields.error = target.refusal;
    log(job, fields);
    // A target the sandbox does not reach is not retried: it is not wrong, the sandbox just
    // never leaves the machine. An invalid URL is retried like a failed delivery.
    if (!target.url) retry(job);
    return undefined;
  };

  const post = async (job: Attempt, url: URL, requestId: string, fields: LoggedFields) => {
    const { target } = job;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'wawp-mock-sandbox',
      'x-webhook-request-id': requestId,
      // The delivery's own time is the wall clock's, as a real delivery's is, even when the
      // sandbox clock is manual: receivers check it against their clock to refuse replays
      // (the envelope and the payload keep sandbox time). Stripe's test clocks do the same.
      'x-webhook-timestamp': String(Date.now()),
    };
    for (const header of target.customHeaders ?? []) headers[header.name.toLowerCase()] = header.value;
    const key = target.hmac?.key;
    if (fields.signed) {
      headers['x-webhook-hmac'] = await signPayload(
        job.sent.text,
        job.badSignature ? `${key ?? ''}-wrong-key` : (key as string),
      );
      headers['x-webhook-hmac-algorithm'] = 'sha512';
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: job.sent.text,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      fields.status = response.status;
      fields.ok = response.ok;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      fields.error =
        (error as Error).name === 'TimeoutError'
          ? 'The receiver did not answer in time.'
          : `Could not connect: ${cause?.code ?? (error as Error).message}`;
    }
    log(job, fields);
    if (!fields.ok) retry(job);
  };

  /** Schedules the next attempt of a failed one, while the target's retry policy allows. */
  const retry = (job: Attempt) => {
    if (job.duplicate) return;
    const policy = policyOf(job.target);
    if (job.attempt >= policy.attempts) return;
    clock.schedule(retryDelayMs(policy, job.attempt), () => send({ ...job, attempt: job.attempt + 1 }));
  };

  const holdKey = (job: Attempt) => `${job.instance.id} ${job.target.url}`;
  const flushHeld = async (key: string) => {
    const waiting = held.get(key);
    if (!waiting || waiting.length === 0) return;
    held.delete(key);
    for (const job of waiting.reverse()) await send(job);
  };

  /**
   * Sends `first`, then `copies` duplicates of it, then what a `reorder` fault held back for
   * its target. The common case (no fault, a target the sandbox does not reach, nothing held)
   * stays synchronous.
   */
  const deliver = (first: Attempt, copies: number) => {
    const sent = send(first);
    const more = sent !== undefined || copies > 0;
    if (!more && held.size === 0) return undefined;
    const key = holdKey(first);
    if (!more && !held.has(key)) return undefined;
    return (async () => {
      await sent;
      for (let i = 0; i < copies; i++) await send({ ...first, duplicate: true });
      await flushHeld(key);
    })();
  };

  /**
   * A delivery no fault touches, as `dispatch` makes it: one task for all of them, with its
   * attempt as the argument (a closure each went through V8's lazy compile on its first call).
   */
  const deliverPlain = (job: Attempt) => deliver(job, 0);

  const dispatch = (job: Attempt, rules: DeliveryFaultRule['webhooks'][]) => {
    if (rules.length === 0) {
      clock.schedule(0, deliverPlain, job);
      return;
    }
    let delayMs = 0;
    let copies = 0;
    let reorder = false;
    let badSignature = false;
    for (const rule of rules) {
      delayMs += rule.delayMs ?? 0;
      copies += rule.duplicate ?? 0;
      reorder ||= Boolean(rule.reorder);
      badSignature ||= Boolean(rule.badSignature);
    }
    const first = badSignature ? { ...job, badSignature } : job;
    clock.schedule(delayMs, () => {
      if (reorder) {
        const key = holdKey(job);
        const waiting = held.get(key) ?? [];
        waiting.push(first);
        held.set(key, waiting);
        clock.schedule(REORDER_HOLD_MS, () => flushHeld(key));
        return undefined;
      }
      return deliver(first, copies);
    });
  };

  return {
    emit(instance, event, payload, arg) {
      const targets = subscribed(instance.webhooks, event);
      if (targets.length === 0) {
        // The event still takes its id, so later ids do not depend on who listens.
        ids.skipEventId();
        return false;
      }
      // Read after the check: most events of a busy sandbox (acks) go to nobody.
      const now = clock.now();
      // Everything the event carries, as it is now: a copy of the payload (often the state's
      // own object, a message that acks will change), and the instance's `me` and metadata,
      // which are frozen and replaced when they change, so the log shows them as they were.
      const version = instance.engine.version;
      const sent = new Sent(
        now,
        ids.reserveEventId(),
        event,
        instance.name,
        hasKeys(instance.metadata) ? instance.metadata : null,
        (instance.engine.name as string | undefined) ?? 'GOWS',
        instance.linked ? instance.me : null,
        typeof version === 'string' ? version : undefined,
        typeof payload === 'function' ? payload(arg as never) : copyJson(payload),
      );
      const rules = faults.forDelivery(event, instance.id, now);
      for (const target of targets) {
        const secrets = secretsOf(instance, target);
        dispatch({ instance, target, sent, secrets, attempt: 1, duplicate: false, badSignature: false }, rules);
      }
      return true;
    },
    deliveries(query = {}) {
      const out: DeliveryRecord[] = [];
      for (const logged of records) if (matchesFields<DeliveryQuery>(logged, query)) out.push(logged.record());
      return out;
    },
    clear() {
      records = [];
      held.clear();
    },
    onDelivery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A target's URL as read once: parsed (undefined when invalid), as records show it, reachable or why not. */
interface TargetUrl {
  url: URL | undefined;
  shown: string;
  reachable: boolean;
  refusal: string;
}

const listensTo = (target: WebhookTarget, event: string): boolean =>
  target.events.includes(event) || target.events.includes('*');

/** No target, read only: what most events (acks nobody subscribed to) get. */
const NO_TARGETS: readonly WebhookTarget[] = Object.freeze([]);

/** The targets that subscribed to `event`; a list is made only when one has (most events reach nobody). */
function subscribed(targets: readonly WebhookTarget[], event: string): readonly WebhookTarget[] {
  let first = 0;
  while (first < targets.length && !listensTo(targets[first] as WebhookTarget, event)) first++;
  if (first === targets.length) return NO_TARGETS;
  const out = [targets[first] as WebhookTarget];
  for (let i = first + 1; i < targets.length; i++)
    if (listensTo(targets[i] as WebhookTarget, event)) out.push(targets[i] as WebhookTarget);
  return out;
}

/** Milliseconds before retry number `attempt` (1 = the wait after the first try failed). */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const base = policy.delaySeconds * 1000;
  if (policy.policy === 'linear') return base * attempt;
  if (policy.policy === 'exponential') return base * 2 ** (attempt - 1);
  return base;
}

function safeUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
