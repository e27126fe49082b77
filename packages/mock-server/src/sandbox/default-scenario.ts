// The scenario a sandbox starts with when given none: the documentation's own instance
// (`instance_id=123456789`, `access_token=123456789`), set up like the documented answer of
// session/info (its name, account, metadata and webhook config) but WORKING, so a newcomer
// can send at once and the README's curl shows the documented answer.
import { resolveRef } from '@wawp/spec/tools';
import type { Scenario } from './scenario.js';
import type { MeInfo, WebhookTarget } from './state.js';

export const DOCS_INSTANCE_ID = '123456789';
export const DOCS_ACCESS_TOKEN = '123456789';

// biome-ignore lint/suspicious/noExplicitAny: a bundled OpenAPI document is walked generically
type Doc = any;

interface DocumentedSession {
  name?: string;
  me?: MeInfo | null;
  config?: { metadata?: Record<string, string>; webhooks?: unknown };
  engine?: Record<string, unknown>;
}

export function defaultScenario(spec: object): Scenario {
  const session = documentedSession(spec);
  const webhooks = Array.isArray(session.config?.webhooks) ? (session.config.webhooks as WebhookTarget[]) : [];
  return {
    instances: [
      {
        id: DOCS_INSTANCE_ID,
        accessToken: DOCS_ACCESS_TOKEN,
        name: session.name ?? 'default',
        status: 'WORKING',
        me: session.me ?? { id: '447700900999@c.us', pushName: 'Sandbox' },
        metadata: { ...(session.config?.metadata ?? {}) },
        webhooks,
        engine: { name: 'GOWS', info: session.engine ?? {} },
      },
    ],
  };
}

/**
 * The documented 200 answer of getSessionInfo, preferring the example of the docs' own
 * instance (its metadata names instance 123456789), then any linked one.
 */
function documentedSession(spec: Doc): DocumentedSession {
  const op = spec.paths?.['/session/info']?.get;
  const media = op ? resolveRef(spec, op.responses?.['200']).node?.content?.['application/json'] : undefined;
  const values: DocumentedSession[] = Object.values<Doc>(media?.examples ?? {}).map(
    (e) => resolveRef(spec, e).node?.value ?? {},
  );
  return (
    values.find((v) => v.config?.metadata?.instance_id === DOCS_INSTANCE_ID) ??
    values.find((v) => v.me && typeof v.me === 'object') ??
    values[0] ??
    {}
  );
}
