// What the spec itself says an operation answers: the documented error bodies (so a 401 or a
// 429 from the sandbox reads exactly like the reference), and the engine's retry defaults.
import { firstExample, listOperations, resolveRef } from '@wawp/spec/tools';
import { wordpressError } from '../wordpress-errors.js';
import { copyJson } from './copy.js';
import type { RetryPolicy } from './webhooks.js';

// biome-ignore lint/suspicious/noExplicitAny: a bundled OpenAPI document is walked generically
type Doc = any;

export interface SpecAnswers {
  /** The documented body of `status` for an operation, preferring the example with `code`. */
  error(operationId: string, status: number, code?: string, message?: string): unknown;
  /** The retry policy a webhook target gets for fields it leaves out. */
  defaultRetries(): RetryPolicy;
  /** The sending policies the descriptions document (v2's `RateLimitPolicies` example). */
  rateLimitPolicies(): DocumentedPolicies;
}

export interface DocumentedPolicies {
  /** The slugs a free account may pick. */
  free: string[];
  /** Every documented policy with its limits (a free slug without a documented entry has none). */
  policies: { slug: string; limits: Record<string, number>; [key: string]: unknown }[];
}

/** `docs`: v1's description first; a later one (v2) adds the operations it alone has. */
export function createSpecAnswers(docs: readonly Doc[]): SpecAnswers {
  const [doc] = docs;
  // Listed on the first error answer: a bundled document parses each path item when it is
  // read (prism-operations.ts), and a start-up that lists them all would read every one.
  let operations: Map<string, { doc: Doc; op: Doc }> | undefined;
  const operationsById = () => {
    if (operations) return operations;
    operations = new Map();
    for (const source of docs) {
      for (const { operation } of listOperations(source)) {
        if (operation.operationId && !operations.has(operation.operationId)) {
          operations.set(operation.operationId, { doc: source, op: operation });
        }
      }
    }
    return operations;
  };
  const cache = new Map<string, unknown>();
  let policies: DocumentedPolicies | undefined;
  return {
    error(operationId, status, code, message) {
      const key = `${operationId} ${status} ${code ?? ''}`;
      if (!cache.has(key)) {
        const found = operationsById().get(operationId);
        cache.set(key, found && documentedError(found.doc, found.op, status, code));
      }
      const documented = cache.get(key) as { code: string; message: string; data: { status: number } } | undefined;
      const body = documented
        ? copyJson(documented)
        : wordpressError(status, code ?? 'mock_fault', message ?? `The sandbox answered ${status}.`);
      if (code !== undefined && body.code !== code) body.code = code;
      if (message !== undefined) body.message = message;
      return body;
    },
    rateLimitPolicies() {
      if (policies) return policies;
      const schema = docs
        .map((d) => resolveRef(d, d.components?.schemas?.RateLimitPolicies).node)
        .find((node) => node?.examples?.[0]);
      const example = schema?.examples?.[0] ?? {};
      const free: string[] = Array.isArray(example.free_policies) ? example.free_policies : [];
      const list = (Array.isArray(example.policies) ? example.policies : []).map((p: Doc) => ({
        ...p,
        limits: { ...(p.limits ?? {}) },
      }));
      for (const slug of free) if (!list.some((p: Doc) => p.slug === slug)) list.push({ slug, limits: {} });
      policies = { free, policies: list };
      return policies;
    },
    defaultRetries() {
      const retries = resolveRef(doc, doc.components?.schemas?.WebhookConfig).node?.properties?.retries;
      const object = (retries?.oneOf ?? [retries]).find((s: Doc) => s?.type === 'object')?.properties ?? {};
      // The spec documents the engine's defaults; these fallbacks only serve a foreign spec.
      return {
        attempts: object.attempts?.default ?? 1,
        delaySeconds: object.delaySeconds?.default ?? 0,
        policy: object.policy?.default ?? 'constant',
      };
    },
  };
}

function documentedError(doc: Doc, op: Doc, status: number, code?: string): unknown {
  const response = op?.responses?.[String(status)];
  if (!response) return undefined;
  const media = resolveRef(doc, response).node?.content?.['application/json'];
  if (!media) return undefined;
  const named = Object.values<Doc>(media.examples ?? {}).map((e) => resolveRef(doc, e).node?.value);
  const match = named.find((value) => code === undefined || value?.code === code);
  return match ?? firstExample(doc, media)?.value;
}
