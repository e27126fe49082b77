// Fault injection: rules that make API answers or webhook deliveries misbehave on purpose,
// N times or for a while, so a test can prove its code survives them.

/** Makes an operation answer with an error, slowly, or not at all. */
export interface ApiFaultRule {
  /** The operation to hit, e.g. `sendText`; every operation when absent. */
  operationId?: string;
  /** Only this instance's calls. */
  instanceId?: string;
  /** Answer this status (its documented error body when the spec has one). */
  status?: number;
  /** With `status`: the Retry-After header, in seconds. */
  retryAfter?: number;
  /** Wait this long before answering (or before dropping). */
  latencyMs?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Apply to the next N matching calls only. */
  times?: number;
  /** Apply for this many milliseconds of sandbox time from now. */
  forMs?: number;
}

/** Rate limiting as the service applies it: past `limit` calls in `windowMs`, 429 + Retry-After. */
export interface RateLimitRule {
  rateLimit: { limit: number; windowMs: number };
  operationId?: string;
  instanceId?: string;
  forMs?: number;
}

/** Makes webhook deliveries misbehave, to test receivers. */
export interface DeliveryFaultRule {
  webhooks: {
    /** Send each matching delivery this many extra times (same event id). */
    duplicate?: number;
    /** Hold matching deliveries and send them in reverse order when the hold ends. */
    reorder?: boolean;
    /** Delay each matching delivery by this many milliseconds. */
    delayMs?: number;
    /** Sign with a wrong key. */
    badSignature?: boolean;
  };
  /** Only this event, e.g. `message.ack`. */
  event?: string;
  instanceId?: string;
  times?: number;
  forMs?: number;
}

export type FaultRule = ApiFaultRule | RateLimitRule | DeliveryFaultRule;

export interface ActiveFault {
  id: string;
  rule: FaultRule;
  remaining: number | null;
  until: number | null;
  /** Call times inside the current window, for rate limits. */
  hits: number[];
}

/** What the API should do for one call. */
export type ApiFaultOutcome =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'status'; status: number; retryAfter?: number; latencyMs: number }
  | { kind: 'drop'; latencyMs: number };

/** What a call meets when no fault applies. */
export const NO_FAULT: ApiFaultOutcome = Object.freeze({ kind: 'none', latencyMs: 0 });

export class FaultRuleError extends Error {
  override readonly name = 'FaultRuleError';
}

export interface FaultBook {
  add(rule: unknown, now: number): ActiveFault;
  remove(id?: string): number;
  list(): ActiveFault[];
  /** Decides what an API call meets, consuming a `times` use of each rule that applies. */
  forCall(operationId: string, instanceId: string | null, now: number): ApiFaultOutcome;
  /** The delivery faults that apply to one event, consuming their uses. */
  forDelivery(event: string, instanceId: string, now: number): DeliveryFaultRule['webhooks'][];
}

export function createFaultBook(): FaultBook {
  let faults: ActiveFault[] = [];
  let counter = 0;

  const live = (now: number) => {
    // Most sandboxes have no fault: asked on every call, the empty book stays as it is.
    if (faults.length === 0) return faults;
    faults = faults.filter((f) => (f.remaining === null || f.remaining > 0) && (f.until === null || now < f.until));
    return faults;
  };
  const matches = (
    rule: { operationId?: string; instanceId?: string },
    operationId: string,
    instanceId: string | null,
  ) =>
    (rule.operationId === undefined || rule.operationId === operationId) &&
    (rule.instanceId === undefined || rule.instanceId === instanceId);
  const use = (fault: ActiveFault) => {
    if (fault.remaining !== null) fault.remaining--;
  };

  return {
    add(input, now) {
      const rule = checkRule(input);
      const fault: ActiveFault = {
        id: `fault_${++counter}`,
        rule,
        remaining: 'times' in rule && rule.times !== undefined ? rule.times : null,
        until: rule.forMs !== undefined ? now + rule.forMs : null,
        hits: [],
      };
      faults.push(fault);
      return fault;
    },
    remove(id) {
      const before = faults.length;
      faults = id === undefined ? [] : faults.filter((f) => f.id !== id);
      return before - faults.length;
    },
    list: () => faults,
    forCall(operationId, instanceId, now) {
      if (faults.length === 0) return NO_FAULT;
      let latencyMs = 0;
      for (const fault of live(now)) {
        const rule = fault.rule;
        if ('webhooks' in rule || !matches(rule, operationId, instanceId)) continue;
        if ('rateLimit' in rule) {
          const { limit, windowMs } = rule.rateLimit;
          fault.hits = fault.hits.filter((t) => t > now - windowMs);
          if (fault.hits.length >= limit) {
            const oldest = fault.hits[0] as number;
            return {
              kind: 'status',
              status: 429,
              retryAfter: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
              latencyMs,
            };
          }
          fault.hits.push(now);
          continue;
        }
        use(fault);
        latencyMs += rule.latencyMs ?? 0;
        if (rule.drop) return { kind: 'drop', latencyMs };
        if (rule.status !== undefined) {
          return {
            kind: 'status',
            status: rule.status,
            ...(rule.retryAfter !== undefined ? { retryAfter: rule.retryAfter } : {}),
            latencyMs,
          };
        }
      }
      return { kind: 'none', latencyMs };
    },
    forDelivery(event, instanceId, now) {
      const out: DeliveryFaultRule['webhooks'][] = [];
      for (const fault of live(now)) {
        const rule = fault.rule;
        if (!('webhooks' in rule)) continue;
        if (rule.event !== undefined && rule.event !== event) continue;
        if (rule.instanceId !== undefined && rule.instanceId !== instanceId) continue;
        use(fault);
        out.push(rule.webhooks);
      }
      return out;
    },
  };
}

