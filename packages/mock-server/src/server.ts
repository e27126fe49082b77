import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IHttpConfig, IHttpRequest } from '@stoplight/prism-http';
import type { HttpMethod } from '@stoplight/types';
import { handleControl } from './control.js';
import { createMockEngine, type EngineOptions, type MockEngine } from './prism.js';
import { mergeParams, pathParams } from './sandbox/call-params.js';
import { handleSandboxControl } from './sandbox/control.js';
import type { SandboxAnswer, SandboxEngine } from './sandbox/engine.js';
import {
  errorForInvalidRequest,
  errorForPrismFailure,
  type RequestContext,
  wordpressError,
} from './wordpress-errors.js';

export interface MockServerOptions extends EngineOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Largest request body accepted, in bytes. Default 10 MiB. */
  maxBodyBytes?: number;
  /** AsyncAPI document (path or parsed) for the webhook control endpoint; defaults to @wawp/spec's. */
  asyncapi?: string | object;
  /** Answer valid calls from this sandbox's state (and serve its control endpoints). */
  sandbox?: SandboxEngine;
}

export interface MockServer {
  /** Base URL of the mock API, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  host: string;
  /** Number of operations served. */
  operationCount: number;
  /** Stops accepting connections, ends open ones and resolves when the port is free. */
  close(): Promise<void>;
}

/** Paths under this prefix belong to the mock itself, never to the API. */
export const CONTROL_PREFIX = '/__wawp';
/** The production base path; requests that keep it are served as if it were absent. */
const PRODUCTION_BASE_PATH = '/wp-json/awp/v1';
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
/** Query parameters with this prefix steer the mock and are removed before validation. */
export const MAGIC_QUERY_PREFIX = '__wawp_';

interface Settings {
  maxBodyBytes: number;
  asyncapi?: string | object;
  sandbox?: SandboxEngine;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const engine = await createMockEngine(options);
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const settings: Settings = {
    maxBodyBytes,
    ...(options.asyncapi !== undefined ? { asyncapi: options.asyncapi } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
  };
  const server = createServer((req, res) => {
    handle(engine, req, res, settings).catch((error: unknown) => {
      // Last line of defence: a bug in the mock answers 500 instead of killing the process.
      const detail = redactToken(error instanceof Error ? error.message : String(error), req.url);
      sendJson(res, 500, wordpressError(500, 'internal_server_error', `The mock server failed: ${detail}`));
    });
  });
  // Requests with a body that never finishes must not hold the server open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await listen(server, options.port ?? 4010, host);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    operationCount: engine.operations.length,
    close: () => closeServer(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

async function handle(engine: MockEngine, req: IncomingMessage, res: ServerResponse, settings: Settings) {
  const { maxBodyBytes } = settings;
  setCorsHeaders(req, res);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS' }).end();
    return;
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://mock.invalid');
  } catch {
    return sendJson(res, 400, wordpressError(400, 'rest_invalid_url', 'The request URL cannot be parsed.'));
  }
  let path = url.pathname;
  if (path === PRODUCTION_BASE_PATH || path.startsWith(`${PRODUCTION_BASE_PATH}/`)) {
    path = path.slice(PRODUCTION_BASE_PATH.length) || '/';
  }
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
    const raw = await readBody(req, maxBodyBytes);
    if (raw === 'too-large') return sendJson(res, 413, tooLarge(maxBodyBytes));
    if (settings.sandbox) {
      // A body that is not JSON is handed on as text; the control layer refuses it (415).
      let parsed: unknown = raw.length > 0 ? raw.toString('utf8') : undefined;
      if (raw.length > 0 && /^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        try {
          parsed = JSON.parse(parsed as string);
        } catch {
          return sendJson(res, 400, wordpressError(400, 'rest_invalid_json', 'The body must be JSON.'));
        }
      }
      const sub = path.slice(CONTROL_PREFIX.length);
      const own = await handleSandboxControl(settings.sandbox, sub, req.method ?? 'GET', parsed, url.searchParams, {
        token: req.headers['x-wawp-control-token'] as string | undefined,
        contentType: req.headers['content-type'],
      });
      if (own) return sendJson(res, own.status, own.body);
    }
    const answer = await handleControl(path.slice(CONTROL_PREFIX.length), req.method ?? 'GET', raw, {
      operationCount: engine.operations.length,
      ...(settings.asyncapi !== undefined ? { asyncapi: settings.asyncapi } : {}),
    });
    return sendJson(res, answer.status, answer.body);
  }

  const raw = await readBody(req, maxBodyBytes);
  if (raw === 'too-large') return sendJson(res, 413, tooLarge(maxBodyBytes));
  let body: unknown;
  if (raw.length > 0) {
    const type = req.headers['content-type'] ?? '';
    if (/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendJson(res, 400, wordpressError(400, 'rest_invalid_json', 'Invalid JSON body passed.'));
      }
    } else {
      body = raw.toString('utf8');
    }
  }

