// Every answer the receiver gives is one the spec documents: its status is a documented
// response of the webhooks, its body validates against that response's schema, it carries the
// response's documented headers, and with the default options it is the documented example.
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createSpecAjv, joinPointer, resolveRef } from '@wawp/spec/tools';
import { describe, expect, it } from 'vitest';
import { documentedAnswers } from '../src/generated/contract.js';
import {
  createMemoryDuplicateStore,
  createWebhookRouter,
  type IncomingDelivery,
  type ReceiverAnswer,
  TIMED_OUT,
  TOO_LARGE,
  WebhookUnavailableError,
} from '../src/index.js';
import { createNodeHandler, createReceiver, type NodeWebhookRequest } from '../src/node.js';
import { coreDelivery, deliveryHeaders, messageDelivery } from './support/deliveries.js';

const openapi = createRequire(import.meta.url)('@wawp/spec/openapi.json');
const ajv = createSpecAjv(openapi, 'openapi');
const responses: Record<string, { $ref: string }> = openapi.webhooks.message.post.responses;
const KEY = 'contract-hmac-key';
const body = messageDelivery(600);
const signed = deliveryHeaders(body, KEY);

function receiverWith(handler: () => unknown = () => {}, options = {}) {
  return createReceiver({ router: createWebhookRouter().on('message', handler), hmacKey: KEY, ...options });
}
const inFlightStore = () => {
  const store = createMemoryDuplicateStore();
  store.claim(JSON.parse(body).id);
  return store;
};
const doneStore = () => {
  const store = inFlightStore();
  store.complete(JSON.parse(body).id);
  return store;
};
const withBody = (bytes: Uint8Array, headers = deliveryHeaders(bytes, KEY)) => coreDelivery(bytes, headers);
const noId = JSON.parse(body);
delete noId.payload.id;
const missingPayloadId = JSON.stringify(noId);

/** What the Node adapter answers to a request whose body a framework already parsed. */
function parsedTooEarly(): Promise<ReceiverAnswer> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    const res = {
      headersSent: false,
      statusCode: 0,
      setHeader: (name: string, value: string) => {
        headers[name] = value;
      },
      end(text: string) {
        resolve({ status: this.statusCode, body: text, headers });
      },
    };
    const req = { body: { parsed: true }, readableEnded: true, headers: {}, method: 'POST', url: '/' };
    createNodeHandler({ router: createWebhookRouter(), hmacKey: KEY })(
      req as unknown as NodeWebhookRequest,
      res as unknown as ServerResponse,
    );
  });
}

// One way to get each documented answer; the names are the spec's example names.
const scenarios: Record<keyof typeof documentedAnswers, () => Promise<ReceiverAnswer>> = {
  accepted: () => receiverWith().receive(coreDelivery(body, signed)),
  duplicate: () => receiverWith(undefined, { dedupe: doneStore() }).receive(coreDelivery(body, signed)),
  notUtf8: () => receiverWith().receive(withBody(new Uint8Array([0x7b, 0xff, 0x7d]))),
  schemaMismatch: () => receiverWith().receive(coreDelivery(missingPayloadId, deliveryHeaders(missingPayloadId, KEY))),
  badSignature: () => receiverWith().receive(coreDelivery(body, deliveryHeaders(body, 'another-key'))),
  badAlgorithm: () => receiverWith().receive(coreDelivery(body, { ...signed, 'x-webhook-hmac-algorithm': 'sha256' })),
  badSecret: () =>
    createReceiver({ router: createWebhookRouter(), sharedSecret: 's3cret' }).receive(
      coreDelivery(body, deliveryHeaders(body), 'POST', '/?secret=guess'),
    ),
  badTimestamp: () => receiverWith().receive(coreDelivery(body, { ...signed, 'x-webhook-timestamp': 'soon' })),
  staleTimestamp: () => receiverWith().receive(coreDelivery(body, deliveryHeaders(body, KEY, Date.now() - 3_600_000))),
  notPost: () => receiverWith().receive(coreDelivery(body, signed, 'GET')),
  bodyTimeout: () => receiverWith().receive({ ...coreDelivery(body, signed), readBody: async () => TIMED_OUT }),
  inFlight: () => receiverWith(undefined, { dedupe: inFlightStore() }).receive(coreDelivery(body, signed)),
  tooLarge: () =>
    receiverWith().receive({ ...coreDelivery(body, signed), readBody: async () => TOO_LARGE } as IncomingDelivery),
  notJson: () => receiverWith().receive(coreDelivery(body, { ...signed, 'content-type': 'text/plain' })),
  handlerFailed: () =>
    receiverWith(() => {
      throw new Error('database down');
    }).receive(coreDelivery(body, signed)),
  internal: () =>
    receiverWith(undefined, {
      dedupe: {
        claim: () => {
          throw new Error('store down');
        },
        complete() {},
        release() {},
      },
    }).receive(coreDelivery(body, signed)),
  parsedTooEarly,
  notStored: () =>
    createReceiver(
      { hmacKey: KEY },
      {
        dispatch: async () => {
          throw new WebhookUnavailableError('queue full');
        },
      },
    ).receive(coreDelivery(body, signed)),
};

describe("the receiver's answers and its documented responses", () => {
  it('documents every status the receiver gives, and the receiver gives every documented answer', () => {
    const statuses = new Set(Object.values(documentedAnswers).map((a) => String(a.status)));
    expect([...statuses].sort()).toEqual(Object.keys(responses).sort());
    expect(Object.keys(scenarios).sort()).toEqual(Object.keys(documentedAnswers).sort());
  });

  it.each(Object.entries(scenarios))(
    '%s: validates against the documented response and is its example',
    async (name, give) => {
      const answer = await give();
      const documented = documentedAnswers[name as keyof typeof documentedAnswers];
      const documentedResponse = responses[String(answer.status)];
      expect(documentedResponse, `status ${answer.status} is documented`).toBeDefined();
      const { node: response, pointer } = resolveRef(openapi, documentedResponse);
      const validate = ajv.compile({ $ref: `openapi${joinPointer(pointer, 'content', 'application/json', 'schema')}` });
      const json = JSON.parse(answer.body);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(answer.headers['content-type']).toBe('application/json');
      for (const [header, spec] of Object.entries<{ schema: { const: string } }>(response.headers ?? {})) {
        expect(answer.headers[header.toLowerCase()], header).toBe(spec.schema.const);
      }
      expect({ status: answer.status, body: json }).toEqual({ status: documented.status, body: documented.body });
    },
  );
});
