// The sandbox's control endpoints under `/__wawp/`, an extension of the mock's own: its guard
// has checked the control token and the JSON content type before any of them runs.
import type { ControlAnswer, ControlCall } from '../control/routes.js';
import { wordpressError } from '../wordpress-errors.js';
import type { SandboxEngine } from './engine.js';
import { FaultRuleError } from './faults.js';
import { InboundError, type InboundInput } from './inbound.js';
import type { JournalQuery } from './journal.js';
import type { DeliveryQuery } from './webhooks.js';

/** Answers a sandbox control call, or undefined when it is not one of the sandbox's. */
export async function handleSandboxControl(
  engine: SandboxEngine,
  call: ControlCall,
): Promise<ControlAnswer | undefined> {
  const { path, method, body } = call;
  const query = new URLSearchParams(call.query);
  const route = `${method} ${path}`;
  if (!SANDBOX_ROUTES.has(route)) return undefined;
  const world = engine.world;
  switch (route) {
    case 'POST /inbound':
      try {
        return { status: 200, body: engine.inbound(objectBody(body) as unknown as InboundInput) };
      } catch (error) {
        if (error instanceof InboundError) return invalid(error.field ?? 'body', error.message);
        if (error instanceof BodyError) return invalid('body', error.message);
        throw error;
      }
    case 'GET /requests':
      return { status: 200, body: { requests: world.journal.list(journalQuery(query)) } };
    case 'DELETE /requests': {
      const count = world.journal.size();
      world.journal.clear();
      return { status: 200, body: { cleared: count } };
    }
    case 'GET /deliveries':
      return { status: 200, body: { deliveries: world.dispatcher.deliveries(deliveryQuery(query)) } };
    case 'GET /clock':
      return { status: 200, body: { now: world.clock.now(), mode: world.clock.mode } };
    case 'POST /clock/advance': {
      const ms = (body as { ms?: unknown } | undefined)?.ms;
      if (!Number.isInteger(ms) || (ms as number) < 0 || (ms as number) > 366 * 86_400_000) {
        return invalid('ms', 'ms must be a whole number of milliseconds from 0 to one year.');
      }
      await engine.advance(ms as number);
      return { status: 200, body: { now: world.clock.now(), mode: world.clock.mode } };
    }
    case 'GET /faults':
      return { status: 200, body: { faults: world.faults.list() } };
    case 'POST /faults':
      try {
        const fault = world.faults.add(body, world.clock.now());
        return { status: 201, body: fault };
      } catch (error) {
        if (error instanceof FaultRuleError) return invalid('body', error.message);
        throw error;
      }
    case 'DELETE /faults':
      return { status: 200, body: { removed: world.faults.remove(query.get('id') ?? undefined) } };
    case 'POST /reset':
      engine.reset();
      return { status: 200, body: { reset: true, now: engine.world.clock.now() } };
    case 'GET /state':
      return { status: 200, body: engine.state() };
    default:
      return undefined;
  }
}

/** Every `METHOD /path` the sandbox adds under `/__wawp` (control.openapi.yaml documents each). */
export const SANDBOX_ROUTES: ReadonlySet<string> = new Set([
  'POST /inbound',
  'GET /requests',
  'DELETE /requests',
  'GET /deliveries',
  'GET /clock',
  'POST /clock/advance',
  'GET /faults',
  'POST /faults',
  'DELETE /faults',
  'POST /reset',
  'GET /state',
]);

class BodyError extends Error {}

function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BodyError('The body must be a JSON object.');
  return body as Record<string, unknown>;
}

function invalid(name: string, problem: string): ControlAnswer {
  return {
    status: 400,
    body: wordpressError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, { [name]: problem }),
  };
}

function journalQuery(query: URLSearchParams): JournalQuery {
  const out: JournalQuery = {};
  for (const key of ['operationId', 'instanceId', 'method', 'path'] as const) {
    const value = query.get(key);
    if (value !== null) out[key] = value;
  }
  const status = query.get('status');
  if (status !== null && /^[0-9]{3}$/.test(status)) out.status = Number(status);
  const since = query.get('since');
  if (since !== null && /^[0-9]+$/.test(since)) out.since = Number(since);
  return out;
}

function deliveryQuery(query: URLSearchParams): DeliveryQuery {
  const out: DeliveryQuery = {};
  for (const key of ['event', 'instanceId', 'eventId'] as const) {
    const value = query.get(key);
    if (value !== null) out[key] = value;
  }
  const ok = query.get('ok');
  if (ok === 'true' || ok === 'false') out.ok = ok === 'true';
  return out;
}
