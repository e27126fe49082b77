import { accessSync, constants } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExchangeObserver, Responder } from './api/hooks.js';
import { handleApi } from './api/pipeline.js';
import { createControlGuard, randomControlToken, validateControlToken } from './control/guard.js';
import { type ControlExtension, handleControl } from './control/routes.js';
import { validateAllowedTarget } from './control/targets.js';
import { parseJson, readBody } from './http/body.js';
import { sendJson } from './http/respond.js';
import { bundledV2SpecPath, createMockEngine, type EngineOptions } from './prism.js';
import { wordpressError } from './wordpress-errors.js';

export interface MockServerOptions extends EngineOptions {
  /**
   * The v2 description (path or parsed), served under its server's path (`/v2`) beside the
   * v1 one, with the same options (`dynamic`, `seed`, the seams). Default: @wawp/spec's
   * bundled v2 when `spec` is left out too; `false` serves v1 only.
   */
  v2?: string | object | false;
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Largest request body accepted, in bytes. Default 10 MiB. */
  maxBodyBytes?: number;
  /** AsyncAPI document (path or parsed) for the webhook control endpoint; defaults to @wawp/spec's. */
  asyncapi?: string | object;
  /**
   * The secret every `/__wawp/` call must send in `x-wawp-control-token`. Default:
   * `WAWP_MOCK_CONTROL_TOKEN`, else a random token per server (see `controlToken` on the result).
   */
  controlToken?: string;
  /**
   * Hosts (or `host:port`) control calls may deliver webhooks to besides loopback, e.g.
   * `['hooks.internal:8443']`. Default none: deliveries reach this machine only.
   */
  allowWebhookTargets?: readonly string[];
  /** Host names control calls may use besides loopback names and the bound address (e.g. a Docker service name). */
  allowControlHosts?: readonly string[];
  /** Answers validated API calls instead of the documented examples (see `Responder`). */
  responder?: Responder;
  /**
   * Sees every answered API call (see `Exchange`), right after its answer is written and
   * before the server reads another request; what it throws does not change the answer.
   */
  observe?: ExchangeObserver;
  /** More `/__wawp/` endpoints, behind the same guard (see `ControlExtension`). */
  control?: ControlExtension;
}

export interface MockServer {
  /** Base URL of the mock API, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  host: string;
  /** Number of operations served, both versions together. */
  operationCount: number;
  /** What each version serves: its base path on this server and its operations. */
  versions: { v1: ServedVersion; v2?: ServedVersion };
  /** The token `/__wawp/` calls need in the `x-wawp-control-token` header. */
  controlToken: string;
  /** Headers for a control call: the token and the JSON content type. */
  controlHeaders(): Record<string, string>;
  /**
   * Stops accepting connections at once, cancels webhook deliveries in flight, ends open
   * connections and resolves when the port is free.
   */
  close(): Promise<void>;
}

export interface ServedVersion {
  /** Where the version's paths start on this server: '' for v1, '/v2' for v2. */
  basePath: string;
  operationCount: number;
}

/** Paths under this prefix belong to the mock itself, never to the API. */
export const CONTROL_PREFIX = '/__wawp';
export { MAGIC_QUERY_PREFIX } from './api/preferences.js';
export { CONTROL_TOKEN_HEADER } from './control/guard.js';

