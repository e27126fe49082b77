// Finds the operation for a method and path before Prism sees the request. Prism's own router
// scores every operation of the document on every request, which costs more than the rest of
// the pipeline together on a spec of ~100 operations; handing it the one candidate keeps its
// validation and response selection while skipping that search.
import type { IHttpOperation } from '@stoplight/types';

export interface RouteMatch {
  operation: IHttpOperation;
  /** Set when the method is one the operation also accepts (`x-wawp-also-accepts`), not its own. */
  alsoAccepted?: true;
  /** Path parameter name → its segment as sent (still percent-encoded). */
  rawPathParams: Record<string, string>;
}

export type Route = (method: string, path: string) => RouteMatch | undefined;

/** The extension that lists the other methods an operation also answers (`[GET]` on a POST). */
export const ALSO_ACCEPTS = 'x-wawp-also-accepts';

/**
 * Routes by the operations' own methods first; a method an operation only also accepts
 * (`x-wawp-also-accepts: [GET]` on a POST) is tried after them, so it never hides a
 * documented operation of that method on the same path.
 */
export function createRouter(operations: IHttpOperation[]): Route {
  const own = matcher(operations.map((op) => ({ method: op.method.toLowerCase(), op })));
  const also = matcher(
    operations.flatMap((op) => {
      const methods = op.extensions?.[ALSO_ACCEPTS];
      return Array.isArray(methods) ? methods.map((m) => ({ method: String(m).toLowerCase(), op })) : [];
    }),
  );
  return (method, path) => {
    const found = own(method, path);
    if (found) return found;
    const other = also(method, path);
    return other ? { ...other, alsoAccepted: true } : undefined;
  };
}

function matcher(entries: { method: string; op: IHttpOperation }[]): Route {
  const exact = new Map<string, IHttpOperation>();
  const templated: { method: string; pattern: RegExp; names: string[]; op: IHttpOperation }[] = [];
  for (const { method, op } of entries) {
    if (!op.path.includes('{')) {
      exact.set(`${method} ${op.path}`, op);
      continue;
    }
    const names: string[] = [];
    const source = op.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        if (!part.startsWith('{')) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(part.slice(1, -1));
        return '([^/]+)';
      })
      .join('');
    templated.push({ method, pattern: new RegExp(`^${source}$`), names, op });
  }
  // Like Prism: a path with fewer variables (more literal segments) wins over a more generic one.
  templated.sort((a, b) => a.names.length - b.names.length);
  return (method, path) => {
    const m = method.toLowerCase();
    const op = exact.get(`${m} ${path}`);
    if (op) return { operation: op, rawPathParams: {} };
    for (const t of templated) {
      if (t.method !== m) continue;
      const found = t.pattern.exec(path);
      if (!found) continue;
      const rawPathParams: Record<string, string> = {};
      t.names.forEach((name, i) => {
        rawPathParams[name] = found[i + 1] as string;
      });
      return { operation: t.op, rawPathParams };
    }
    return undefined;
  };
}
