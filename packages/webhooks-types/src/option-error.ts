/**
 * Thrown while a receiver (or a signing/verifying call) is being set up with an option that
 * cannot work: a key that is `undefined` because an environment variable is unset, an empty
 * list, a limit that is not a number. `option` names the option, so a deployment that forgot
 * a secret fails at start-up, loudly, instead of accepting forged deliveries later.
 */
export class WebhookOptionError extends TypeError {
  override readonly name = 'WebhookOptionError';
  constructor(
    /** The option at fault, as it is spelt in the options object (`hmacKey`, `sharedSecret.secret`…). */
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
  }
}

/** A short description of a value for an error message; never the value itself (it may be a secret). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list with an empty or non-string item';
  if (typeof value === 'string') return 'an empty string';
  if (value === undefined) return 'undefined';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * A key or secret option as a list: a non-empty string, or a non-empty list of non-empty
 * strings. Anything else throws `WebhookOptionError` naming `option`.
 */
export function secretList(option: string, value: unknown): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (Array.isArray(list) && list.length > 0 && list.every((v) => typeof v === 'string' && v.length > 0)) {
    return list as string[];
  }
  throw new WebhookOptionError(
    option,
    `must be a non-empty string or a non-empty list of non-empty strings, got ${describeValue(value)}` +
      (value === undefined ? ' (is an environment variable unset?)' : ''),
  );
}

/** A positive integer option (a size or a duration), or its default when left out. */
export function positiveInteger(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new WebhookOptionError(option, `must be a positive integer, got ${JSON.stringify(value) ?? String(value)}`);
}
