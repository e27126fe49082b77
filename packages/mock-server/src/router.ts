// Finds the operation for a method and path before Prism sees the request. Prism's own router
// scores every operation of the document on every request, which costs more than the rest of
// the pipeline together on a spec of ~100 operations; handing it the one candidate keeps its
// validation and response selection while skipping that search.
import type { IHttpOperation } from '@stoplight/types';

export type Route = (method: string, path: string) => IHttpOperation | undefined;

export function createRouter(operations: IHttpOperation[]): Route {
  const exact = new Map<string, IHttpOperation>();
  const templated: { method: string; pattern: RegExp; variables: number; op: IHttpOperation }[] = [];
  for (const op of operations) {
    const method = op.method.toLowerCase();
    if (!op.path.includes('{')) {
      exact.set(`${method} ${op.path}`, op);
      continue;
    }
    const source = op.path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    templated.push({ method, pattern: new RegExp(`^${source}$`), variables: op.path.split('{').length - 1, op });
  }
  // Like Prism: a path with fewer variables (more literal segments) wins over a more generic one.
  templated.sort((a, b) => a.variables - b.variables);
  return (method, path) => {
    const m = method.toLowerCase();
    return exact.get(`${m} ${path}`) ?? templated.find((t) => t.method === m && t.pattern.test(path))?.op;
  };
}
