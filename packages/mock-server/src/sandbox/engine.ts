// The sandbox engine: answers API calls from state. The HTTP server validates a request
// (Prism, WordPress errors, placement rules) and hands the valid ones here with their
// merged parameters and the documented answer; the engine checks the credentials and the
// session, applies faults, runs the operation's handler and writes the journal.
import { wordpressError } from '../wordpress-errors.js';
import { createClock } from './clock.js';
import { dumpState } from './dump.js';
import { createFaultBook, NO_FAULT } from './faults.js';
import { type InboundInput, type InboundResult, inbound } from './inbound.js';
import { createJournal } from './journal.js';
import type { Answer } from './operations/answer.js';
import { handlers, SESSION_OPERATIONS } from './operations/index.js';
import { Params } from './params.js';
import { createIdFactory, createRandom } from './random.js';
import { SEND_OPERATIONS, takeSendSlot } from './rate-limits.js';
import { createRepeatedAnswers } from './repeated.js';
import { createInstance, type Scenario } from './scenario.js';
import { createSpecAnswers, type SpecAnswers } from './spec-answers.js';
import type { WebhookTarget } from './state.js';
import { DEFAULT_TIMING } from './timing.js';
import { createDispatcher } from './webhooks.js';
import { createWorld, type World } from './world.js';

/** What shapes a sandbox besides its scenario; `startSandbox` takes the same. */
export interface SandboxWorldOptions {
  /** `manual` moves time only on `advance()`; overrides the scenario's clock (default `real`). */
  clock?: 'real' | 'manual';
  /** Seed for ids and codes; overrides the scenario's. */
  seed?: number;
  /** Webhook targets added to every instance (`--webhook URL`). */
  webhooks?: string[];
  /** Signs deliveries to `webhooks` (`--hmac-key KEY`). */
  hmacKey?: string;
  /** Events `webhooks` receive; all by default. */
  webhookEvents?: string[];
  /** Deliver to non-loopback hosts too (off: a sandbox never leaves the machine). */
  allowRemoteWebhooks?: boolean;
}

export interface SandboxEngineOptions extends SandboxWorldOptions {
  /** The bundled OpenAPI document (parsed). */
  spec: object;
  /** The bundled v2 OpenAPI document (parsed), when the sandbox serves v2 too. */
  v2Spec?: object;
  /** Event names the AsyncAPI document describes (inbound actions only send those). */
  knownEvents?: Iterable<string>;
  /** The starting state. */
  scenario: Scenario;
}

/** A validated API call, as the server hands it over. */
export interface SandboxCall {
  /** The API version the call was made to (default v1). */
  api?: 'v1' | 'v2';
  operationId: string;
  method: string;
  path: string;
  /** Query, form and JSON body merged by WordPress's precedence, plus the path parameters. */
  params: Record<string, unknown>;
  /** The operation's documented answer, for operations the sandbox does not model. */
  documented: Answer;
}

export type SandboxAnswer = Answer & {
  drop?: boolean;
  latencyMs?: number;
  /** The body is the same object as an earlier answer's, which nobody changes (see repeated.ts). */
  repeated?: boolean;
};

export interface SandboxEngine {
  readonly world: World;
  /** Answers a validated call; journals it only when it is dropped (no answer reaches `record`). */
  serve(call: SandboxCall): SandboxAnswer;
  /** Journals an answered call: the mock's call log hands every one here, errors included. */
  record(call: Omit<SandboxCall, 'documented' | 'operationId'> & { operationId?: string | null }, answer: Answer): void;
  inbound(input: InboundInput): InboundResult;
  advance(ms: number): Promise<void>;
  /** Back to the scenario: state, clock, journal, deliveries and faults. */
  reset(): void;
  state(): unknown;
  close(): void;
}

/** What an answer spreads in when no latency fault applies (read only). */
const NO_LATENCY: { latencyMs?: number } = Object.freeze({});
const SANDBOX_SEED = 0x5eed;
const MANUAL_START = Date.UTC(2026, 0, 1, 9, 0, 0);

