// Bodies are JSON, and JSON is UTF-8. A lenient decoder would turn bad bytes into U+FFFD and
// hand the handler text that was never sent; the fatal one refuses them instead.
const strict = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or undefined when its bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}
