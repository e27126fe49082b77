import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HmacSha512 } from '../crypto/hmac.js';
import { createReceiver, type IncomingDelivery, type ReceiverAnswer, TOO_LARGE } from './core.js';
import type { WebhookReceiverOptions } from './options.js';

/** Node's request, plus the raw body that Express (`express.raw()`) or a Fastify plugin may have read. */
export type NodeWebhookRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

/** The raw body a framework already read, if it left one. */
function preReadBody(req: NodeWebhookRequest): Uint8Array | string | undefined {
  for (const candidate of [req.rawBody, req.body]) {
    if (candidate instanceof Uint8Array || typeof candidate === 'string') return candidate;
  }
  return undefined;
}

/** True when a JSON body parser (express.json()) consumed the stream and left only an object. */
const bodyAlreadyParsed = (req: NodeWebhookRequest): boolean =>
  preReadBody(req) === undefined && req.body !== null && typeof req.body === 'object' && req.readableEnded;

const PARSED_TOO_EARLY: ReceiverAnswer = {
  status: 500,
  body: JSON.stringify({
    ok: false,
    error: 'the body was already parsed as JSON; give the webhook handler the raw body (express.raw())',
  }),
  headers: { 'content-type': 'application/json' },
};

function readLimited(req: NodeWebhookRequest, limit: number): Promise<Uint8Array | typeof TOO_LARGE> {
  const early = preReadBody(req);
  if (early !== undefined) {
    const bytes = typeof early === 'string' ? new TextEncoder().encode(early) : early;
    return Promise.resolve(bytes.byteLength > limit ? TOO_LARGE : bytes);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Keep draining (and discarding) so the client can finish sending and read the 413.
        req.resume();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // A client that hangs up mid-body may close without 'end' or 'error'; do not wait forever.
    const onClose = () => onError(new Error('the request closed before its body ended'));
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function send(res: ServerResponse, { status, body, headers }: ReceiverAnswer, close: boolean): void {
  if (res.headersSent) return;
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // After 413 the rest of the body is not wanted: do not keep the connection for another request.
  if (close) res.setHeader('connection', 'close');
  res.end(body);
}

export function nodeHandlerWith(
  options: WebhookReceiverOptions,
  hmac: HmacSha512,
): (req: NodeWebhookRequest, res: ServerResponse) => void {
  const receiver = createReceiver(options, hmac);
  return (req, res) => {
    if (bodyAlreadyParsed(req)) {
      // A parsed object cannot be verified or validated byte for byte: a setup mistake, said plainly.
      send(res, PARSED_TOO_EARLY, false);
      return;
    }
    const delivery: IncomingDelivery = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      readBody: (limit) => readLimited(req, limit),
    };
    // `receive` never rejects (it answers 500 instead), so there is nothing to catch here.
    void receiver.receive(delivery).then((answer) => {
      send(res, answer, answer.status === 413);
      // Answered before reading the body (405, 415): discard it so the connection can be reused.
      if (answer.status !== 413 && !req.readableEnded) req.resume();
    });
  };
}
