/** Request headers as the Fetch API (`Headers`) or Node's `http` (`IncomingHttpHeaders`) give them. */
export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Reads one header by name, case-insensitively. A header sent more than once with different
 * values is ambiguous and reads as `undefined`, so a forged second copy cannot win.
 */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    // `Headers` joins repeated values with ", "; a signature or secret never contains one.
    return (headers as Headers).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  // Node's records use lower-case names; try the name as given first, it usually is one.
  let value = record[name];
  if (typeof value === 'string') return value;
  const lower = name.toLowerCase();
  value ??= record[lower];
  if (value === undefined) {
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === lower) {
        value = record[key];
        break;
      }
    }
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => v === value[0]) ? value[0] : undefined;
  return undefined;
}
