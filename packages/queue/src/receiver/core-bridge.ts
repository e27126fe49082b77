// TO BE REPLACED by the receiver core seam of `@wawp/webhooks-types` (interface 6:
// `createReceiver(options, { dispatch })`) once it is exported on main.
//
// Until then the in-process receiver itself does every check and answer (405, 415, 413,
// 401, 400), with a router whose one handler stores the event. When storing fails, the
// in-process receiver would answer 500 ("a handler failed"); an AsyncLocalStorage slot per
// request tells this bridge so, and it answers 503 instead: the engine retries either way,
// but 503 says the receiver, not the event, is the problem.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AnyWebhookEvent, createWebhookRouter } from '@wawp/webhooks-types';
import { createFetchHandler, type WebhookReceiverOptions } from '@wawp/webhooks-types/node';

export type ReceiverChecks = Pick<WebhookReceiverOptions, 'hmacKey' | 'sharedSecret' | 'maxBodyBytes'>;

export interface ReceiverCore {
  fetch(request: Request): Promise<Response>;
  node(req: IncomingMessage, res: ServerResponse): void;
}

const NOT_STORED_BODY = JSON.stringify({ ok: false, error: 'the event could not be stored; retry later' });
const notStored = () =>
  new Response(NOT_STORED_BODY, { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '5' } });

export function createReceiverCore(checks: ReceiverChecks, store: (event: AnyWebhookEvent) => Promise<void>) {
  const failures = new AsyncLocalStorage<{ failed: boolean }>();
  const router = createWebhookRouter().onAny(async (event) => {
    try {
      await store(event);
    } catch (error) {
      const slot = failures.getStore();
      if (slot) slot.failed = true;
      throw error;
    }
  });
  // Duplicates are collapsed by the job id and, in the workers, by the shared store: an
  // in-memory store here would only see the deliveries that reached this one process.
  const handler = createFetchHandler({ ...checks, router, dedupe: false });
  const maxBodyBytes = checks.maxBodyBytes ?? 1024 * 1024;

  async function fetch(request: Request): Promise<Response> {
    const slot = { failed: false };
    const response = await failures.run(slot, () => handler(request));
    return slot.failed ? notStored() : response;
  }

  function node(req: IncomingMessage, res: ServerResponse): void {
    void toRequest(req, maxBodyBytes)
      .then(fetch)
      .then(
        (response) => writeResponse(response, res),
        () => writeResponse(notStored(), res),
      );
  }

  return { fetch, node } satisfies ReceiverCore;
}

type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

/**
 * A Fetch Request over a Node request, reusing a raw body a framework already read. The body
 * is buffered (a web stream over Node's costs a quarter of the throughput), but never more
 * than one byte past the limit: that is enough for the receiver to answer 413.
 */
async function toRequest(req: NodeRequest, limit: number): Promise<Request> {
  const url = new URL(req.url ?? '/', 'http://receiver.local');
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  headers.delete('content-length');
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') {
    req.resume();
    return new Request(url, { method, headers });
  }
  const early = [req.rawBody, req.body].find((b) => b instanceof Uint8Array || typeof b === 'string') as
    | Uint8Array
    | string
    | undefined;
  const body = early ?? (await readUpTo(req, limit + 1));
  return new Request(url, { method, headers, body: body as BodyInit });
}

function readUpTo(req: IncomingMessage, most: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size >= most) return; // drained and dropped, so the client can read the answer
      chunks.push(chunk);
      size += chunk.length;
    });
    req.once('end', () => resolve(Buffer.concat(chunks, size).subarray(0, most)));
    req.once('error', reject);
  });
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  if (res.headersSent) return;
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}