/** The production base path; requests that keep it are served as if it were absent. */
const PRODUCTION_BASE_PATH = '/wp-json/awp/v1';
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
/** Control calls carry small JSON documents; a webhook payload fits in far less. */
const CONTROL_MAX_BODY = 1024 * 1024;

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const controlToken = options.controlToken ?? process.env.WAWP_MOCK_CONTROL_TOKEN ?? randomControlToken();
  const tokenProblem = validateControlToken(controlToken);
  if (tokenProblem) throw new TypeError(`controlToken: ${tokenProblem}`);
  const allowedTargets = [...(options.allowWebhookTargets ?? [])];
  for (const entry of allowedTargets) {
    const problem = validateAllowedTarget(entry);
    if (problem) throw new TypeError(`allowWebhookTargets: ${problem}`);
  }
  // The AsyncAPI document is read when first needed (an emit, an inbound action); a path that
  // cannot be read is a set-up mistake all the same, refused at start, not at the first event.
  if (typeof options.asyncapi === 'string') {
    try {
      accessSync(options.asyncapi, constants.R_OK);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new TypeError(`asyncapi: cannot read ${options.asyncapi}${typeof code === 'string' ? ` (${code})` : ''}`);
    }
  }
  const engine = await createMockEngine(options);
  const v2Source = options.v2 ?? (options.spec === undefined ? bundledV2SpecPath() : false);
  const v2 = v2Source === false ? undefined : await createMockEngine({ ...options, spec: v2Source });
  if (v2 && (v2.basePath === '' || v2.basePath === CONTROL_PREFIX)) {
    throw new TypeError(
      'v2: the description needs a first server URL with a path of its own (e.g. /v2) to be served under',
    );
  }
  const operationCount = engine.operations.length + (v2?.operations.length ?? 0);
  const host = options.host ?? '127.0.0.1';
  const shutdown = new AbortController();
  const guard = createControlGuard(controlToken, host, options.allowControlHosts ?? []);
  const api = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    ...(options.responder ? { responder: options.responder } : {}),
    ...(options.observe ? { observe: options.observe } : {}),
  };
  const v2Api = v2 ? { ...api, api: { name: 'v2' as const, mount: v2.basePath } } : undefined;
  const control = {
    operationCount,
    allowedTargets,
    signal: shutdown.signal,
    ...(options.asyncapi !== undefined ? { asyncapi: options.asyncapi } : {}),
  };

  const server = createServer((req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      // Last line of defence: a bug in the mock answers 500 instead of killing the process.
      const detail = redactToken(error instanceof Error ? error.message : String(error), req.url);
      sendJson(res, 500, wordpressError(500, 'internal_server_error', `The mock server failed: ${detail}`));
    });
  });

  async function dispatch(req: IncomingMessage, res: ServerResponse) {
    const target = splitTarget(req.url ?? '/');
    if (!target)
      return sendJson(res, 400, wordpressError(400, 'rest_invalid_url', 'The request URL cannot be parsed.'));
    let { path } = target;
    if (path === PRODUCTION_BASE_PATH || path.startsWith(`${PRODUCTION_BASE_PATH}/`)) {
      path = path.slice(PRODUCTION_BASE_PATH.length) || '/';
    }
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      return serveControl(req, res, path.slice(CONTROL_PREFIX.length), target.search);
    }
    if (v2 && v2Api && (path === v2.basePath || path.startsWith(`${v2.basePath}/`))) {
      return handleApi(v2, req, res, path.slice(v2.basePath.length) || '/', target.search, v2Api);
    }
    return handleApi(engine, req, res, path, target.search, api);
  }

  async function serveControl(req: IncomingMessage, res: ServerResponse, path: string, search: string) {
    const raw = await readBody(req, CONTROL_MAX_BODY);
    if (raw === 'too-large') {
      return sendJson(
        res,
        413,
        wordpressError(413, 'rest_request_too_large', `Control calls take at most ${CONTROL_MAX_BODY} bytes.`),
      );
    }
    const refused = guard.check(req, raw.length > 0);
    if (refused) return sendJson(res, refused.data.status, refused);
    let body: unknown;
    if (raw.length > 0) {
      const parsed = parseJson(raw);
      if (!parsed.ok) return sendJson(res, 400, wordpressError(400, 'rest_invalid_json', parsed.reason));
      body = parsed.value;
    }
    const query = Object.fromEntries(new URLSearchParams(search));
    const answer = await handleControl({ path, method: req.method ?? 'GET', body, query }, control, options.control);
    return sendJson(res, answer.status, answer.body);
  }

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
    operationCount,
    versions: {
      v1: { basePath: '', operationCount: engine.operations.length },
      ...(v2 ? { v2: { basePath: v2.basePath, operationCount: v2.operations.length } } : {}),
    },
    controlToken,
    controlHeaders: () => ({ 'x-wawp-control-token': controlToken, 'content-type': 'application/json' }),
    close: () => {
      shutdown.abort();
      return closeServer(server);
    },
  };
}

/** Path characters the URL parser keeps as they are (no `.`, `%`, backslash, `#` or space). */
const PLAIN_PATH = /^\/[A-Za-z0-9/_~!$&'()*+,;=:@-]*$/;

/** The raw path and query of a request target; `//x` stays a path, never an authority. */
function splitTarget(raw: string): { path: string; search: string } | undefined {
  let target = raw;
  if (!target.startsWith('/')) {
    // Absolute-form (`GET http://host/path`), which proxies send.
    try {
      const url = new URL(target);
      target = `${url.pathname}${url.search}`;
    } catch {
      return undefined;
    }
  }
  const at = target.indexOf('?');
  const rawPath = at < 0 ? target : target.slice(0, at);
  const search = at < 0 ? '' : target.slice(at);
  // A path of these characters alone is its own normal form: no dot segment, nothing to
  // percent-encode, no backslash or fragment for the URL parser to rewrite.
  if (PLAIN_PATH.test(rawPath)) return { path: rawPath, search };
  try {
    // Resolves `.` and `..` segments (also `%2e%2e`) the way servers in front of WordPress do.
    return { path: new URL(`http://mock.invalid${rawPath}`).pathname, search };
  } catch {
    return undefined;
  }
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
