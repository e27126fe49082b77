// Reads an operation's merged parameters (query, form, JSON body and path, already merged by
// precedence) the way WordPress hands them to a route: strings from the query string, real
// types from a JSON body. Validation has already happened; these only convert.

export class Params {
  constructor(readonly raw: Readonly<Record<string, unknown>>) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined || this.raw[`${name}[]`] !== undefined;
  }

  string(name: string): string | undefined {
    const value = last(this.raw[name]);
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  number(name: string): number | undefined {
    const value = last(this.raw[name]);
    if (value === undefined || value === null || value === '') return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }

  bool(name: string): boolean | undefined {
    const value = last(this.raw[name]);
    if (value === undefined || value === null || value === '') return undefined;
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  /** An array from a JSON body, `name[]=a&name[]=b`, or a JSON-encoded string. */
  list(name: string): unknown[] | undefined {
    const value = this.raw[`${name}[]`] ?? this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    if (typeof value === 'string' && value.startsWith('[')) {
      try {
        const parsed = JSON.parse(value);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // Not JSON: a single value.
      }
    }
    return [value];
  }

  /** An object from a JSON body or bracketed query keys (`file[url]=…`). */
  object(name: string): Record<string, unknown> | undefined {
    const value = this.raw[name];
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    if (typeof value === 'string' && value.startsWith('{')) {
      try {
        return JSON.parse(value) as Record<string, unknown>;
      } catch {
        // Not JSON: fall through to bracketed keys.
      }
    }
    const prefix = `${name}[`;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(this.raw)) {
      if (key.startsWith(prefix) && key.endsWith(']')) out[key.slice(prefix.length, -1)] = last(v);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
}

function last(value: unknown): unknown {
  return Array.isArray(value) ? value[value.length - 1] : value;
}
