// Choosing a documented response instead of the first success: the `Prefer` header (Prism's
// convention) and the magic query parameters for clients that cannot set headers.
import type { IHttpOperation } from '@stoplight/types';

/** Query parameters with this prefix steer the mock and are removed before validation. */
export const MAGIC_QUERY_PREFIX = '__wawp_';

/** Which documented response to serve. */
export interface MockPreferences {
  /** A documented status, e.g. 429. */
  code?: number;
  /** A key under the response's `examples`. */
  exampleKey?: string;
  /** Generate the answer from the schema instead of serving an example. */
  dynamic?: boolean;
}

/**
 * Reads the `Prefer` header, Prism's convention for choosing a response:
 * `Prefer: code=429`, `Prefer: example=invalidInstance`, `Prefer: dynamic=true`.
 */
export function preferences(header: string | string[] | undefined): MockPreferences {
  const out: MockPreferences = {};
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (text === '') return out;
  for (const part of text.split(/[,;]/)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (!key || value === undefined) continue;
    if (key === 'code' && /^[1-5][0-9]{2}$/.test(value)) out.code = Number(value);
    else if (key === 'example' && value !== '') out.exampleKey = value;
    else if (key === 'dynamic') out.dynamic = value === 'true';
  }
  return out;
}

/**
 * The magic query parameters, for clients that cannot set headers:
 * `__wawp_status=429`, `__wawp_example=quotaReached`, `__wawp_dynamic=true`.
 * Unlike `Prefer`, a malformed value is an error rather than ignored, since nobody sends
 * these by accident.
 */
export function magicPreferences(magic: Record<string, string>): MockPreferences {
  const out: MockPreferences = {};
  for (const [name, value] of Object.entries(magic)) {
    if (name === `${MAGIC_QUERY_PREFIX}status` && /^[1-5][0-9]{2}$/.test(value)) out.code = Number(value);
    else if (name === `${MAGIC_QUERY_PREFIX}example` && value !== '') out.exampleKey = value;
    else if (name === `${MAGIC_QUERY_PREFIX}dynamic` && (value === 'true' || value === 'false')) {
      out.dynamic = value === 'true';
    } else {
      throw new Error(
        `Unsupported mock parameter ${name}=${value}; use ${MAGIC_QUERY_PREFIX}status=<3-digit status>, ` +
          `${MAGIC_QUERY_PREFIX}example=<example name> or ${MAGIC_QUERY_PREFIX}dynamic=true|false.`,
      );
    }
  }
  return out;
}

/**
 * Why the operation cannot serve the chosen response, or undefined when it can. Checked
 * before Prism runs, because Prism fails without its validation results when asked for a
 * response that does not exist.
 */
export function undocumentedChoice(operation: IHttpOperation, choice: MockPreferences): string | undefined {
  if (choice.code === undefined && choice.exampleKey === undefined) return undefined;
  const responses = operation.responses ?? [];
  const response =
    choice.code !== undefined
      ? responses.find((r) => r.code === String(choice.code))
      : [...responses].filter((r) => /^2\d\d$/.test(r.code)).sort((a, b) => a.code.localeCompare(b.code))[0];
  if (!response) {
    const documented = responses.map((r) => r.code).join(', ');
    return `status ${choice.code ?? '2xx'} is not documented for this operation (documented: ${documented}).`;
  }
  if (choice.exampleKey === undefined) return undefined;
  const keys = new Set((response.contents ?? []).flatMap((c) => (c.examples ?? []).map((e) => e.key)));
  if (keys.has(choice.exampleKey)) return undefined;
  const known = [...keys].filter((k) => k !== 'default');
  return (
    `the ${response.code} response has no example "${choice.exampleKey}"` +
    ` (its examples: ${known.length > 0 ? known.join(', ') : 'none'}).`
  );
}
