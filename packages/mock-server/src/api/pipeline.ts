// The API side of the mock, one request at a time:
//   1. read the body (size cap) and check the media-type headers' syntax;
//   2. gather the parameters from every placement (query string and form body read the PHP
//      way, JSON body) and merge them by the spec's placement rule (placement/);
//   3. route; a path with broken percent-encoding is 401 without credentials, else 400;
//   4. put each parameter where the spec documents it (placement/canonical.ts) and let Prism
//      validate credentials, parameters and body; our own checks add what Prism misses;
//   5. SEAM: after validation, before the documented example, `responder` may answer instead
//      (the sandbox's state lives there; see api/hooks.ts);
//   6. otherwise serve Prism's answer (the documented example, or the one the caller chose).
// Every answer is also handed to `observe` (a request journal).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IHttpConfig, IHttpRequest } from '@stoplight/prism-http';
import type { HttpMethod } from '@stoplight/types';
import { parseJson, readBody } from '../http/body.js';
import { isJsonMediaType, isValidAccept, isValidContentType, mediaTypeOf } from '../http/media.js';
import { flattenHeaders, headWith, jsonOfUnshared, sendJson, setApiCorsHeaders } from '../http/respond.js';
import { credentialFromHeaders } from '../placement/credentials.js';
import { type Merged, mergeSources, type Sources } from '../placement/merge.js';
import { parsePhpPairs, parsePhpQuery } from '../placement/php.js';
import type { MockEngine } from '../prism.js';
import { isPromiseLike } from '../promise-like.js';
import {
  credentialsError,
  errorForInvalidRequest,
  errorForPrismFailure,
  type RequestContext,
  wordpressError,
} from '../wordpress-errors.js';
import type { ExchangeObserver, MockAnswer, Responder } from './hooks.js';
import {
  MAGIC_QUERY_PREFIX,
  type MockPreferences,
  magicPreferences,
  preferences,
  undocumentedChoice,
} from './preferences.js';

export interface ApiSettings {
  maxBodyBytes: number;
  /** Which API version this engine serves, and the path it is mounted under ('' for v1, '/v2'). */
  api?: { name: 'v1' | 'v2'; mount: string };
  responder?: Responder;
  observe?: ExchangeObserver;
}

const NO_PARAMS: Merged = { params: {}, from: {} };

