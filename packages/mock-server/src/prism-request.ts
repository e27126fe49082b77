// Prism's request steps for one operation the mock has routed itself, run directly.
// `prism.request` (prism-core's factory) routes among the operations it is handed, checks
// security and the request, mocks, and chains it all through fp-ts TaskEithers; profiled
// under load, that pipeline was about a third of an answer's CPU time. This runs the same
// validators and the same mocker, synchronously, in the same order, and leaves out only work
// that cannot change the result:
// - routing. Handed one operation and the path the mock built from that operation's own
//   template (placement/canonical.ts: each variable replaced by an encodeURIComponent value,
//   which has no `/`), with the operation's own method and no base URL, Prism's router
//   always returns that operation: it compares the fragments one by one, a variable's
//   fragment matches anything, and servers are compared only when the request names one;
// - reading path parameters an operation does not have. Prism parses the operation's path
//   template (a URI template and a regular expression per call) to find values it then
//   validates against no parameter at all;
// - working out the documented answer again. For a valid request, Prism's static answer
//   depends on nothing but the operation and the mock settings (the status and example asked
//   for, the Accept header): it is kept per operation and setting, and handed out as Prism
//   hands out its examples, the same objects each time. Generated answers (dynamic), invalid
//   requests and operations with callbacks (which send requests of their own) go to Prism's
//   mocker every time;
// - checking the credentials again the same way. When every scheme of an operation is an API
//   key in the query string or a header, Prism's security check reads nothing but whether
//   each of those is set (a value that is not empty): its findings are kept per combination
//   of yes and no. Any other scheme (Bearer, Basic, a cookie, an optional alternative) reads
//   header values, and is checked by Prism every time.
import type { IPrismDiagnostic, IPrismOutput } from '@stoplight/prism-core';
import type { IHttpConfig, IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { prismMock, prismValidator } from './prism-modules.js';
import { rememberedPer } from './remembered.js';

export type PrismResult =
  | { ok: true; value: IPrismOutput<IHttpResponse> }
  | { ok: false; error: Error & { status?: number; detail?: string } };

type Logger = Parameters<ReturnType<typeof prismMock>>[0];
type MockOutcome = ReturnType<ReturnType<typeof prismMock>>;

/** Settings a static answer is remembered under per operation; more are answered afresh (Accept headers vary). */
const KEPT_ANSWERS_PER_OPERATION = 16;

/** Runs Prism's steps for `operation` (from the mock's router) on `input`, as `prism.request` would. */
export function createPrismRequest(logger: Logger) {
  const keptAnswers = rememberedPer((_operation: IHttpOperation) => new Map<string, MockOutcome>());
  const keptSecurity = rememberedPer(
    (operation: IHttpOperation): SecurityFindings => ({ reads: presenceReads(operation), findings: new Map() }),
  );
  const validatedView = rememberedPer(withoutEmptyPath);

  const security = (operation: IHttpOperation, input: IHttpRequest): readonly IPrismDiagnostic[] => {
    const known = keptSecurity(operation);
    const check = () => {
      const checked = prismValidator.validateSecurity({ resource: operation, element: input });
      return checked._tag === 'Left' ? checked.left : [];
    };
    if (!known.reads) return check();
    let key = '';
    for (const read of known.reads) key += read(input) ? '1' : '0';
    let findings = known.findings.get(key);
    if (!findings) {
      findings = check();
      known.findings.set(key, findings);
    }
    return findings;
  };

  const mock = (
    operation: IHttpOperation,
    input: IHttpRequest,
    validations: IPrismDiagnostic[],
    config: IHttpConfig['mock'],
  ): MockOutcome => {
    const run = () => prismMock({ resource: operation, input: { data: input, validations }, config })(logger);
    const key = staticAnswerKey(operation, input, validations, config);
    if (key === undefined) return run();
    const answers = keptAnswers(operation);
    const known = answers.get(key);
    if (known) return known;
    const outcome = run();
    if (outcome._tag === 'Right' && answers.size < KEPT_ANSWERS_PER_OPERATION) answers.set(key, outcome);
    return outcome;
  };

  return (operation: IHttpOperation, input: IHttpRequest, config: IHttpConfig): PrismResult => {
    // prism-core: security first, then the request; every finding of both, in that order.
    const validations: IPrismDiagnostic[] = [];
    if (config.checkSecurity) validations.push(...security(operation, input));
    if (config.validateRequest) {
      const resource = validatedView(operation);
      const request = prismValidator.validateInput({ resource, element: input });
      if (request._tag === 'Left') validations.push(...request.left);
    }
    const outcome = mock(operation, input, validations, config.mock);
    if (outcome._tag === 'Left') return { ok: false, error: outcome.left };
    const output = outcome.right;
    let outputFindings: IPrismDiagnostic[] = [];
    if (config.validateResponse) {
      const checked = prismValidator.validateOutput({ resource: operation, element: output });
      if (checked._tag === 'Left') outputFindings = checked.left;
    }
    return { ok: true, value: { output, validations: { input: validations, output: outputFindings } } };
  };
}

interface SecurityFindings {
  /** What the check reads of a request, when that is only whether some values are set. */
  reads: ((input: IHttpRequest) => boolean)[] | undefined;
  /** The findings for each combination of the reads' answers ('' when all pass). */
  findings: Map<string, readonly IPrismDiagnostic[]>;
}

/**
 * Whether each API key of the operation's security is set, as Prism's handlers ask it
 * (`lodash.get` on the query or the lower-cased header name, then truthiness); undefined when
 * a scheme of the operation reads more than that.
 */
function presenceReads(operation: IHttpOperation): SecurityFindings['reads'] {
  const reads: ((input: IHttpRequest) => boolean)[] = [];
  for (const alternative of operation.security ?? []) {
    // An empty alternative (security optional) asks whether an Authorization header is sent.
    if (alternative.length === 0) return undefined;
    for (const scheme of alternative) {
      if (scheme.type !== 'apiKey') return undefined;
      const { name } = scheme;
      if (scheme.in === 'query') reads.push((input) => Boolean(input.url.query?.[name]));
      else if (scheme.in === 'header') {
        const header = name.toLowerCase();
        reads.push((input) => Boolean(input.headers?.[header]));
      } else return undefined;
    }
  }
  return reads;
}

/**
 * The key a static answer is kept under, or undefined when the answer must be worked out
 * afresh. The mocker reads these settings, and the Accept header when no media types are set.
 */
function staticAnswerKey(
  operation: IHttpOperation,
  input: IHttpRequest,
  validations: IPrismDiagnostic[],
  config: IHttpConfig['mock'],
): string | undefined {
  if (config.dynamic || (operation.callbacks?.length ?? 0) > 0) return undefined;
  // An invalid request gets Prism's error answer, built from its findings.
  if (validations.some((v) => v.severity === 0)) return undefined;
  const accept = config.mediaTypes === undefined ? acceptOf(input.headers) : undefined;
  // Most calls choose nothing: their key is the Accept header alone ('-' or '+' first, where
  // a key of choices starts with '[').
  if (
    config.code === undefined &&
    config.exampleKey === undefined &&
    config.mediaTypes === undefined &&
    config.ignoreExamples === undefined
  ) {
    return accept === undefined ? '-' : `+${accept}`;
  }
  return JSON.stringify([config.code, config.exampleKey, config.mediaTypes, config.ignoreExamples, accept]);
}

/** The Accept header as Prism's mocker finds it (any spelling of the name). */
function acceptOf(headers: IHttpRequest['headers']): string | undefined {
  if (!headers) return undefined;
  if (headers.accept !== undefined) return headers.accept;
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'accept') return headers[name];
  return undefined;
}

/**
 * The operation as Prism's request validator sees it: without its list of path parameters
 * when that list is empty, so the validator does not parse the template to read values it
 * has nothing to validate against (a missing list and an empty one validate alike).
 */
function withoutEmptyPath(operation: IHttpOperation): IHttpOperation {
  const { request } = operation;
  return request?.path && request.path.length === 0
    ? (Object.create(operation, {
        request: { value: { ...request, path: undefined }, enumerable: true },
      }) as IHttpOperation)
    : operation;
}
