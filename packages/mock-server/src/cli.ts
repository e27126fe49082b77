// `wawp-mock`: runs the mock API in the foreground until Ctrl-C.
import { parseArgs } from 'node:util';
import { startMockServer } from './server.js';

const HELP = `Usage: wawp-mock [serve] [options]

Serves the Wawp API described by @wawp/spec on a local port, answering with the
documented examples and validating every request like the real API.

Options:
  --port <n>      port to listen on (0 picks a free one)        [default: 4010]
  --host <addr>   interface to bind                              [default: 127.0.0.1]
  --dynamic       generate responses from the schemas instead of the examples
  --seed <n>      seed for --dynamic, so answers repeat across runs
  --spec <path>   serve another OpenAPI document instead of the bundled one
  -h, --help      show this help
`;

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`wawp-mock: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const command = positionals[0] ?? 'serve';
  if (command !== 'serve') {
    process.stderr.write(`wawp-mock: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`wawp-mock: --port must be a whole number from 0 to 65535, got "${values.port}"\n`);
    return 2;
  }
  const started = performance.now();
  process.stdout.write('wawp-mock: loading the API description…\n');
  const server = await startMockServer({
    port,
    host: values.host,
    dynamic: values.dynamic,
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values.spec !== undefined ? { spec: values.spec } : {}),
  });
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `wawp-mock: serving ${server.operationCount} operations at ${server.url} (ready in ${ms} ms)\n` +
      `wawp-mock: try  curl '${server.url}/session/info?instance_id=123456789&access_token=123456789'\n` +
      'wawp-mock: press Ctrl-C to stop\n',
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`\nwawp-mock: ${signal} received, shutting down\n`);
      server.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      dynamic: { type: 'boolean', default: false },
      seed: { type: 'string' },
      spec: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