/** Answers one API request. `path` has the production base path removed; `search` starts with `?` or is empty. */
export async function handleApi(
  engine: MockEngine,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
  settings: ApiSettings,
): Promise<void> {
  // When the call arrived, for the journal (`observe`) alone.
  const at = settings.observe ? Date.now() : 0;
  let merged = NO_PARAMS;
  let operationId: string | undefined;
  const api = settings.api?.name ?? 'v1';
  // What the journal and the responder see: the path as the caller sent it, mount included.
  const fullPath = `${settings.api?.mount ?? ''}${path}`;
  const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
    sendJson(res, status, body, headers);
    // Told once the answer is written, in the same turn (before the caller can read it or
    // ask the journal): the client has its answer a little sooner, and an observer that
    // throws no longer turns the answer into a 500. Two literals rather than a spread of
    // the optional id: no copy of properties per call.
    const { observe } = settings;
    if (!observe) return;
    const method = req.method ?? 'GET';
    const params = merged.params;
    observe(
      operationId
        ? { at, api, method, path: fullPath, operationId, params, status, body }
        : { at, api, method, path: fullPath, params, status, body },
    );
  };

  setApiCorsHeaders(req, res);
  if (req.method === 'OPTIONS') {
    res
      .writeHead(204, headWith(res, { 'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS' }))
      .end();
    return;
  }
  const raw = await readBody(req, settings.maxBodyBytes);
  if (raw === 'too-large') {
    return answer(
      413,
      wordpressError(413, 'rest_request_too_large', `The request body exceeds ${settings.maxBodyBytes} bytes.`),
    );
  }
  const contentType = req.headers['content-type'];
  if (contentType !== undefined && !isValidContentType(contentType)) {
    return answer(415, wordpressError(415, 'rest_unsupported_media_type', 'The Content-Type header is malformed.'));
  }
  const accept = req.headers.accept;
  if (accept !== undefined && !isValidAccept(accept)) {
    return answer(406, wordpressError(406, 'rest_not_acceptable', 'The Accept header is malformed.'));
  }

  // 2. Every placement, read as WordPress reads it.
  const params = new URLSearchParams(search);
  const magic: Record<string, string> = {};
  const queryPairs: [string, string][] = [];
  for (const [key, value] of params) {
    if (key.startsWith(MAGIC_QUERY_PREFIX)) magic[key] = value;
    else queryPairs.push([key, value]);
  }
  const sources: Sources = { query: parsePhpPairs(queryPairs), path: {} };
  const type = contentType === undefined ? '' : mediaTypeOf(contentType);
  if (raw.length > 0 && isJsonMediaType(type)) {
    const parsed = parseJson(raw);
    if (!parsed.ok) return answer(400, wordpressError(400, 'rest_invalid_json', parsed.reason));
    if (parsed.value !== null) {
      if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
        const problem = 'body must be a JSON object.';
        return answer(400, wordpressError(400, 'rest_invalid_param', 'Invalid parameter(s): body', { body: problem }));
      }
      sources.json = parsed.value as Record<string, unknown>;
    }
  } else if (raw.length > 0 && type === 'application/x-www-form-urlencoded') {
    sources.form = parsePhpQuery(raw.toString('utf8'));
  }

  // 3. Route, with the path's own parameters as the lowest-precedence source.
  const requested = (req.method ?? 'GET').toLowerCase();
  // HEAD is GET without a body, as in WordPress; node:http drops the body of HEAD answers.
  const method = requested === 'head' ? 'get' : requested;
  const match = engine.route(method, path);
  const decoded = decodePath(path, match?.rawPathParams ?? {});
  if (decoded) sources.path = decoded;
  merged = mergeSources(sources, engine.placement);
  const aliases = match ? engine.credentialAliases(match.operation) : undefined;
  const fromHeader = aliases ? credentialFromHeaders(aliases, merged.params, req.headers) : undefined;
  if (aliases && fromHeader !== undefined) {
    merged = { params: { ...merged.params, [aliases.name]: fromHeader }, from: { ...merged.from } };
  }
  if (!decoded) {
    const names = match ? credentialNamesOf(match.operation) : engine.credentialNames;
    if (names.some((name) => !isNonEmptyText(merged.params[name])))
      return answerError(answer, credentialsError(merged.params));
    return answer(400, wordpressError(400, 'rest_invalid_url', 'The request path has a malformed percent-encoding.'));
  }
  if (!match)
    return answer(404, wordpressError(404, 'rest_no_route', 'No route was found matching the URL and request method.'));
  const { operation } = match;
  operationId = operation.iid ?? operation.id;

  // 4. Validate the call in the spec's own placement.
  const call = engine.canonicalize(operation, merged);
  const own = engine.checkQuery(operation, call.query);
  const context: RequestContext = {
    query: call.query,
    parameterNames: engine.parameterNames,
    missing: own.missing,
    invalid: { ...call.invalid, ...own.invalid },
  };
  let choice: MockPreferences;
  try {
    choice = { ...preferences(req.headers.prefer), ...magicPreferences(magic) };
  } catch (error) {
    return answer(400, wordpressError(400, 'mock_invalid_preference', (error as Error).message));
  }
  const undocumented = undocumentedChoice(operation, choice);
  const requestHeaders = flattenHeaders(req);
  // Prism validates the headers without the body's framing; the body's type is the one it is validated as.
  const headers: Record<string, string> = {};
  for (const name in requestHeaders) {
    if (name !== 'content-length' && name !== 'content-type') headers[name] = requestHeaders[name] as string;
  }
  if (call.body) headers['content-type'] = call.body.mediaType;
  const input: IHttpRequest = {
    // A GET the operation also accepts is validated and answered as the operation's own method.
    method: operation.method.toLowerCase() as HttpMethod,
    url: { path: call.path, query: call.query },
    headers,
    ...(call.body ? { body: bodyFor(call.body.mediaType, call.body.value) } : {}),
  };
  // An answer the description gives no example for is generated from its schema, seeded by
  // the operation so it repeats: Prism's static values ignore patterns and formats.
  const generate =
    !undocumented && choice.code === undefined && choice.exampleKey === undefined && engine.lacksExample(operation);
  const mock = (undocumented ? { dynamic: choice.dynamic } : choice) as Partial<IHttpConfig['mock']>;
  const result =
    generate && choice.dynamic === undefined
      ? await engine.generate(input, operation)
      : await engine.request(input, mock, operation);
  if (!result.ok) return answerError(answer, errorForPrismFailure(result.error, context));
  const { output, validations } = result.value;
  const invalid = errorForInvalidRequest(validations.input, context);
  if (invalid) return answerError(answer, invalid);
  if (undocumented) {
    return answer(
      400,
      wordpressError(
        400,
        'mock_response_not_documented',
        `The requested mock response does not exist: ${undocumented}`,
      ),
    );
  }

  const outHeaders: Record<string, string> = {};
  const prismHeaders = output.headers ?? {};
  for (const name of Object.keys(prismHeaders)) outHeaders[name.toLowerCase()] = String(prismHeaders[name]);
  const documented: MockAnswer = { status: output.statusCode, body: output.body, headers: outHeaders };

  // 5. The seam: a stateful responder may answer instead of the documented example.
  if (settings.responder && choice.code === undefined && choice.exampleKey === undefined) {
    const given = settings.responder({
      api,
      operationId,
      method,
      pathTemplate: operation.path,
      path: fullPath,
      params: merged.params,
      headers: requestHeaders,
      documented,
    });
    // A synchronous answer is used at once: an await would take a turn of the microtask queue.
    const replaced = isPromiseLike(given) ? await given : given;
    if (replaced?.drop) {
      res.socket?.destroy();
      return;
    }
    if (replaced) return send(res, replaced, answer);
  }

  // 6. Prism's answer; when no hook sees it, only the mock holds its body (see jsonOfUnshared).
  return send(res, documented, answer, !settings.responder && !settings.observe);
}

