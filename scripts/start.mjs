#!/usr/bin/env node
// `npm start`: the local sandbox. Runs after `turbo run build docs` has built everything,
// then serves the mock API and the reference docs until Ctrl-C.
// Ports: WAWP_MOCK_PORT (default 4010) and WAWP_DOCS_PORT (default 8080); the mock's control
// token comes from WAWP_MOCK_CONTROL_TOKEN, else it is random and printed below.
import { startSandbox } from '@wawp/mock-server';
import { serveDocs } from '../docs/scripts/serve.mjs';

const mockPort = Number(process.env.WAWP_MOCK_PORT ?? 4010);
const docsPort = Number(process.env.WAWP_DOCS_PORT ?? 8080);

console.log('sandbox: starting the mock API and the docs server…');
const mock = await startSandbox({ port: mockPort });
const docs = await serveDocs({ port: docsPort });

console.log(`
  Mock API   ${mock.url}   (sandbox: ${mock.operationCount} operations answered from state, requests validated like the real API)
             instance ${mock.instanceId}, token ${mock.accessToken}
  Docs       ${docs.url}   (API reference and webhooks)
  Guides     ${docs.url}guides/getting-started.html

  Try:  curl '${mock.url}/session/info?instance_id=123456789&access_token=123456789'

  Control token (header x-wawp-control-token, for ${mock.url}/__wawp/…):  ${mock.controlToken}

Press Ctrl-C to stop.`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nsandbox: ${signal} received, stopping…`);
  // Closing cancels the mock's deliveries in flight; the timer keeps the 2 s promise regardless.
  setTimeout(() => process.exit(0), 1_500).unref();
  await Promise.allSettled([mock.close(), docs.close()]);
  console.log('sandbox: stopped');
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
