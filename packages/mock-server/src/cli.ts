// `wawp-mock`: runs the mock API in the foreground until Ctrl-C, or sends webhook deliveries.
// Each command loads only what it needs, so `emit` and usage errors do not pay for Prism.
import { parseArgs } from 'node:util';

const HELP = `Usage: wawp-mock [serve] [options]
       wawp-mock inbound <type> --from <contact> [--body <text>] [--data <json>]
       wawp-mock emit <event> --to <url> [--hmac-key <key>] [--count <n>]
       wawp-mock events

serve (default)
  Serves the Wawp API described by @wawp/spec on a local port, validating every request
  like the real API. By default it runs the sandbox: answers come from state (sessions,
  chats, messages and their acks, groups, labels…), and state changes send signed
  webhooks. --static answers with the documented examples instead. v1 is served at the
  root, v2 under /v2, over the same state (its token also as an access-token header or
  Authorization: Bearer).

  --port <n>         port to listen on (0 picks a free one)      [default: 4010]
  --host <addr>      interface to bind                            [default: 127.0.0.1]
  --scenario <file>  the sandbox's starting state (YAML or JSON, see scenario.schema.json)
  --clock <mode>     real, or manual (time moves on POST /__wawp/clock/advance) [default: real]
  --seed <n>         seed for the sandbox's ids (or for --dynamic's data)
  --webhook <url>    send the sandbox's webhooks here too (repeatable)
  --hmac-key <key>   sign those deliveries (X-Webhook-Hmac)
  --static           answer with the documented examples, keeping no state
  --dynamic          static mode with answers generated from the schemas
  --spec <path>      serve another OpenAPI document instead of the bundled v1 (and no v2)
  --control-token <t>
                     the secret /__wawp/ calls send in x-wawp-control-token
                     [default: $WAWP_MOCK_CONTROL_TOKEN, else random, printed]
  --allow-webhook-target <host[:port]>
                     let control calls deliver webhooks to this host too
                     (repeatable; by default only loopback receivers)
  --allow-host <name>
                     accept control calls addressed to this host name too
                     (repeatable; e.g. a Docker service name)

inbound <type>
  A contact does something in a running sandbox: text, media, location, reaction,
  poll_vote, edit, revoke, call, group_join, group_leave, presence, or scan (the phone
  scans the QR).

  --from <contact>   who, e.g. 447700900123@c.us
  --body <text>      the text (text, media caption, edit)
  --data <json>      the other fields as JSON, e.g. '{"messageId":"…","reaction":"👍"}'
  --url <url>        the sandbox                                  [default: http://127.0.0.1:4010]
  --control-token <t> the token it printed                      [default: $WAWP_MOCK_CONTROL_TOKEN]

emit <event>
  POSTs the documented example of a webhook event to a receiver, in the real envelope
  with a fresh id and timestamp, signed with HMAC-SHA512 when a key is given.

  --to <url>         the receiver's URL (required)
  --hmac-key <key>   sign deliveries (X-Webhook-Hmac, X-Webhook-Hmac-Algorithm: sha512)
  --count <n>        number of deliveries                         [default: 1]
  --session <name>   session name to put in the envelope
  --payload <json>   event data to send instead of the documented example's
  --timeout <ms>     how long to wait for each answer             [default: 10000]

events
  Lists the webhook events the emitter knows.

  -h, --help         show this help
`;

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [command = 'serve', ...rest] = positionals;
  const misplaced = Object.keys(values).filter((flag) => flag !== 'help' && !FLAGS_OF[command]?.includes(flag));
  if (FLAGS_OF[command] && misplaced.length > 0) {
    return usageError(`${misplaced.map((f) => `--${f}`).join(', ')} cannot be used with "${command}"`);
  }
  if (command === 'serve' && rest.length === 0) return serve(values);
  if (command === 'emit') return emit(rest, values);
  if (command === 'inbound') return inbound(rest, values);
  if (command === 'events' && rest.length === 0) {
    const { loadWebhookCatalog } = await import('./webhooks/events.js');
    process.stdout.write(`${loadWebhookCatalog().events.join('\n')}\n`);
    return 0;
  }
  return usageError(`unexpected argument(s) "${positionals.join(' ')}"`);
}

