import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HmacSha512 } from '../verification/hmac.js';
import { documented, type ReceiverAnswer } from './answers.js';
import { createReceiverWith, type IncomingDelivery, type Receiver, TIMED_OUT, TOO_LARGE } from './core.js';
import type { ReceiverSteps, WebhookReceiverOptions } from './options.js';

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

function readLimited(
  req: NodeWebhookRequest,
  limit: number,
  timeoutMs: number,
): Promise<Uint8Array | typeof TOO_LARGE | typeof TIMED_OUT> {
  const early = preReadBody(req);
  if (early !== undefined) {
    const bytes = typeof early === 'string' ? Buffer.from(early, 'utf8') : early;
    return Promise.resolve(bytes.byteLength > limit ? TOO_LARGE : bytes);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Node's own request timeout is 300 s; a sender gives up after about 10.
    const timer = setTimeout(() => {
      cleanup();
      resolve(TIMED_OUT);
    }, timeoutMs);
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
      clearTimeout(timer);
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
  for (const name in headers) res.setHeader(name, headers[name] as string);
  // After 413 or 408 the rest of the body is not wanted: do not keep the connection.
  if (close) res.setHeader('connection', 'close');
  res.end(body);
}

/** A `node:http` listener around a receiver: reads the request into a delivery, writes the answer. */
export function toNodeHandler(receiver: Receiver): (req: NodeWebhookRequest, res: ServerResponse) => void {
  return (req, res) => {
    if (bodyAlreadyParsed(req)) {
      // A parsed object cannot be verified or validated byte for byte: a setup mistake, said plainly.
      send(res, documented('parsedTooEarly'), false);
      return;
    }
    const delivery: IncomingDelivery = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      readBody: (limit, timeoutMs) => readLimited(req, limit, timeoutMs),
    };
    // `receive` never rejects (it answers 500 instead), so there is nothing to catch here.
    void receiver.receive(delivery).then((answer) => {
      const abandoned = answer.status === 413 || answer.status === 408;
      // A stalled body will not end: drop the connection once the 408 is out.
      if (answer.status === 408) res.once('finish', () => req.destroy());
      send(res, answer, abandoned);
      // Answered before reading the body (405, 415): discard it so the connection can be reused.
      if (!abandoned && !req.readableEnded) req.resume();
    });
  };
}

export const nodeHandlerWith = (
  hmac: HmacSha512,
  options: WebhookReceiverOptions,
  steps?: ReceiverSteps,
): ((req: NodeWebhookRequest, res: ServerResponse) => void) => toNodeHandler(createReceiverWith(hmac, options, steps));
