export const REDACTED = '[REDACTED]';

// `access_token=…` in a query string, the name also percent-encoded (a URL inside a URL).
const QUERY_TOKEN = /(access_token(?:=|%3D))[^&#\s"'<>]*/gi;
// A letter or digit glued to an occurrence makes it part of a longer word, unless that
// character ends an escape (`%3D`, `\n`, `\u0041`): escapes separate values like spaces do.
const WORD_CHAR = /[A-Za-z0-9]/;
const ESCAPE_BEFORE = /(?:%[0-9A-Fa-f]{2}|\\[A-Za-z]|\\u[0-9A-Fa-f]{4})$/;

/**
 * A secret and the spellings it takes on the wire: percent-encoded (upper- and lower-case
 * escapes), form-encoded (`+` for a space), and escaped inside a JSON string (also PHP's
 * `\/`). Longest first, so a longer spelling is replaced before a shorter one inside it.
 */
export function secretSpellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const spellings = new Set([secret, json, json.replaceAll('/', '\\/')]);
  for (const encoded of [encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
    spellings.add(encoded);
    spellings.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  }
  return [...spellings].filter(Boolean).sort((a, b) => b.length - a.length);
}

/**
 * Replaces the access token with `[REDACTED]` in a URL or any text.
 *
 * The rule: every `access_token=` value in a query string goes, whatever it is, and every
 * spelling of a known secret goes where it occurs **whole**, that is not glued to a letter
 * or digit on either side. A token travels as a whole value (a query parameter, a JSON
 * string, key or number, a header), so a server that echoes it echoes it whole; a match
 * inside a longer word is some other word, and replacing it would mangle messages (with the
 * token `a`, "invalid_access_token" would lose every `a`) and show where the token's
 * letters are. Not covered: a token the server cuts short or re-encodes some other way.
 */
export function redact(text: string, spellings: readonly string[]): string {
  let out = text.includes('access_token') ? text.replace(QUERY_TOKEN, `$1${REDACTED}`) : text;
  for (const spelling of spellings) {
    if (out.includes(spelling)) out = replaceWhole(out, spelling);
  }
  return out;
}

function replaceWhole(text: string, spelling: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(spelling); at !== -1; at = text.indexOf(spelling, at + 1)) {
    const end = at + spelling.length;
    const before = text[at - 1];
    const after = text[end];
    // Only a word character next to a word character at the spelling's own edge glues.
    const gluedBefore =
      before !== undefined &&
      WORD_CHAR.test(before) &&
      WORD_CHAR.test(spelling[0] ?? '') &&
      !ESCAPE_BEFORE.test(text.slice(Math.max(0, at - 6), at));
    const gluedAfter = after !== undefined && WORD_CHAR.test(after) && WORD_CHAR.test(spelling.at(-1) ?? '');
    if (gluedBefore || gluedAfter || at < from) continue;
    out += text.slice(from, at) + REDACTED;
    from = end;
  }
  return out + text.slice(from);
}

/**
 * A parsed body with every string and key redacted, and every number equal to a numeric
 * secret replaced: a server may echo a token of digits as a JSON number.
 */
export function redactDeep(value: unknown, spellings: readonly string[], secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redact(value, spellings);
  if (typeof value === 'number') return secrets.some((s) => isSameNumber(s, value)) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, spellings, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k, spellings)] = redactDeep(v, spellings, secrets);
    return out;
  }
  return value;
}

function isSameNumber(secret: string, value: number): boolean {
  return /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(secret) && Number(secret) === value;
}

/** The request's path without the query string, safe to show anywhere. */
export function safePath(url: string, baseUrl: string): string {
  const withoutQuery = url.split(/[?#]/, 1)[0] ?? url;
  return withoutQuery.startsWith(baseUrl) ? withoutQuery.slice(baseUrl.length) || '/' : withoutQuery;
}
