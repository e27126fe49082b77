// @ts-check
// Generates the `x-codeSamples` of every operation from the client's operation model
// (@wawp/client/operations.json, the model of @wawp/spec/tools): a TypeScript call through
// the operation face and the same call as curl, both from the model's example arguments, so
// no sample is written by hand and every sample changes when the description or the client
// does. The samples go into a copy of the bundle that only the docs use; spec/dist stays.
import { exampleRequest, listOperations, tsLiteral, tsString } from '@wawp/spec/tools';

/** @typedef {import('@wawp/spec/tools').OperationModel} OperationModel */

/** Names the samples use, kept in one place so the generated code and the guides agree. */
export const SAMPLE_NAMES = {
  /** Where `createWawp` (the operation face) is exported. */
  factoryModule: '@wawp/client/operations',
  factory: 'createWawp',
  variable: 'wawp',
};

/** The sample tabs; `lang` + `label` are what Redoc matches against docs/redocly.yaml. */
export const SAMPLE_TABS = {
  typescript: { lang: 'typescript', label: 'TypeScript' },
  curl: { lang: 'curl', label: 'curl' },
};

/**
 * The credentials the docs show (the mock accepts any non-empty pair; the README's curl
 * uses the same): curl has no environment to read them from, so they are placeholders.
 */
export const DOCS_CREDENTIALS = { instance_id: '123456789', access_token: '123456789' };

/** Redoc's middle column is narrow: samples wrap lists earlier than source code does. */
const SAMPLE_WIDTH = 80;

/**
 * `wawp.messages.sendText({ ... })`: one flat object with the parameters and the body.
 * @param {OperationModel} op
 */
export function operationFaceSample(op) {
  const { factoryModule, factory, variable } = SAMPLE_NAMES;
  const args = Object.keys(op.exampleArgs).length > 0 ? tsLiteral(op.exampleArgs, '', SAMPLE_WIDTH) : '';
  return [
    `import { ${factory} } from '${factoryModule}';`,
    '',
    `const ${variable} = ${factory}({`,
    "  instanceId: process.env.WAWP_INSTANCE_ID ?? '',",
    "  accessToken: process.env.WAWP_ACCESS_TOKEN ?? '',",
    '});',
    '',
    `const result = await ${variable}.${op.group}.${op.name}(${args});`,
    'console.log(result);',
    '',
  ].join('\n');
}

/**
 * A word for a POSIX shell: single-quoted, a quote inside written as `'\''`.
 * @param {string} text
 */
export function shellWord(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The same call as curl, in its documented placement (parameters and credentials in the
 * query string, a JSON body as `--data`), against the description's first server.
 * @param {OperationModel} op
 * @param {string} baseUrl
 */
export function curlSample(op, baseUrl) {
  const request = exampleRequest(op, { baseUrl, credentials: DOCS_CREDENTIALS });
  const words = [['curl', ...(op.method === 'GET' ? [] : ['-X', op.method]), shellWord(request.url)]];
  for (const [name, value] of Object.entries(request.headers)) words.push(['-H', shellWord(`${name}: ${value}`)]);
  if (request.body !== undefined) words.push(['--data', shellWord(request.body)]);
  return `${words.map((line) => line.join(' ')).join(' \\\n  ')}\n`;
}

/**
 * Returns a copy of `openapi` where every operation has a TypeScript and a curl
 * `x-codeSamples` entry, and every webhook's description ends with a TypeScript sample that
 * receives it. `operations` is the client's operation model; an operation it lacks is an
 * error, since the client would lack it too. With `typescript: false` (the v2 reference, whose
 * operation model comes from @wawp/spec/tools until the client ships one) only curl is shown.
 * @param {any} openapi
 * @param {OperationModel[]} operations
 * @param {{ typescript?: boolean }} [options]
 */
export function addCodeSamples(openapi, operations, { typescript = true } = {}) {
  const document = structuredClone(openapi);
  const byId = new Map(operations.map((op) => [op.id, op]));
  const baseUrl = document.servers?.[0]?.url;
  if (!baseUrl) throw new Error('docs: the description has no server to address curl samples to');
  let count = 0;
  for (const { operation } of listOperations(document)) {
    const op = byId.get(operation.operationId);
    if (!op) {
      throw new Error(
        `docs: ${operation.operationId} is missing from @wawp/client/operations.json (rebuild the client)`,
      );
    }
    operation['x-codeSamples'] = [
      ...(typescript ? [{ ...SAMPLE_TABS.typescript, source: operationFaceSample(op) }] : []),
      { ...SAMPLE_TABS.curl, source: curlSample(op, baseUrl) },
    ];
    operation.description = `${(operation.description ?? '').trimEnd()}\n\n${callNote(op)}\n`;
    count++;
  }
  for (const { path: event, operation } of listOperations(document, 'webhooks')) {
    // Redoc shows only the payload in a webhook's side panel, so the sample goes in the text.
    const source = webhookSample(event);
    operation.description = `${(operation.description ?? '').trimEnd()}\n\n${WEBHOOK_SAMPLE_INTRO}\n\n\`\`\`ts\n${source}\`\`\`\n`;
    count++;
  }
  return { document, count };
}

export const WEBHOOK_SAMPLE_INTRO = '**Receive it with `@wawp/webhooks-types`:**';

/**
 * Receiving one event with @wawp/webhooks-types: a router handler typed by the event name.
 * Short lines: it is shown in the reference's narrow middle column.
 * @param {string} event
 */
export function webhookSample(event) {
  return [
    "import { createWebhookRouter } from '@wawp/webhooks-types';",
    '',
    'export const router = createWebhookRouter();',
    '',
    `router.on(${tsString(event)}, (event) => {`,
    `  // event.payload is typed for ${event}`,
    '  console.log(event.id, event.payload);',
    '});',
    '// Serve it with createNodeHandler or createFetchHandler:',
    '// see the "Receiving webhooks" guide.',
    '',
  ].join('\n');
}

/**
 * A line naming the operation id and the client method. Redoc's search indexes titles and
 * descriptions but not operation ids, so this line is what lets readers search for `sendText`.
 * @param {OperationModel} op
 */
export function callNote(op) {
  return `**Operation id:** \`${op.id}\` · client: \`${SAMPLE_NAMES.variable}.${op.group}.${op.name}()\``;
}
