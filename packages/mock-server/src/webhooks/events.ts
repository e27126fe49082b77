// Reads the webhook events and their documented examples from the AsyncAPI bundle of
// @wawp/spec, so the emitter sends exactly what the description shows.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolveRef } from '@wawp/spec/tools';

const require = createRequire(import.meta.url);

export interface WebhookMessage {
  name?: string;
  examples?: { name?: string; payload?: unknown }[];
}

export interface WebhookCatalog {
  /** Event names in the order of the description, e.g. `session.status`, `message`. */
  events: string[];
  message(event: string): WebhookMessage | undefined;
}

/** Path of the bundled AsyncAPI document that ships with @wawp/spec. */
export function bundledAsyncApiPath(): string {
  return require.resolve('@wawp/spec/asyncapi.json');
}

const cache = new Map<string, WebhookCatalog>();

/** The events of an AsyncAPI document (a path or the parsed document); defaults to the bundle. */
export function loadWebhookCatalog(asyncapi: string | object = bundledAsyncApiPath()): WebhookCatalog {
  if (typeof asyncapi === 'string') {
    const cached = cache.get(asyncapi);
    if (cached) return cached;
    const catalog = catalogOf(JSON.parse(readFileSync(asyncapi, 'utf8')));
    cache.set(asyncapi, catalog);
    return catalog;
  }
  return catalogOf(asyncapi);
}

function catalogOf(doc: unknown): WebhookCatalog {
  const messages = ((doc as { channels?: { webhook?: { messages?: unknown } } }).channels?.webhook?.messages ??
    {}) as Record<string, WebhookMessage>;
  const byName = new Map(
    Object.entries(messages).map(([event, message]) => [
      event,
      (resolveRef(doc as object, message).node ?? {}) as WebhookMessage,
    ]),
  );
  return { events: [...byName.keys()], message: (event) => byName.get(event) };
}
