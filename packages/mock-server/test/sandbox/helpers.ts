// Test support for the sandbox: a signed webhook receiver that parses every delivery with
// @wawp/webhooks-types (so each event is checked against its AsyncAPI schema), and small
// wrappers to call the sandbox's API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseWebhook } from '@wawp/webhooks-types';
import { verifySignature } from '@wawp/webhooks-types/node';
import type { Sandbox } from '../../src/index.js';
import { startReceiver } from '../support/receiver.js';

export const HMAC_KEY = 'sandbox-test-key';

export interface ParsedDelivery {
  event: string;
  id: string;
  payload: Record<string, unknown>;
  raw: string;
  signed: boolean;
}

/**
 * A receiver that verifies and parses each delivery, then answers `status` (or what
 * `respond` returns; it may call the sandbox back, as a bot does).
 */
export async function startCheckingReceiver(
  options: { status?: number; respond?: (delivery: ParsedDelivery) => Promise<number> | number } = {},
) {
  const events: ParsedDelivery[] = [];
  const problems: string[] = [];
  const receiver = await startReceiver({
    handler: (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const signed = await verifySignature(raw, req.headers as Record<string, string>, { hmacKey: HMAC_KEY });
        try {
          const parsed = parseWebhook(raw) as unknown as ParsedDelivery;
          const delivery = { event: parsed.event, id: parsed.id, payload: parsed.payload, raw, signed };
          events.push(delivery);
          const status = options.respond ? await options.respond(delivery) : (options.status ?? 200);
          res.writeHead(status).end();
        } catch (error) {
          problems.push((error as Error).message);
          res.writeHead(400).end();
        }
      });
    },
  });
  return { ...receiver, events, problems };
}

/** Calls the sandbox's API with its credentials. */
export async function api(
  sandbox: Pick<Sandbox, 'url' | 'instanceId' | 'accessToken'>,
  method: string,
  path: string,
  query: Record<string, string> = {},
  body?: unknown,
) {
  const params = new URLSearchParams({ instance_id: sandbox.instanceId, access_token: sandbox.accessToken, ...query });
  const res = await fetch(`${sandbox.url}${path}?${params}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
