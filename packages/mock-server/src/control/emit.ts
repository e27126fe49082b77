// `POST /__wawp/webhooks/emit`: deliveries asked for over HTTP. Unlike the CLI's `emit`
// (run by the user, who may point it anywhere), a control call only reaches loopback
// receivers unless the server was started with --allow-webhook-target, and one call is
// bounded in deliveries, bytes and time, so a stray or hostile call cannot flood a receiver.
import { emitWebhook, WebhookEmitError } from '../webhooks/emit.js';
import { type WordPressError, wordpressError } from '../wordpress-errors.js';
import { checkWebhookTarget } from './targets.js';

/** Most deliveries one control call makes; keeps a typo in `count` from flooding a receiver. */
export const MAX_EMIT_COUNT = 100;
/** Most bytes of delivery bodies one control call sends, all deliveries together. */
export const MAX_EMIT_BYTES = 8 * 1024 * 1024;
/** Longest a control call may keep delivering, all deliveries together. */
export const MAX_EMIT_MS = 60_000;

export interface EmitContext {
  asyncapi?: string | object;
  /** Hosts (or host:port) allowed besides loopback, from --allow-webhook-target. */
  allowedTargets: readonly string[];
  /** Aborted when the server shuts down: in-flight deliveries stop at once. */
  signal: AbortSignal;
}

export interface ControlAnswer {
  status: number;
  body: unknown;
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

export async function emitFromControl(body: unknown, context: EmitContext): Promise<ControlAnswer> {
  const request = readEmitRequest(body, context.allowedTargets);
  if ('code' in request) return { status: request.data.status, body: request };
  const deliveries: { id: string; requestId: string; status: number; ok: boolean }[] = [];
  const signal = AbortSignal.any([context.signal, AbortSignal.timeout(MAX_EMIT_MS)]);
  let bytes = 0;
  try {
    for (let i = 0; i < request.count; i++) {
      if (signal.aborted) throw new WebhookEmitError('aborted', 'The control call was cancelled.');
      const delivery = await emitWebhook({
        event: request.event,
        to: request.to,
        signal,
        ...(request.hmacKey !== undefined ? { hmacKey: request.hmacKey } : {}),
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
        ...(request.session !== undefined ? { session: request.session } : {}),
        ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
        ...(context.asyncapi !== undefined ? { asyncapi: context.asyncapi } : {}),
      });
      deliveries.push({ id: delivery.id, requestId: delivery.requestId, status: delivery.status, ok: delivery.ok });
      bytes += Buffer.byteLength(delivery.body);
      if (bytes > MAX_EMIT_BYTES && i + 1 < request.count) {
        return failWith(
          413,
          'webhook_too_large',
          `One control call sends at most ${MAX_EMIT_BYTES} bytes; stopped after ${deliveries.length} deliveries.`,
          deliveries,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof WebhookEmitError)) throw error;
    if (error.code === 'aborted' && !context.signal.aborted) {
      return failWith(504, 'webhook_timeout', `One control call delivers for at most ${MAX_EMIT_MS} ms.`, deliveries);
    }
    const status =
      error.code === 'aborted' ? 503 : error.code === 'unreachable' || error.code === 'timeout' ? 502 : 400;
    return failWith(status, `webhook_${error.code}`, error.message, deliveries);
  }
  return { status: 200, body: { event: request.event, deliveries } };
}

function failWith(status: number, code: string, message: string, deliveries: unknown[]): ControlAnswer {
  const body = wordpressError(status, code, message);
  return { status, body: { ...body, data: { ...body.data, deliveries } } };
}

function readEmitRequest(body: unknown, allowedTargets: readonly string[]): EmitRequest | WordPressError {
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
  if (invalid.to === undefined) {
    const target = checkWebhookTarget(input.to, allowedTargets);
    if (!target.ok) {
      // Refused before any connection is tried: the answer says nothing about the target.
      return wordpressError(400, target.code, target.reason, { to: target.reason });
    }
  }
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_EMIT_COUNT) {
    invalid.count = `count must be a whole number from 1 to ${MAX_EMIT_COUNT}.`;
  }
  const timeoutMs = input.timeoutMs;
  if (
    timeoutMs !== undefined &&
    (!Number.isInteger(timeoutMs) || (timeoutMs as number) < 1 || (timeoutMs as number) > MAX_EMIT_MS)
  ) {
    invalid.timeoutMs = `timeoutMs must be a whole number of milliseconds from 1 to ${MAX_EMIT_MS}.`;
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
