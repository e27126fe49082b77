// `startSandbox()`: a stateful Wawp API on a free loopback port, for tests. Several can run
// side by side: each has its own state, clock, journal and faults.

import { bundledSpecPath, bundledV2SpecPath } from '../prism.js';
import { type MockServer, type MockServerOptions, startMockServer } from '../server.js';
import { readSpecFile, SpecFile } from '../spec-file.js';
import { loadWebhookCatalog } from '../webhooks/events.js';
import { DOCS_ACCESS_TOKEN, DOCS_INSTANCE_ID, defaultScenario } from './default-scenario.js';
import { createSandboxEngine, type SandboxEngine, type SandboxWorldOptions } from './engine.js';
import type { ActiveFault, FaultRule } from './faults.js';
import { sandboxHooks } from './hooks.js';
import type { InboundInput, InboundResult } from './inbound.js';
import type { JournalEntry, JournalQuery } from './journal.js';
import { matchesFields } from './match.js';
import { checkScenario, type Scenario } from './scenario.js';
import { loadScenarioFile } from './scenario-file.js';
import type { DeliveryQuery, DeliveryRecord } from './webhooks.js';

export interface SandboxOptions
  extends Omit<MockServerOptions, 'responder' | 'observe' | 'control' | 'dynamic' | 'seed'>,
    SandboxWorldOptions {
  /** The starting state: a scenario object or the path of a YAML/JSON file. Default: the docs' instance. */
  scenario?: Scenario | string;
}

export type DeliveryMatch = string | DeliveryQuery | ((delivery: DeliveryRecord) => boolean);

export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:53124`. */
  url: string;
  port: number;
  /** Number of operations served, v1 and v2 together. */
  operationCount: number;
  /** What each version serves: its base path (v2's is `/v2`) and its operations. */
  versions: MockServer['versions'];
  /** The first instance of the scenario (the docs' `123456789` by default). */
  instanceId: string;
  accessToken: string;
  /** The token `/__wawp/` control calls need (header `x-wawp-control-token`). */
  controlToken: string;
  /** A contact (or the phone) does something; see `InboundInput`. */
  inbound(input: InboundInput): InboundResult;
  /** The request journal, optionally filtered. */
  requests(query?: JournalQuery): JournalEntry[];
  clearRequests(): void;
  /** Every webhook delivery attempt so far, optionally filtered. */
  deliveries(query?: DeliveryQuery): DeliveryRecord[];
  /**
   * The first delivery that matches (an event name, a query or a predicate), already made or
   * still to come. Rejects after `timeoutMs` of real time (default 5000).
   */
  waitFor(match: DeliveryMatch, options?: { timeoutMs?: number }): Promise<DeliveryRecord>;
  /** Moves the sandbox clock; resolves once everything due has happened (deliveries included). */
  advance(ms: number): Promise<void>;
  /** Adds a fault; `remove()` takes it away again. */
  fault(rule: FaultRule): ActiveFault & { remove(): void };
  clearFaults(): void;
  /** Back to the scenario. */
  reset(): void;
  /** The whole state as JSON (tokens redacted). */
  state(): unknown;
  /** The engine, for advanced use (its `world` holds the live state). */
  engine: SandboxEngine;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // Each file is read once, for the sandbox's answers and the mock's engine alike.
  const specSource = readSpec(options.spec ?? bundledSpecPath());
  const spec = documentOf(specSource);
  // One sandbox answers both versions over one state; v2 as the mock serves it (see `v2`).
  const v2Option = options.v2 ?? (options.spec === undefined ? bundledV2SpecPath() : false);
  const v2Source = v2Option === false ? false : readSpec(v2Option);
  const v2Spec = v2Source === false ? undefined : documentOf(v2Source);
  const scenario =
    typeof options.scenario === 'string'
      ? loadScenarioFile(options.scenario)
      : options.scenario
        ? checkScenario(structuredClone(options.scenario), 'scenario')
        : defaultScenario(spec);
  const engine = createSandboxEngine({
    spec,
    ...(v2Spec ? { v2Spec } : {}),
    scenario,
    // Read on the first inbound action: parsing the AsyncAPI bundle cost ~8 ms of start-up.
    knownEvents: { [Symbol.iterator]: () => loadWebhookCatalog(options.asyncapi).events[Symbol.iterator]() },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    ...(options.hmacKey !== undefined ? { hmacKey: options.hmacKey } : {}),
    ...(options.webhookEvents ? { webhookEvents: options.webhookEvents } : {}),
    ...(options.allowRemoteWebhooks ? { allowRemoteWebhooks: true } : {}),
  });
  // The mock picks the control token (given, else WAWP_MOCK_CONTROL_TOKEN, else random) and guards every control call with it.
  const server = await startMockServer({
    ...options,
    port: options.port ?? 0,
    spec: specSource,
    v2: v2Source,
    ...sandboxHooks(engine),
  });
  const first = scenario.instances[0];
  return {
    url: server.url,
    port: server.port,
    operationCount: server.operationCount,
    versions: server.versions,
    instanceId: first?.id ?? DOCS_INSTANCE_ID,
    accessToken: first?.accessToken ?? DOCS_ACCESS_TOKEN,
    controlToken: server.controlToken,
    engine,
    inbound: (input) => engine.inbound(input),
    requests: (query) => engine.world.journal.list(query),
    clearRequests: () => engine.world.journal.clear(),
    deliveries: (query) => engine.world.dispatcher.deliveries(query),
    waitFor: (match, waitOptions) => waitForDelivery(engine, match, waitOptions?.timeoutMs ?? 5000),
    advance: (ms) => engine.advance(ms),
    fault(rule) {
      const active = engine.world.faults.add(rule, engine.world.clock.now());
      return { ...active, remove: () => void engine.world.faults.remove(active.id) };
    },
    clearFaults: () => void engine.world.faults.remove(),
    reset: () => engine.reset(),
    state: () => engine.state(),
    async close() {
      engine.close();
      await server.close();
    },
  };
}

function readSpec(source: string | object): object {
  return typeof source === 'string' ? readSpecFile(source) : source;
}

function documentOf(source: object): object {
  return source instanceof SpecFile ? (source.document as object) : source;
}

function matcher(match: DeliveryMatch): (d: DeliveryRecord) => boolean {
  if (typeof match === 'function') return match;
  const query: DeliveryQuery = typeof match === 'string' ? { event: match } : match;
  return (d) => matchesFields(d, query);
}

function waitForDelivery(engine: SandboxEngine, match: DeliveryMatch, timeoutMs: number): Promise<DeliveryRecord> {
  const test = matcher(match);
  const found = engine.world.dispatcher.deliveries().find(test);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const dispatcher = engine.world.dispatcher;
    const timer = setTimeout(() => {
      stop();
      const hint =
        engine.world.clock.mode === 'manual' ? ' The clock is manual: advance() it to let timed events happen.' : '';
      reject(new Error(`No matching webhook delivery within ${timeoutMs} ms.${hint}`));
    }, timeoutMs);
    const stop = dispatcher.onDelivery((delivery) => {
      if (!test(delivery)) return;
      clearTimeout(timer);
      stop();
      resolve(delivery);
    });
  });
}