export function createSandboxEngine(options: SandboxEngineOptions): SandboxEngine {
  const answers: SpecAnswers = createSpecAnswers(options.v2Spec ? [options.spec, options.v2Spec] : [options.spec]);
  // Only inbound actions ask; a lazy `knownEvents` (startSandbox's) is read on the first one.
  let knownEvents: Set<string> | undefined;
  let generation = 0;
  let world = build(options, answers, generation);

  // The tokens a journal entry must not show: every instance's and the caller's. Instances
  // rarely change, so the list is rebuilt only when their tokens do.
  let tokens: string[] = [];
  const secretsFor = (own: unknown): readonly string[] => {
    let i = 0;
    let same = tokens.length === world.instances.size;
    if (same) for (const instance of world.instances.values()) if (instance.accessToken !== tokens[i++]) same = false;
    if (!same)
      tokens = Object.freeze([...world.instances.values()].map((instance) => instance.accessToken)) as string[];
    return typeof own === 'string' && own !== '' && !tokens.includes(own) ? [...tokens, own] : tokens;
  };

  // The bodies answered as their own copies (`Answer.kept`) on their way to the journal; a call
  // the server never finishes leaves one behind, hence the bound.
  const keptBodies = new Set<unknown>();
  const repeated = createRepeatedAnswers();

  const journal = (
    call: {
      api?: 'v1' | 'v2';
      operationId?: string | null;
      method: string;
      path: string;
      params: Readonly<Record<string, unknown>>;
    },
    answer: Answer,
  ) => {
    const instanceId = call.params.instance_id;
    world.journal.add({
      at: world.clock.now(),
      api: call.api ?? 'v1',
      operationId: call.operationId ?? null,
      method: call.method.toUpperCase(),
      path: call.path,
      params: call.params,
      instanceId: typeof instanceId === 'string' ? instanceId : null,
      status: answer.status,
      body: answer.body,
      secrets: secretsFor(call.params.access_token),
      bodyKept: keptBodies.delete(answer.body),
    });
  };

  const serveCall = (call: SandboxCall): SandboxAnswer => {
    const params = new Params(call.params);
    const token = params.string('access_token') ?? '';
    const instanceId = params.string('instance_id');
    // No clock read when no fault is set (most sandboxes, on every call).
    const fault =
      world.faults.list().length === 0
        ? NO_FAULT
        : world.faults.forCall(call.operationId, instanceId ?? null, world.clock.now());
    if (fault.kind === 'drop') return { status: 0, drop: true, latencyMs: fault.latencyMs };
    const slow = fault.latencyMs > 0 ? { latencyMs: fault.latencyMs } : NO_LATENCY;
    if (fault.kind === 'status') {
      const code = fault.status === 429 ? 'rate_limited' : undefined;
      return {
        status: fault.status,
        body: answers.error(call.operationId, fault.status, code),
        ...(fault.retryAfter !== undefined ? { headers: { 'retry-after': String(fault.retryAfter) } } : {}),
        ...slow,
      };
    }
    const account = firstOwnedBy(world, token);
    if (!account) return { status: 401, body: answers.error(call.operationId, 401, 'invalid_access_token'), ...slow };
    const instance = call.operationId === 'createSession' ? account : world.instances.get(instanceId ?? '');
    if (!instance || instance.accessToken !== token) {
      return { status: 401, body: answers.error(call.operationId, 401, 'invalid_instance'), ...slow };
    }
    if (!SESSION_OPERATIONS.has(call.operationId) && instance.status !== 'WORKING') {
      // What the API answers while the session cannot serve: a stopped one has no server
      // behind it; a starting or unlinked one is refused by the engine.
      return instance.status === 'STOPPED'
        ? { status: 404, body: answers.error(call.operationId, 404, 'server_not_found'), ...slow }
        : {
            status: 502,
            body: answers.error(
              call.operationId,
              502,
              'wawp_upstream_error',
              `The session is ${instance.status}, not WORKING.`,
            ),
            ...slow,
          };
    }
    // No policy in force limits nothing: no clock read, no lookup (see rate-limits.ts).
    if (instance.rateLimitPolicy !== null && SEND_OPERATIONS.has(call.operationId)) {
      const wait = takeSendSlot(instance, answers.rateLimitPolicies(), world.clock.now());
      if (wait !== undefined) {
        const message = `The sending policy ${instance.rateLimitPolicy} allows no more sends now; retry in ${wait} s.`;
        return {
          status: 429,
          body: answers.error(call.operationId, 429, 'rate_limited', message),
          headers: { 'retry-after': String(wait) },
          ...slow,
        };
      }
    }
    const handler = handlers[call.operationId];
    const answer = handler
      ? handler({ api: call.api ?? 'v1', world, instance, params, accessToken: token, answers })
      : call.documented;
    const given = answer.status === 0 ? call.documented : answer;
    return fault.latencyMs > 0 ? { ...given, latencyMs: fault.latencyMs } : given;
  };

  return {
    get world() {
      return world;
    },
    serve(call) {
      let answer: SandboxAnswer;
      try {
        answer = serveCall(call);
      } catch (error) {
        // A handler bug must not take the sandbox down; the message carries no request data.
        answer = {
          status: 500,
          body: wordpressError(500, 'internal_server_error', `The sandbox failed: ${(error as Error).message}`),
        };
      }
      // A dropped call never answers, so the mock's call log never sees it.
      if (answer.drop) {
        journal(call, { status: 0, body: null });
        return answer;
      }
      if (answer.body === null || typeof answer.body !== 'object') return answer;
      // An answer holding the state's own objects is written out a moment later: a slow one
      // (a latency fault) as the state is then, as before; any other as a copy made now.
      if (!answer.kept && !answer.latencyMs) {
        // Whole literals: a property added to a spread copy gave every answer a map of its
        // own (V8), and each read of it then missed its inline cache.
        const { status, headers } = answer;
        const shown = repeated.body(call.operationId, answer.body);
        const { body } = shown;
        answer = headers
          ? { status, body, headers, kept: true, repeated: shown.repeated }
          : { status, body, kept: true, repeated: shown.repeated };
      }
      if (answer.kept) {
        if (keptBodies.size >= 1024) keptBodies.clear();
        keptBodies.add(answer.body);
      }
      return answer;
    },
    record: journal,
    inbound: (input) => {
      knownEvents ??= new Set(options.knownEvents ?? []);
      return inbound(world, input, knownEvents);
    },
    advance: (ms) => world.clock.advance(ms),
    reset() {
      world.clock.clear();
      repeated.clear();
      world = build(options, answers, ++generation);
    },
    state: () => dumpState(world),
    close() {
      world.clock.clear();
    },
  };
}