  const { query, magic } = splitQuery(url.searchParams);
  // HEAD is GET without a body, as in WordPress; node:http drops the body of HEAD answers.
  const requested = (req.method ?? 'GET').toLowerCase();
  const method = requested === 'head' ? 'get' : requested;
  const operation = engine.route(method, path);
  const own = operation ? engine.checkQuery(operation, query) : { missing: [], invalid: {} };
  const context: RequestContext = {
    query,
    parameterNames: engine.parameterNames,
    missing: own.missing,
    invalid: own.invalid,
  };
  const input: IHttpRequest = {
    method: method as HttpMethod,
    url: { path, query },
    headers: flattenHeaders(req),
    ...(body !== undefined ? { body } : {}),
  };
  let choice: Partial<IHttpConfig['mock']>;
  try {
    choice = { ...preferences(req.headers.prefer), ...magicPreferences(magic) };
  } catch (error) {
    return sendJson(res, 400, wordpressError(400, 'mock_invalid_preference', (error as Error).message));
  }
  const result = await engine.request(input, choice, operation);
  const sandbox = settings.sandbox;
  const journal = (status: number, errorBody: unknown) =>
    sandbox?.record(
      {
        operationId: operation?.iid ?? null,
        method,
        path,
        params: mergeParams({}, query, body, req.headers['content-type'] ?? ''),
      },
      { status, body: errorBody },
    );
  if (!result.ok) {
    const error = errorForPrismFailure(result.error, context);
    journal(error.data.status, error);
    return sendJson(res, error.data.status, error);
  }
  const { output, validations } = result.value;
  const invalid = errorForInvalidRequest(validations.input, context);
  if (invalid) {
    journal(invalid.data.status, invalid);
    return sendJson(res, invalid.data.status, invalid);
  }

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(output.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (sandbox && operation?.iid) {
    const answer = sandbox.serve({
      operationId: operation.iid,
      method,
      path,
      params: mergeParams(pathParams(operation.path, path), query, body, req.headers['content-type'] ?? ''),
      documented: { status: output.statusCode, body: output.body, headers },
    });
    return sendSandboxAnswer(res, answer, headers);
  }
  return sendOutput(res, output.statusCode, output.body, headers);
}

function sendOutput(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
  const type = headers['content-type'] ?? 'application/json';
  if (body === undefined || body === null) {
    res.writeHead(status, headers).end();
  } else if (typeof body === 'string' && !/json/i.test(type)) {
    res.writeHead(status, { ...headers, 'content-type': type }).end(body);
  } else {
    res.writeHead(status, { ...headers, 'content-type': type }).end(JSON.stringify(body));
  }
}

/** A sandbox answer: from state (JSON), or the documented one; late, or never, when a fault says so. */
async function sendSandboxAnswer(
  res: ServerResponse,
  answer: SandboxAnswer,
  documentedHeaders: Record<string, string>,
) {
  if (answer.latencyMs) await new Promise((resolve) => setTimeout(resolve, answer.latencyMs));
  if (answer.drop) {
    res.socket?.destroy();
    return;
  }
  const headers =
    answer.headers === documentedHeaders
      ? documentedHeaders
      : { 'content-type': 'application/json; charset=utf-8', ...answer.headers };
  return sendOutput(res, answer.status, answer.body, headers);
}

/**
 * Reads the `Prefer` header, Prism's convention for choosing a response:
 * `Prefer: code=429`, `Prefer: example=invalidInstance`, `Prefer: dynamic=true`.
 */
export function preferences(header: string | string[] | undefined): Partial<IHttpConfig['mock']> {
  const out: { code?: number; exampleKey?: string; dynamic?: boolean } = {};
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(/[,;]/)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (!key || value === undefined) continue;
    if (key === 'code' && /^[1-5][0-9]{2}$/.test(value)) out.code = Number(value);
    else if (key === 'example') out.exampleKey = value;
    else if (key === 'dynamic') out.dynamic = value === 'true';
  }
  return out;
}

/**
 * The magic query parameters, for clients that cannot set headers:
 * `__wawp_status=429`, `__wawp_example=quotaReached`, `__wawp_dynamic=true`.
 * Unlike `Prefer`, a malformed value is an error rather than ignored, since nobody sends
 * these by accident.
 */
export function magicPreferences(magic: Record<string, string>): Partial<IHttpConfig['mock']> {
  const out: { code?: number; exampleKey?: string; dynamic?: boolean } = {};
  for (const [name, value] of Object.entries(magic)) {
    if (name === `${MAGIC_QUERY_PREFIX}status` && /^[1-5][0-9]{2}$/.test(value)) out.code = Number(value);
    else if (name === `${MAGIC_QUERY_PREFIX}example` && value !== '') out.exampleKey = value;
    else if (name === `${MAGIC_QUERY_PREFIX}dynamic` && (value === 'true' || value === 'false')) {
      out.dynamic = value === 'true';
    } else {
      throw new Error(
        `Unsupported mock parameter ${name}=${value}; use ${MAGIC_QUERY_PREFIX}status=<3-digit status>, ` +
          `${MAGIC_QUERY_PREFIX}example=<example name> or ${MAGIC_QUERY_PREFIX}dynamic=true|false.`,
      );
    }
  }
  return out;
}

/** Splits the query into the API's parameters and the mock's own `__wawp_*` ones. */
function splitQuery(params: URLSearchParams) {
  const query: Record<string, string | string[]> = {};
  const magic: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (key.startsWith(MAGIC_QUERY_PREFIX)) magic[key] = values[values.length - 1] ?? '';
    else query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return { query, magic };
}

/** Removes the caller's access token from a text that might echo the request. */
function redactToken(text: string, rawUrl: string | undefined): string {
  let token: string | null = null;
  try {
    token = new URL(rawUrl ?? '/', 'http://mock.invalid').searchParams.get('access_token');
  } catch {
    // An unparsable URL carries no token we could find; nothing to redact.
  }
  return token ? text.replaceAll(token, '[redacted]') : text;
}

function tooLarge(maxBodyBytes: number) {
  return wordpressError(413, 'rest_request_too_large', `The request body exceeds ${maxBodyBytes} bytes.`);
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function setCorsHeaders(req: IncomingMessage, res: ServerResponse) {
  // The mock is a local test double: let browser apps and the docs' "try it" call it.
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*');
  res.setHeader('access-control-expose-headers', '*');
  res.setHeader('vary', 'origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