function send(
  res: ServerResponse,
  reply: MockAnswer,
  answer: (status: number, body: unknown, headers?: Record<string, string>) => void,
  unshared = false,
) {
  const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const type = headers['content-type'] ?? 'application/json';
  if (reply.body === undefined || reply.body === null) {
    res.writeHead(reply.status, headWith(res, headers)).end();
  } else if (typeof reply.body === 'string' && !/json/i.test(type)) {
    res.writeHead(reply.status, headWith(res, { ...headers, 'content-type': type })).end(reply.body);
  } else if (/json/i.test(type)) {
    // No hook: nothing to tell, and the body's text is written once.
    if (unshared) return sendJson(res, reply.status, reply.body, headers, jsonOfUnshared(reply.body));
    // Through `answer`, so the journal sees JSON answers too; keep the documented content type.
    return answer(reply.status, reply.body, headers);
  } else {
    res.writeHead(reply.status, headWith(res, { ...headers, 'content-type': type })).end(JSON.stringify(reply.body));
  }
}

function answerError(answer: (status: number, body: unknown) => void, error: { data: { status: number } }) {
  answer(error.data.status, error);
}

/** The path's parameters, decoded; undefined when any segment of the path is badly percent-encoded. */
function decodePath(path: string, raw: Record<string, string>): Record<string, string> | undefined {
  // Without a `%` there is nothing to decode, and nothing that could be badly encoded.
  if (!path.includes('%')) return { ...raw };
  try {
    for (const segment of path.split('/')) decodeURIComponent(segment);
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) out[name] = decodeURIComponent(value);
    return out;
  } catch {
    return undefined;
  }
}

function credentialNamesOf(operation: { security?: { type: string; in?: string; name?: string }[][] }): string[] {
  const names = new Set<string>();
  for (const alternative of operation.security ?? []) {
    for (const scheme of alternative)
      if (scheme.type === 'apiKey' && scheme.in === 'query' && scheme.name) names.add(scheme.name);
  }
  return [...names];
}

function isNonEmptyText(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

/** The body Prism validates: JSON as a value, a form body as its encoded text. */
function bodyFor(mediaType: string, value: unknown): unknown {
  if (mediaType !== 'application/x-www-form-urlencoded') return value;
  const out = new URLSearchParams();
  const add = (prefix: string, item: unknown) => {
    if (item !== null && typeof item === 'object') {
      for (const [k, v] of Object.entries(item)) add(prefix ? `${prefix}[${k}]` : k, v);
    } else if (item !== undefined) out.append(prefix, String(item));
  };
  add('', value);
  return out.toString();
}