const FLAGS_OF: Record<string, string[]> = {
  serve: [
    'port',
    'host',
    'dynamic',
    'seed',
    'spec',
    'static',
    'scenario',
    'clock',
    'webhook',
    'hmac-key',
    'control-token',
    'allow-webhook-target',
    'allow-host',
  ],
  inbound: ['from', 'body', 'data', 'url', 'control-token'],
  emit: ['to', 'hmac-key', 'count', 'session', 'payload', 'timeout'],
  events: [],
};

type Values = ReturnType<typeof parse>['values'];

async function serve(values: Values): Promise<number> {
  const port = wholeNumber(values.port ?? '4010', 0, 65535);
  if (port === undefined) return usageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  // Generated answers keep no state: --dynamic means static mode.
  const isStatic = values.static || values.dynamic;
  if (isStatic) {
    const stateful = ['scenario', 'clock', 'webhook', 'hmac-key'].filter(
      (f) => values[f as keyof Values] !== undefined,
    );
    if (stateful.length > 0)
      return usageError(
        `${stateful.map((f) => `--${f}`).join(', ')} cannot be used with --static: only the sandbox keeps state`,
      );
    if (values.seed !== undefined && !values.dynamic)
      return usageError('--seed with --static only makes sense with --dynamic');
  }
  if (values.clock !== undefined && values.clock !== 'real' && values.clock !== 'manual') {
    return usageError(`--clock must be real or manual, got "${values.clock}"`);
  }
  const seed = values.seed === undefined ? undefined : wholeNumber(values.seed, 0, 2 ** 32 - 1);
  if (values.seed !== undefined && seed === undefined && !isStatic) {
    return usageError(`--seed must be a whole number, got "${values.seed}"`);
  }
  const started = performance.now();
  process.stdout.write('wawp-mock: loading the API description…\n');
  const common = {
    port,
    host: values.host ?? '127.0.0.1',
    ...(values.spec !== undefined ? { spec: values.spec } : {}),
    ...(values['control-token'] !== undefined ? { controlToken: values['control-token'] } : {}),
    allowWebhookTargets: splitList(values['allow-webhook-target']),
    allowControlHosts: splitList(values['allow-host']),
  };
  let server: {
    url: string;
    operationCount: number;
    controlToken: string;
    versions: { v2?: { basePath: string } };
    close(): Promise<void>;
  };
  let mode: string;
  // Only the sandbox reads a scenario: static mode does not load its checks.
  const ScenarioError = isStatic ? undefined : (await import('./sandbox/scenario.js')).ScenarioError;
  try {
    if (isStatic) {
      const { startMockServer } = await import('./server.js');
      server = await startMockServer({
        ...common,
        dynamic: values.dynamic ?? false,
        ...(values.seed !== undefined ? { seed: values.seed } : {}),
      });
      mode = values.dynamic ? 'static mode, generated answers' : 'static mode, documented examples';
    } else {
      const { startSandbox } = await import('./sandbox/start.js');
      const sandbox = await startSandbox({
        ...common,
        ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
        ...(values.clock !== undefined ? { clock: values.clock as 'real' | 'manual' } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(values.webhook !== undefined ? { webhooks: values.webhook } : {}),
        ...(values['hmac-key'] !== undefined ? { hmacKey: values['hmac-key'] } : {}),
      });
      server = sandbox;
      mode = `sandbox, ${sandbox.engine.world.clock.mode} clock, instance ${sandbox.instanceId}`;
    }
  } catch (error) {
    if (ScenarioError && error instanceof ScenarioError) {
      process.stderr.write(`wawp-mock: the scenario cannot be used: ${error.message}\n`);
      return 2;
    }
    // Bad option values are usage errors; anything else (a taken port) is a failure.
    if (error instanceof TypeError) return usageError(error.message);
    throw error;
  }
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `wawp-mock: serving ${server.operationCount} operations at ${server.url} (${mode}; ready in ${ms} ms)\n` +
      `wawp-mock: try  curl '${server.url}/session/info?instance_id=123456789&access_token=123456789'\n` +
      (server.versions.v2
        ? `wawp-mock: v2 under ${server.url}${server.versions.v2.basePath}, e.g. curl -X POST '${server.url}${server.versions.v2.basePath}/session/info?instance_id=123456789' -H 'access-token: 123456789'\n`
        : '') +
      `wawp-mock: control token ${server.controlToken} (send it as x-wawp-control-token to ${server.url}/__wawp/…)\n` +
      'wawp-mock: press Ctrl-C to stop\n',
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`\nwawp-mock: ${signal} received, shutting down\n`);
      // close() stops accepting and cancels deliveries at once; the timer is the backstop that
      // keeps the promise of exiting within 2 s even if something still holds the event loop.
      setTimeout(() => process.exit(0), 1_500).unref();
      server.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

/** Repeatable list flags also take comma-separated values: `--allow-host a,b`. */
function splitList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

async function emit(args: string[], values: Values): Promise<number> {
  const [event, ...extra] = args;
  if (!event || extra.length > 0) return usageError('emit takes exactly one event name, e.g. `emit session.status`');
  if (!values.to) return usageError('emit needs --to <url>');
  const count = wholeNumber(values.count ?? '1', 1, 10_000);
  if (count === undefined) return usageError(`--count must be a whole number from 1 to 10000, got "${values.count}"`);
  const timeoutMs = wholeNumber(values.timeout ?? '10000', 1, 600_000);
  if (timeoutMs === undefined)
    return usageError(`--timeout must be milliseconds from 1 to 600000, got "${values.timeout}"`);
  let payload: unknown;
  if (values.payload !== undefined) {
    try {
      payload = JSON.parse(values.payload);
    } catch {
      return usageError('--payload must be JSON');
    }
  }
  const { emitWebhook, WebhookEmitError } = await import('./webhooks/emit.js');
  let failed = 0;
  for (let i = 0; i < count; i++) {
    try {
      const delivery = await emitWebhook({
        event,
        to: values.to,
        timeoutMs,
        ...(values['hmac-key'] !== undefined ? { hmacKey: values['hmac-key'] } : {}),
        ...(values.session !== undefined ? { session: values.session } : {}),
        ...(payload !== undefined ? { payload } : {}),
      });
      if (!delivery.ok) failed++;
      process.stdout.write(
        `wawp-mock: ${event} ${delivery.id} → ${delivery.status}${delivery.ok ? '' : ' (not 2xx)'}${values['hmac-key'] !== undefined ? ' signed' : ''}\n`,
      );
    } catch (error) {
      if (!(error instanceof WebhookEmitError)) throw error;
      process.stderr.write(`wawp-mock: ${error.message}\n`);
      return error.code === 'unknown_event' || error.code === 'invalid_url' ? 2 : 1;
    }
  }
  return failed > 0 ? 1 : 0;
}

async function inbound(args: string[], values: Values): Promise<number> {
  const [type, ...extra] = args;
  if (!type || extra.length > 0)
    return usageError('inbound takes exactly one type, e.g. `inbound text --from 447700900123@c.us --body hello`');
  let data: Record<string, unknown> = {};
  if (values.data !== undefined) {
    try {
      data = JSON.parse(values.data);
    } catch {
      return usageError('--data must be a JSON object');
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) return usageError('--data must be a JSON object');
  }
  const body = {
    ...data,
    type,
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.body !== undefined ? { body: values.body } : {}),
  };
  const base = values.url ?? 'http://127.0.0.1:4010';
  const token = values['control-token'] ?? process.env.WAWP_MOCK_CONTROL_TOKEN;
  let response: Response;
  try {
    response = await fetch(new URL('/__wawp/inbound', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-wawp-control-token': token } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    process.stderr.write(`wawp-mock: no sandbox answers at ${base}: ${(error as Error).message}\n`);
    return 1;
  }
  const text = await response.text();
  if (!response.ok) {
    process.stderr.write(`wawp-mock: the sandbox refused it (${response.status}): ${text}\n`);
    return 1;
  }
  process.stdout.write(`${text}\n`);
  return 0;
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

function usageError(message: string): number {
  process.stderr.write(`wawp-mock: ${message}\n\nRun \`wawp-mock --help\` for usage.\n`);
  return 2;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      dynamic: { type: 'boolean' },
      seed: { type: 'string' },
      spec: { type: 'string' },
      static: { type: 'boolean' },
      scenario: { type: 'string' },
      clock: { type: 'string' },
      webhook: { type: 'string', multiple: true },
      from: { type: 'string' },
      body: { type: 'string' },
      data: { type: 'string' },
      url: { type: 'string' },
      'control-token': { type: 'string' },
      'allow-webhook-target': { type: 'string', multiple: true },
      'allow-host': { type: 'string', multiple: true },
      to: { type: 'string' },
      'hmac-key': { type: 'string' },
      count: { type: 'string' },
      session: { type: 'string' },
      payload: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
