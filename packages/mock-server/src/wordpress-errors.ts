// Turns Prism's findings into the error bodies the real API sends. WordPress answers every
// failure as `{ code, message, data: { status } }`; clients branch on `code`.
import type { IPrismDiagnostic } from '@stoplight/prism-core';

export interface WordPressError {
  code: string;
  message: string;
  data: { status: number; params?: string[] | Record<string, string> };
}

export function wordpressError(
  status: number,
  code: string,
  message: string,
  params?: WordPressError['data']['params'],
): WordPressError {
  return { code, message, data: params ? { status, params } : { status } };
}

/** One validation finding, whether Prism reported it as a diagnostic or inside its 422 problem. */
export interface Finding {
  /** `[location, name, ...nested]`, e.g. `['query', 'file', 'url']` or `['body', 'status']`. */
  path?: readonly (string | number)[] | undefined;
  code?: string | number | undefined;
  message: string;
}

/** A lower-cased parameter name → the spec's spelling of it. */
export interface ParameterNames {
  get(lowerCased: string): string | undefined;
}

/** What the error builders need to know about the request beyond Prism's findings. */
export interface RequestContext {
  /** The query the caller sent, to tell a missing token from a missing instance. */
  query: Record<string, unknown>;
  /**
   * Prism lower-cases parameter names in its findings; this maps a lower-cased name back
   * to the spelling of the spec (`chatid` → `chatId`).
   */
  parameterNames?: ParameterNames;
  /** Required parameters the mock found missing itself (Prism overlooks absent deepObject ones). */
  missing?: readonly string[];
  /** Invalid parameters the mock found itself, name → problem. */
  invalid?: Readonly<Record<string, string>>;
}

/**
 * Builds the 401 or 400 body for a request that failed validation, or undefined when none
 * of the findings is an error. Security findings win: an unauthenticated caller learns
 * nothing about its parameters.
 */
export function errorForInvalidRequest(
  findings: IPrismDiagnostic[],
  context: RequestContext,
): WordPressError | undefined {
  return errorForFindings(
    findings.filter((f) => f.severity === 0),
    context,
  );
}

function errorForFindings(errors: Finding[], context: RequestContext): WordPressError | undefined {
  const ownInvalid = Object.entries(context.invalid ?? {});
  if (errors.length === 0 && !context.missing?.length && ownInvalid.length === 0) return undefined;
  if (errors.some((f) => String(f.code) === '401')) return credentialsError(context.query);
  const missing: string[] = [];
  const invalid: Record<string, string> = {};
  for (const f of errors) {
    const { name, nested } = parameterName(f, context.parameterNames);
    // WordPress reports an absent top-level parameter as "missing"; an absent member of an
    // object parameter (file[url]) makes the parameter itself invalid.
    if (String(f.code) === 'required' && !nested) {
      if (!missing.includes(name)) missing.push(name);
    } else {
      invalid[name] ??= describeProblem(name, f);
    }
  }
  for (const name of context.missing ?? []) if (!missing.includes(name)) missing.push(name);
  for (const [name, problem] of ownInvalid) invalid[name] ??= problem;
  if (missing.length > 0) {
    return wordpressError(400, 'rest_missing_callback_param', `Missing parameter(s): ${missing.join(', ')}`, missing);
  }
  const names = Object.keys(invalid);
  return wordpressError(400, 'rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, invalid);
}

/** The 401 body: a missing token is `invalid_access_token`, otherwise the instance is at fault. */
export function credentialsError(query: Record<string, unknown>): WordPressError {
  return query.access_token === undefined || query.access_token === ''
    ? wordpressError(401, 'invalid_access_token', 'The access_token parameter is missing or not valid.')
    : wordpressError(401, 'invalid_instance', 'The instance_id parameter is missing or does not name an instance.');
}

/**
 * Names the parameter a finding is about, WordPress style: `chatId`, `file[url]`,
 * `status` for a body field, `options[retries]` for a nested body field.
 */
function parameterName(finding: Finding, names: ParameterNames | undefined): { name: string; nested: boolean } {
  const [location, ...rest] = (finding.path ?? []).map(String);
  const requiredMember = /required property '([^']+)'/.exec(finding.message)?.[1];
  if (requiredMember !== undefined) rest.push(requiredMember);
  const [first, ...members] = rest;
  if (first === undefined) {
    const isBody = location === 'body' || /^body\b/i.test(finding.message);
    return { name: isBody ? 'body' : (location ?? 'request'), nested: false };
  }
  const top = location === 'body' ? first : (names?.get(first.toLowerCase()) ?? first);
  return { name: top + members.map((m) => `[${m}]`).join(''), nested: members.length > 0 };
}

/** `"limit must be >= 1"`: Prism's wording after the subject, behind our own parameter name. */
function describeProblem(name: string, finding: Finding): string {
  if (String(finding.code) === 'required') return `${name} is required.`;
  const at = finding.message.indexOf(' must ');
  const problem = at >= 0 ? finding.message.slice(at + 1) : `is not valid (${finding.message})`;
  return `${name} ${problem}.`;
}

interface PrismFailure {
  status?: number;
  name?: string;
  detail?: string;
  additional?: { validation?: { location?: (string | number)[]; code?: string | number; message?: string }[] };
}

/** The error for Prism's own failures (no route, no method, nothing to answer with). */
export function errorForPrismFailure(error: PrismFailure, context: RequestContext): WordPressError {
  const kind = error.name ?? '';
  if (kind.endsWith('NO_PATH_MATCHED_ERROR') || kind.endsWith('NO_METHOD_MATCHED_ERROR')) {
    return wordpressError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }
  // An invalid request to an operation that documents no 400 or 422 response: Prism gives up
  // with its own 422 problem, which still lists the findings.
  const validation = error.additional?.validation;
  if (Array.isArray(validation) && validation.length > 0) {
    const findings = validation.map((v) => ({ path: v.location, code: v.code, message: v.message ?? '' }));
    const built = errorForFindings(findings, context);
    if (built) return built;
  }
  if (error.status === 401) return credentialsError(context.query);
  if (kind.endsWith('NOT_FOUND') && error.status === 404) {
    // Raised when `Prefer: code=…` or `example=…` names a response the operation does not document.
    return wordpressError(
      400,
      'mock_response_not_documented',
      `The requested mock response does not exist: ${error.detail ?? 'unknown status or example'}`,
    );
  }
  if (error.status === 406) {
    return wordpressError(406, 'rest_not_acceptable', error.detail ?? 'No response matches the Accept header.');
  }
  if (error.status === 415) {
    return wordpressError(415, 'rest_unsupported_media_type', error.detail ?? 'The Content-Type is not accepted.');
  }
  if (error.status !== undefined && error.status >= 400 && error.status < 500) {
    return wordpressError(400, 'rest_invalid_param', error.detail ?? 'The request is not valid.');
  }
  return wordpressError(500, 'internal_server_error', error.detail ?? 'The mock server could not build a response.');
}
