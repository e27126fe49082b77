// The mock's own endpoints under `/__wawp`, for tests in any language:
//   GET  /__wawp/health            → { status: 'ok', operations }
//   GET  /__wawp/webhooks/events   → { events: [...] }
//   POST /__wawp/webhooks/emit     ← { event, to, hmacKey?, payload?, session?, count?, timeoutMs? }
//                                  → { event, deliveries: [{ id, requestId, status, ok }] }

import { emitWebhook, WebhookEmitError } from './webhooks/emit.js';
import { loadWebhookCatalog } from './webhooks/events.js';
import { type WordPressError, wordpressError } from './wordpress-errors.js';

export interface ControlContext {
  operationCount: number;
  asyncapi?: string | object;
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** Most deliveries one control call makes; keeps a typo in `count` from flooding a receiver. */
export const MAX_EMIT_COUNT = 100;

export async function handleControl(
  path: string,
  method: string,
  rawBody: Buffer,
  context: ControlContext,
): Promise<ControlAnswer> {
  if (path === '/health' && method === 'GET') {
    return { status: 200, body: { status: 'ok', operations: context.operationCount } };
  }
  if (path === '/webhooks/events' && method === 'GET') {
    return { status: 200, body: { events: loadWebhookCatalog(context.asyncapi).events } };
  }
  if (path === '/webhooks/emit' && method === 'POST') return emitFromControl(rawBody, context);
  return fail(wordpressError(404, 'rest_no_route', `No mock control endpoint ${method} /__wawp${path}.`));
}

interface EmitRequest {
  event: string;
  to: string;
  hmacKey?: string;
  payload?: unknown;
  session?: string;
  count: number;
  timeoutMs?: number;
}

async function emitFromControl(rawBody: Buffer, context: ControlContext): Promise<ControlAnswer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return fail(wordpressError(400, 'rest_invalid_json', 'The body must be a JSON object.'));
  }
  const request = readEmitRequest(parsed);
  if ('code' in request) return fail(request);
  const deliveries = [];
  try {
    for (let i = 0; i < request.count; i++) {
      const delivery = await emitWebhook({
        event: request.event,
        to: request.to,
        ...(request.hmacKey !== undefined ? { hmacKey: request.hmacKey } : {}),
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
        ...(request.session !== undefined ? { session: request.session } : {}),
        ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
        ...(context.asyncapi !== undefined ? { asyncapi: context.asyncapi } : {}),
      });
      deliveries.push({ id: delivery.id, requestId: delivery.requestId, status: delivery.status, ok: delivery.ok });
    }
  } catch (error) {
    if (!(error instanceof WebhookEmitError)) throw error;
    const status = error.code === 'unreachable' || error.code === 'timeout' ? 502 : 400;
    const body = wordpressError(status, `webhook_${error.code}`, error.message);
    return { status, body: { ...body, data: { ...body.data, deliveries } } };
  }
  return { status: 200, body: { event: request.event, deliveries } };
}

function readEmitRequest(body: unknown): EmitRequest | WordPressError {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return wordpressError(400, 'rest_invalid_json', 'The body must be a JSON object.');
  }
  const input = body as Record<string, unknown>;
  const missing = ['event', 'to'].filter((name) => input[name] === undefined);
  if (missing.length > 0) {
    return wordpressError(400, 'rest_missing_callback_param', `Missing parameter(s): ${missing.join(', ')}`, missing);
  }
  const invalid: Record<string, string> = {};
  for (const name of ['event', 'to', 'hmacKey', 'session']) {
    if (input[name] !== undefined && typeof input[name] !== 'string') invalid[name] = `${name} must be a string.`;
  }
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_EMIT_COUNT) {
    invalid.count = `count must be a whole number from 1 to ${MAX_EMIT_COUNT}.`;
  }
  const timeoutMs = input.timeoutMs;
  if (
    timeoutMs !== undefined &&
    (!Number.isInteger(timeoutMs) || (timeoutMs as number) < 1 || (timeoutMs as number) > 60_000)
  ) {
    invalid.timeoutMs = 'timeoutMs must be a whole number of milliseconds from 1 to 60000.';
  }
  if (Object.keys(invalid).length > 0) {
    return wordpressError(
      400,
      'rest_invalid_param',
      `Invalid parameter(s): ${Object.keys(invalid).join(', ')}`,
      invalid,
    );
  }
  return {
    event: input.event as string,
    to: input.to as string,
    ...(input.hmacKey !== undefined ? { hmacKey: input.hmacKey as string } : {}),
    ...(input.payload !== undefined ? { payload: input.payload } : {}),
    ...(input.session !== undefined ? { session: input.session as string } : {}),
    count: count as number,
    ...(timeoutMs !== undefined ? { timeoutMs: timeoutMs as number } : {}),
  };
}

function fail(error: WordPressError): ControlAnswer {
  return { status: error.data.status, body: error };
}
