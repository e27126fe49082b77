// The parameters of one call as the route sees them: WordPress reads the JSON body first,
// then a form body, then the query string, then the path (`WP_REST_Request::get_param`), so
// later sources never override earlier ones.

/** Path parameter values, by name, from an operation's template (`/groups/{id}`) and the real path. */
export function pathParams(template: string, path: string): Record<string, string> {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(part.slice(1, -1));
      return '([^/]+)';
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(path);
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    const raw = match?.[i + 1];
    if (raw === undefined) return;
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  });
  return out;
}

/** Merges the sources; `body` is a parsed JSON object, or form text when `form` is true. */
export function mergeParams(
  path: Record<string, string>,
  query: Record<string, string | string[]>,
  body: unknown,
  contentType: string,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...path, ...query };
  if (typeof body === 'string' && /^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    const form = new URLSearchParams(body);
    for (const key of new Set(form.keys())) {
      const values = form.getAll(key);
      merged[key] = values.length === 1 ? values[0] : values;
    }
  } else if (body && typeof body === 'object' && !Array.isArray(body)) {
    Object.assign(merged, body);
  }
  return merged;
}
