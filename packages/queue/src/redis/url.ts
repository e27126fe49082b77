/**
 * The Redis URL as it may appear in an error or a log: the password (and a user name
 * that stands alone, which Redis also treats as a password) replaced by `***`.
 */
export function redactRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL at all: show only what cannot be a secret.
    return '(an invalid Redis URL)';
  }
  if (parsed.password) parsed.password = '***';
  else if (parsed.username) parsed.username = '***';
  return parsed.toString();
}

/** Checks that `url` is a redis:// or rediss:// URL, with a clear message when it is not. */
export function checkRedisUrl(url: unknown, option = 'url'): string {
  if (typeof url !== 'string' || url.length === 0) {
    throw new TypeError(`${option} must be a Redis URL such as redis://127.0.0.1:6379`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${option} is not a valid URL: ${redactRedisUrl(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(`${option} must start with redis:// or rediss://, not ${parsed.protocol}`);
  }
  return url;
}
