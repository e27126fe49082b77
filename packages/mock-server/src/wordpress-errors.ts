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

/**
 * Builds the 401 or 400 body for a request that failed validation, or undefined when none
 * of the findings is an error. Security findings win: an unauthenticated caller learns
 * nothing about its parameters.
 */
export function errorForInvalidRequest(
  findings: IPrismDiagnostic[],
  query: Record<string, unknown>,
): WordPressError | undefined {
  const errors = findings.filter((f) => f.severity === 0);
  if (errors.length === 0) return undefined;
  if (errors.some((f) => String(f.code) === '401')) {
    return query.access_token === undefined || query.access_token === ''
      ? wordpressError(401, 'invalid_access_token', 'The access_token parameter is missing or not valid.')
      : wordpressError(401, 'invalid_instance', 'The instance_id parameter is missing or does not name an instance.');
  }
  const missing: string[] = [];
  const invalid: Record<string, string> = {};
  for (const f of errors) {
    const name = parameterName(f);
    if (f.code === 'required') missing.push(name);
    else invalid[name] = `${name} ${f.message.replace(/^Request (query|path|header|body)( parameter)? /, '')}`.trim();
  }
  if (missing.length > 0) {
    return wordpressError(400, 'rest_missing_callback_param', `Missing parameter(s): ${missing.join(', ')}`, missing);
  }
  const names = Object.keys(invalid);
  return wordpressError(400, 'rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, invalid);
}

function parameterName(finding: IPrismDiagnostic): string {
  const required = /required property '([^']+)'/.exec(finding.message);
  if (required?.[1]) return required[1];
  const path = finding.path ?? [];
  // Prism reports [location, name, ...nested]; deepObject members read as `file[url]`.
  const [location, name, ...rest] = path;
  if (!name) return location === 'body' ? 'body' : (location ?? 'request');
  return rest.length > 0 ? `${name}[${rest.join('][')}]` : name;
}

/** The error for Prism's own failures (no route, no method, nothing to answer with). */
export function errorForPrismFailure(error: { status?: number; name?: string; detail?: string }): WordPressError {
  const kind = error.name ?? '';
  if (kind.endsWith('NO_PATH_MATCHED_ERROR') || kind.endsWith('NO_METHOD_MATCHED_ERROR')) {
    return wordpressError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }
  if (error.status === 401) {
    return wordpressError(401, 'invalid_access_token', 'The access_token parameter is missing or not valid.');
  }
  if (error.status === 406) {
    return wordpressError(406, 'rest_not_acceptable', error.detail ?? 'No response matches the Accept header.');
  }
  if (error.status !== undefined && error.status >= 400 && error.status < 500) {
    return wordpressError(400, 'rest_invalid_param', error.detail ?? 'The request is not valid.');
  }
  return wordpressError(500, 'internal_server_error', error.detail ?? 'The mock server could not build a response.');
}
