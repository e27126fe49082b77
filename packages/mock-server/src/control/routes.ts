// The mock's own endpoints under `/__wawp`, for tests in any language. Every call has passed
// the guard (guard.ts) and its JSON body is parsed before it gets here.
//   GET  /__wawp/health            → { status: 'ok', operations }
//   GET  /__wawp/webhooks/events   → { events: [...] }
//   POST /__wawp/webhooks/emit     ← { event, to, hmacKey?, payload?, session?, count?, timeoutMs? }
//                                  → { event, deliveries: [{ id, requestId, status, ok }] }
// More endpoints plug in with `ControlExtension` (the sandbox adds its own this way).
import { loadWebhookCatalog } from '../webhooks/events.js';
import { wordpressError } from '../wordpress-errors.js';
import { type ControlAnswer, type EmitContext, emitFromControl } from './emit.js';

export type { ControlAnswer } from './emit.js';

/** What a control handler gets besides the call itself. */
export interface ControlContext extends EmitContext {
  operationCount: number;
}

/** A control call that passed the guard. */
export interface ControlCall {
  /** The path after `/__wawp`, e.g. `/webhooks/emit`. */
  path: string;
  /** Upper-case method. */
  method: string;
  /** The parsed JSON body; undefined when the call had none. */
  body: unknown;
  /** The query string's parameters (last value of a repeated key). */
  query: Record<string, string>;
}

/**
 * More control endpoints: asked first, for every authenticated control call; answer
 * `undefined` to leave the call to the built-in endpoints (and their 404).
 */
export type ControlExtension = (
  call: ControlCall,
  context: ControlContext,
) => ControlAnswer | undefined | Promise<ControlAnswer | undefined>;

/** The mock's own `METHOD /path` endpoints under `/__wawp` (control.openapi.yaml documents each). */
export const MOCK_ROUTES: ReadonlySet<string> = new Set(['GET /health', 'GET /webhooks/events', 'POST /webhooks/emit']);

export async function handleControl(
  call: ControlCall,
  context: ControlContext,
  extension?: ControlExtension,
): Promise<ControlAnswer> {
  const extended = extension ? await extension(call, context) : undefined;
  if (extended) return extended;
  const { path, method } = call;
  if (path === '/health' && method === 'GET') {
    return { status: 200, body: { status: 'ok', operations: context.operationCount } };
  }
  if (path === '/webhooks/events' && method === 'GET') {
    return { status: 200, body: { events: loadWebhookCatalog(context.asyncapi).events } };
  }
  if (path === '/webhooks/emit' && method === 'POST') return emitFromControl(call.body, context);
  const error = wordpressError(404, 'rest_no_route', `No mock control endpoint ${method} /__wawp${path}.`);
  return { status: 404, body: error };
}
