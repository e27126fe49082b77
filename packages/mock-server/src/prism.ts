// The Prism engine, used in-process: routing, request validation (parameters, bodies and
// security) and example selection come from Prism; the HTTP layer around it is ours, so
// errors can take the Wawp (WordPress) shape and no per-request logging slows it down.
import { createRequire } from 'node:module';
import type { IHttpConfig, IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { whenRead } from './lazy-property.js';
import { type Canonicalize, createCanonicalizer } from './placement/canonical.js';
import { type CredentialAliases, credentialAliasesOf } from './placement/credentials.js';
import { type PlacementRule, placementRuleOf } from './placement/rule.js';
import { prismHttp, schemaFaker } from './prism-modules.js';
import { readPrismOperations } from './prism-operations.js';
import { createPrismRequest, type PrismResult } from './prism-request.js';
import { createQueryCheck, type QueryCheck } from './query-checks.js';
import { rememberedPer } from './remembered.js';
import { createRouter, type Route } from './router.js';
import { readSpecFile, SpecFile } from './spec-file.js';
import type { ParameterNames } from './wordpress-errors.js';

const require = createRequire(import.meta.url);

export type { PrismResult } from './prism-request.js';

export interface MockEngine {
  operations: IHttpOperation[];
  /** Lower-cased parameter name → the spelling of the spec, for naming parameters in errors. */
  parameterNames: ParameterNames;
  /** The query checks Prism leaves out (see query-checks.ts). */
  checkQuery: QueryCheck;
  /** The operation a method and path belong to, if any, with the path's parameters. */
  route: Route;
  /** Where parameters may travel and which placement wins (the spec's x-wawp-parameter-placement). */
  placement: PlacementRule;
  /** Puts merged parameters where the spec documents them, for Prism to validate. */
  canonicalize: Canonicalize;
  /** Every credential the document's security schemes read from the query string. */
  credentialNames: readonly string[];
  /** The header (or Bearer) spellings of an operation's query credential, if it has any. */
  credentialAliases(operation: IHttpOperation): CredentialAliases | undefined;
  /** The path of the document's first server URL (`/v2`), '' when it has none. */
  basePath: string;
  /** True when the operation's default (lowest 2xx) answer documents no example to serve. */
  lacksExample(operation: IHttpOperation): boolean;
  /**
   * Runs Prism. With `operation` (from `route`), Prism only considers that one; without,
   * it searches the whole document and produces its no-route errors.
   */
  request(input: IHttpRequest, mock: Partial<IHttpConfig['mock']>, operation?: IHttpOperation): Promise<PrismResult>;
  /**
   * Runs Prism for an operation whose answer documents no example: the answer is generated
   * from its schema, seeded by the operation so it repeats, and checked against that schema
   * (the generator does not always honour `oneOf` and `pattern`); the first of a few seeds
   * whose answer is valid is kept for the operation.
   */
  generate(input: IHttpRequest, operation: IHttpOperation): Promise<PrismResult>;
}

/**
 * Prism's log, which the mock never shows: a silent pino logger still built a child logger
 * for every request (Prism asks for one per answer), a share of each answer's time. Prism
 * only calls these methods on it.
 */
const noop = () => {};
export const SILENT_LOGGER = {
  level: 'silent',
  child: () => SILENT_LOGGER,
  fatal: noop,
  error: noop,
  warn: noop,
  info: noop,
  success: noop,
  debug: noop,
  trace: noop,
} as unknown as Parameters<typeof prismHttp.createInstance>[1]['logger'];

/** What Prism checks of every call, whatever it answers with. */
export const PRISM_CHECKS: Omit<Extract<IHttpConfig, { isProxy: false }>, 'mock'> = {
  checkSecurity: true,
  validateRequest: true,
  // Responses come from the spec's own examples, which the spec's tests validate already.
  validateResponse: false,
  errors: false,
  upstreamProxy: undefined,
  isProxy: false,
};

/** Seeds tried for a generated answer before the last one's answer is served as it is. */
const GENERATION_SEEDS = 8;

/** Path of the bundled OpenAPI document that ships with @wawp/spec. */
export function bundledSpecPath(): string {
  return require.resolve('@wawp/spec/openapi.json');
}

/** Path of the bundled v2 OpenAPI document that ships with @wawp/spec. */
export function bundledV2SpecPath(): string {
  return require.resolve('@wawp/spec/openapi-v2.json');
}

export interface EngineOptions {
  /**
   * A path to an OpenAPI document, or the parsed document (or a `SpecFile`, a file already
   * read); defaults to the bundled Wawp spec.
   */
  spec?: string | object;
  /** Generate data from the schemas instead of serving the documented examples. */
  dynamic?: boolean;
  /** Seed for dynamic data, so the same request gives the same answer. */
  seed?: string | number;
}

export async function createMockEngine(options: EngineOptions = {}): Promise<MockEngine> {
  const spec = options.spec ?? bundledSpecPath();
  const file = spec instanceof SpecFile ? spec : typeof spec === 'string' ? readSpecFile(spec) : undefined;
  const reading = await readPrismOperations(file ? file.path : spec, file?.bytes);
  const { operations } = reading;
  if (operations.length === 0) throw new Error('the OpenAPI document has no operations to mock');
  // Only the root is read here (the placement rule, the servers); a stored reading has it.
  const document = reading.document ?? (file ? file.document : spec);
  const placement = placementRuleOf(document);
  preferNamedExamples(operations);
  // Only an error answer names parameters, and it may name one of any operation.
  let names: Map<string, string> | undefined;
  const parameterNames: ParameterNames = {
    get(name) {
      names ??= collectParameterNames(operations);
      return names.get(name);
    },
  };
  const baseConfig: IHttpConfig = {
    ...PRISM_CHECKS,
    mock: {
      dynamic: options.dynamic ?? false,
      ...(options.seed !== undefined ? { seed: String(options.seed) } : {}),
    },
  };
  // Prism's own pipeline, made when a search of the whole document first needs it (it loads
  // Prism's entry module, which a routed request never uses).
  let prism: ReturnType<typeof prismHttp.createInstance> | undefined;
  // A routed request runs Prism's steps directly (prism-request.ts); only a search of the
  // whole document goes through Prism's own pipeline.
  const requestFor = createPrismRequest(SILENT_LOGGER);
  const seeds = new Map<IHttpOperation, string>();
  const run = async (input: IHttpRequest, config: IHttpConfig, operation?: IHttpOperation): Promise<PrismResult> => {
    if (operation) return requestFor(operation, input, config);
    prism ??= prismHttp.createInstance(baseConfig, { logger: SILENT_LOGGER });
    const result = await prism.request(input, operations, config)();
    return result._tag === 'Right' ? { ok: true, value: result.right } : { ok: false, error: result.left };
  };
  // What the pipeline asks about an operation is worked out when it first asks: a stored
  // reading parses an operation's request and responses only when they are read.
  return {
    operations,
    parameterNames,
    checkQuery: createQueryCheck(),
    route: createRouter(operations),
    placement,
    canonicalize: createCanonicalizer(),
    credentialNames: collectCredentialNames(operations),
    credentialAliases: rememberedPer(credentialAliasesOf),
    basePath: serverPath(document),
    lacksExample: rememberedPer(lacksDefaultExample),
    async request(input, mock, operation) {
      const config = { ...baseConfig, mock: { ...baseConfig.mock, ...mock } } as IHttpConfig;
      if (config.mock.dynamic && config.mock.seed === undefined)
        schemaFaker.JSONSchemaFaker.option('random', Math.random);
      return run(input, config, operation);
    },
    async generate(input, operation) {
      const known = seeds.get(operation);
      const name = operation.iid ?? operation.id;
      let result: PrismResult | undefined;
      for (let i = 0; i < (known ? 1 : GENERATION_SEEDS); i++) {
        const seed = known ?? `${name}#${i}`;
        const mock = { ...baseConfig.mock, dynamic: true, seed };
        result = await run(input, { ...baseConfig, validateResponse: !known, mock } as IHttpConfig, operation);
        // An invalid request gets its error answer from the pipeline: no seed would help it.
        if (known || !result.ok || result.value.validations.input.some((v) => v.severity === 0)) return result;
        if (!result.value.validations.output.some((v) => v.severity === 0)) {
          seeds.set(operation, seed);
          return result;
        }
      }
      return result as PrismResult;
    },
  };
}

/** The lowest 2xx answer has content, none of it with an example (Prism would make up values that ignore `pattern`). */
function lacksDefaultExample(operation: IHttpOperation): boolean {
  const success = operation.responses
    .filter((r) => /^2\d\d$/.test(r.code))
    .sort((a, b) => a.code.localeCompare(b.code))[0];
  const contents = success?.contents ?? [];
  return contents.length > 0 && contents.every((c) => (c.examples ?? []).length === 0);
}

/** `https://api.wawp.net/v2` → `/v2`; '' for a root, a relative or a missing server. */
function serverPath(document: unknown): string {
  const url = (document as { servers?: { url?: unknown }[] } | null)?.servers?.[0]?.url;
  if (typeof url !== 'string') return '';
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function collectCredentialNames(operations: IHttpOperation[]): string[] {
  const names = new Set<string>();
  for (const { security } of operations) {
    for (const alternative of security ?? []) {
      for (const scheme of alternative) if (scheme.type === 'apiKey' && scheme.in === 'query') names.add(scheme.name);
    }
  }
  return [...names];
}

function collectParameterNames(operations: IHttpOperation[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { request } of operations) {
    for (const param of [...(request?.query ?? []), ...(request?.path ?? []), ...(request?.headers ?? [])]) {
      names.set(param.name.toLowerCase(), param.name);
    }
  }
  return names;
}

/**
 * Prism's spec reader puts a response schema's own `examples[0]` first, under the key
 * `default`, ahead of the media type's named examples, and then serves that one. The named
 * examples are the ones written for the operation, so they go first; the schema's example
 * stays available (`Prefer: example=default`) and is served when it is the only one.
 */
export function preferNamedExamples(operations: IHttpOperation[]): void {
  for (const operation of operations) {
    // Before anything sees the responses, also when they are read later (prism-operations.ts).
    whenRead<IHttpOperation['responses']>(operation, 'responses', (responses) => {
      for (const { contents } of responses) {
        for (const content of contents ?? []) {
          const examples = content.examples;
          if (!examples || examples.length < 2 || examples[0]?.key !== 'default') continue;
          examples.push(examples.shift()!);
        }
      }
    });
  }
}
