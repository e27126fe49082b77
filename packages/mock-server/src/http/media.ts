// Syntax checks of the media-type headers, so a malformed one is the caller's 4xx instead of
// an exception deep inside Prism's content negotiation (RFC 9110 §8.3.1 and §12.5.1).

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const PARAM = `\\s*;\\s*(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?`;
const MEDIA_TYPE = new RegExp(`^\\s*${TOKEN}/${TOKEN}(?:${PARAM})*\\s*$`);
const MEDIA_RANGE = new RegExp(`^\\s*(?:\\*/\\*|${TOKEN}/\\*|${TOKEN}/${TOKEN})(?:${PARAM})*\\s*$`);
const QVALUE = /;\s*q=([^;]*)/i;

/** True when `value` is one well-formed media type, e.g. `application/json; charset=utf-8`. */
export function isValidContentType(value: string): boolean {
  return MEDIA_TYPE.test(value);
}

/** True when `value` is a well-formed Accept list; an empty header accepts anything. */
export function isValidAccept(value: string): boolean {
  if (value.trim() === '') return true;
  return value.split(',').every((range) => {
    if (range.trim() === '') return true; // "a, , b" is allowed by the list syntax
    if (!MEDIA_RANGE.test(range)) return false;
    const q = QVALUE.exec(range)?.[1]?.trim();
    return q === undefined || /^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/.test(q);
  });
}

/** The media type without parameters, lower-cased: `application/json`. */
export function mediaTypeOf(value: string | undefined): string {
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isJsonMediaType(type: string): boolean {
  return /^application\/([\w.+-]+\+)?json$/.test(type);
}