const API_KEYS = new Set(['operationId', 'instanceId', 'status', 'retryAfter', 'latencyMs', 'drop', 'times', 'forMs']);
const RATE_KEYS = new Set(['rateLimit', 'operationId', 'instanceId', 'forMs']);
const DELIVERY_KEYS = new Set(['webhooks', 'event', 'instanceId', 'times', 'forMs']);
const DELIVERY_OPTIONS = new Set(['duplicate', 'reorder', 'delayMs', 'badSignature']);

/** Checks a rule from a control call or a test; the error names the field that is wrong. */
export function checkRule(input: unknown): FaultRule {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new FaultRuleError('A fault must be a JSON object.');
  const rule = input as Record<string, unknown>;
  const allowed = 'webhooks' in rule ? DELIVERY_KEYS : 'rateLimit' in rule ? RATE_KEYS : API_KEYS;
  for (const key of Object.keys(rule)) {
    if (!allowed.has(key))
      throw new FaultRuleError(`Unknown fault field "${key}"; allowed: ${[...allowed].join(', ')}.`);
  }
  for (const key of ['operationId', 'instanceId', 'event']) {
    if (rule[key] !== undefined && typeof rule[key] !== 'string') throw new FaultRuleError(`${key} must be a string.`);
  }
  wholeNumber(rule, 'times', 1);
  wholeNumber(rule, 'forMs', 1);
  wholeNumber(rule, 'latencyMs', 0, 60_000);
  wholeNumber(rule, 'retryAfter', 0);
  if (
    rule.status !== undefined &&
    (!Number.isInteger(rule.status) || (rule.status as number) < 100 || (rule.status as number) > 599)
  ) {
    throw new FaultRuleError('status must be an HTTP status from 100 to 599.');
  }
  if (rule.drop !== undefined && typeof rule.drop !== 'boolean')
    throw new FaultRuleError('drop must be true or false.');
  if ('rateLimit' in rule) {
    const limit = rule.rateLimit as Record<string, unknown> | null;
    if (!limit || typeof limit !== 'object') throw new FaultRuleError('rateLimit must be { limit, windowMs }.');
    wholeNumber(limit, 'limit', 1, undefined, 'rateLimit.limit');
    wholeNumber(limit, 'windowMs', 1, undefined, 'rateLimit.windowMs');
    if (limit.limit === undefined || limit.windowMs === undefined)
      throw new FaultRuleError('rateLimit needs limit and windowMs.');
  } else if ('webhooks' in rule) {
    const options = rule.webhooks as Record<string, unknown> | null;
    if (!options || typeof options !== 'object') throw new FaultRuleError('webhooks must be an object.');
    for (const key of Object.keys(options)) {
      if (!DELIVERY_OPTIONS.has(key))
        throw new FaultRuleError(`Unknown webhooks fault "${key}"; allowed: ${[...DELIVERY_OPTIONS].join(', ')}.`);
    }
    wholeNumber(options, 'duplicate', 1, 100, 'webhooks.duplicate');
    wholeNumber(options, 'delayMs', 0, 3_600_000, 'webhooks.delayMs');
    for (const key of ['reorder', 'badSignature']) {
      if (options[key] !== undefined && typeof options[key] !== 'boolean')
        throw new FaultRuleError(`webhooks.${key} must be true or false.`);
    }
  } else if (rule.status === undefined && rule.latencyMs === undefined && rule.drop === undefined) {
    throw new FaultRuleError('A fault needs status, latencyMs, drop, rateLimit or webhooks.');
  }
  return rule as unknown as FaultRule;
}

function wholeNumber(holder: Record<string, unknown>, key: string, min: number, max?: number, label = key) {
  const value = holder[key];
  if (value === undefined) return;
  if (!Number.isInteger(value) || (value as number) < min || (max !== undefined && (value as number) > max)) {
    throw new FaultRuleError(
      `${label} must be a whole number${max !== undefined ? ` from ${min} to ${max}` : ` of at least ${min}`}.`,
    );
  }
}
