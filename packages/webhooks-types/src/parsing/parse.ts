import { webhookEventNames } from '../generated/events.js';
import type { UnknownWebhookEvent, WawpWebhookEvent, WebhookEventName } from '../generated/types.js';
import { eventValidators, type ValidationProblem, validateEnvelope } from '../generated/validators.js';
import { decodeUtf8 } from './utf8.js';

export type { ValidationProblem } from '../generated/validators.js';

/** Thrown by `parseWebhook` when a body is not UTF-8, not JSON, or does not match its event's schema. */
export class WebhookParseError extends Error {
  override readonly name = 'WebhookParseError';
  /** JSON pointer of the field that failed (`/payload/id`); empty for the body as a whole. */
  readonly path: string;
  /** The validator's findings (empty for a JSON syntax error). */
  readonly problems: readonly ValidationProblem[];

  constructor(message: string, path: string, problems: readonly ValidationProblem[] = []) {
    super(message);
    this.path = path;
    this.problems = problems;
  }
}

const known = new Set<string>(webhookEventNames);

/** True for events this version has a schema and a type for; narrows away `UnknownWebhookEvent`. */
export function isKnownWebhookEvent(event: WawpWebhookEvent | UnknownWebhookEvent): event is WawpWebhookEvent {
  return known.has(event.event);
}

/** True when `name` is an event name this version knows. */
export const isWebhookEventName = (name: string): name is WebhookEventName => known.has(name);

/** The field a problem is about: for a missing property, the property itself. */
function pathOf(problem: ValidationProblem): string {
  const missing = problem.keyword === 'required' ? problem.params.missingProperty : undefined;
  return typeof missing === 'string'
    ? `${problem.instancePath}/${missing.replaceAll('~', '~0').replaceAll('/', '~1')}`
    : problem.instancePath;
}

function describe(problem: ValidationProblem): string {
  const p = problem.params;
  switch (problem.keyword) {
    case 'required':
      return 'is required';
    case 'type':
      return `must be of type ${Array.isArray(p.type) ? p.type.join(' or ') : String(p.type)}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return 'does not have the expected format';
    case 'anyOf':
    case 'oneOf':
      return 'matches none of the accepted forms';
    default:
      return `fails the "${problem.keyword}" rule`;
  }
}

/** The most specific problem: the deepest path wins, so `/payload/id` beats `/payload`. */
function mainProblem(problems: readonly ValidationProblem[]): ValidationProblem | undefined {
  let best: ValidationProblem | undefined;
  let bestDepth = -1;
  for (const problem of problems) {
    const depth = pathOf(problem).split('/').length;
    if (depth > bestDepth) {
      best = problem;
      bestDepth = depth;
    }
  }
  return best;
}

/**
 * Parses and validates one delivery body. Known events are checked against their schema and
 * returned typed (narrow on `event`); an event name this version does not know is returned
 * as `UnknownWebhookEvent` once its envelope checks out. Throws `WebhookParseError` naming
 * the failing field otherwise. Verify the signature over the same raw body first.
 */
export function parseWebhook(rawBody: string | Uint8Array): WawpWebhookEvent | UnknownWebhookEvent {
  const text = typeof rawBody === 'string' ? rawBody : decodeUtf8(rawBody);
  if (text === undefined) throw new WebhookParseError('the body is not valid UTF-8', '');
  return parseWebhookText(text);
}

/** `parseWebhook` for a body already decoded to text (the receiver decodes once, strictly). */
export function parseWebhookText(text: string): WawpWebhookEvent | UnknownWebhookEvent {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WebhookParseError('webhook body is not valid JSON', '');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new WebhookParseError('webhook body must be a JSON object', '');
  }
  const name = (data as { event?: unknown }).event;
  const validate = (typeof name === 'string' && eventValidators.get(name)) || validateEnvelope;
  if (validate(data)) return data as WawpWebhookEvent | UnknownWebhookEvent;
  const problems = validate.errors ?? [];
  const problem = mainProblem(problems);
  const path = problem ? pathOf(problem) : '';
  const what = typeof name === 'string' && known.has(name) ? `${name} delivery` : 'webhook envelope';
  throw new WebhookParseError(
    `${what}: ${path || 'body'} ${problem ? describe(problem) : 'is invalid'}`,
    path,
    problems,
  );
}