/** The first instance (in scenario order) whose token is `token`: the account a call acts for. */
function firstOwnedBy(world: World, token: string) {
  for (const instance of world.instances.values()) if (instance.accessToken === token) return instance;
  return undefined;
}

function build(options: SandboxEngineOptions, answers: SpecAnswers, generation: number): World {
  const { scenario } = options;
  const mode = options.clock ?? scenario.clock ?? 'real';
  const clock = createClock({
    mode,
    ...(mode === 'manual' ? { start: scenario.startAt ? Date.parse(scenario.startAt) : MANUAL_START } : {}),
  });
  const seed = options.seed ?? scenario.seed;
  // Unseeded sandboxes still get repeatable ids on a manual clock, where tests compare them.
  const base = seed ?? (mode === 'manual' ? SANDBOX_SEED : undefined);
  const random = createRandom(base);
  // Event ids differ after each reset (receivers remember handled ones), repeatably.
  const ids = createIdFactory(random, createRandom(base === undefined ? undefined : base + generation * 0x9e3779b9));
  const faults = createFaultBook();
  const dispatcher = createDispatcher({
    clock,
    ids,
    faults,
    defaultRetries: answers.defaultRetries(),
    allowRemoteTargets: options.allowRemoteWebhooks ?? false,
  });
  const world = createWorld({
    clock,
    ids,
    journal: createJournal(),
    faults,
    dispatcher,
    timing: { ...DEFAULT_TIMING, ...(scenario.timing ?? {}) },
    instances: new Map(),
  });
  const extra: WebhookTarget[] = (options.webhooks ?? []).map((url) => ({
    url,
    events: options.webhookEvents ?? ['*'],
    hmac: options.hmacKey !== undefined ? { key: options.hmacKey } : null,
    retries: null,
  }));
  for (const entry of scenario.instances) {
    const instance = createInstance(entry, world);
    instance.webhooks.push(...extra.map((t) => structuredClone(t)));
    world.instances.set(instance.id, instance);
  }
  return world;
}
