// Where the members of a JSON text are, by byte range, so a part can be parsed on its own
// later: the stored reading of a bundled document (prism-operations.ts) keeps the ranges of
// its path items and components, and the sandbox parses only those it reads. The build finds
// them once; the text is the document's exact bytes, so the ranges fit it by construction.

export interface MemberRange {
  /** Keys (and array indexes, as text) from the root to the member. */
  path: string[];
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const VALUE_END = new Set([0x2c, 0x7d, 0x5d, ...WHITESPACE]); // , } ] and whitespace

/** The ranges of the members `wanted` picks (by path), in the order of the text. */
export function memberRanges(bytes: Uint8Array, wanted: (path: readonly string[]) => boolean): MemberRange[] {
  const decoder = new TextDecoder();
  const ranges: MemberRange[] = [];
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`memberRanges: ${what} at byte ${at}`);
  };
  const skipWhitespace = () => {
    while (WHITESPACE.has(bytes[at] as number)) at++;
  };
  const expect = (byte: number) => {
    if (bytes[at] !== byte) fail(`expected "${String.fromCharCode(byte)}"`);
    at++;
  };
  const skipString = () => {
    expect(QUOTE);
    while (bytes[at] !== QUOTE) {
      if (at >= bytes.length) fail('unterminated string');
      at += bytes[at] === BACKSLASH ? 2 : 1;
    }
    at++;
  };
  const member = (path: string[]) => {
    skipWhitespace();
    const start = at;
    value(path);
    if (wanted(path)) ranges.push({ path, start, end: at });
    skipWhitespace();
  };
  const value = (path: string[]) => {
    const first = bytes[at];
    if (first === 0x7b) {
      at++;
      skipWhitespace();
      if (bytes[at] === 0x7d) return void at++;
      for (;;) {
        skipWhitespace();
        const keyStart = at;
        skipString();
        const key = JSON.parse(decoder.decode(bytes.subarray(keyStart, at))) as string;
        skipWhitespace();
        expect(0x3a);
        member([...path, key]);
        if (bytes[at] === 0x2c) at++;
        else return void expect(0x7d);
      }
    }
    if (first === 0x5b) {
      at++;
      skipWhitespace();
      if (bytes[at] === 0x5d) return void at++;
      for (let index = 0; ; index++) {
        member([...path, String(index)]);
        if (bytes[at] === 0x2c) at++;
        else return void expect(0x5d);
      }
    }
    if (first === QUOTE) return skipString();
    const start = at;
    while (at < bytes.length && !VALUE_END.has(bytes[at] as number)) at++;
    if (at === start) fail('expected a value');
  };
  member([]);
  if (at !== bytes.length) fail('unexpected text after the value');
  return ranges;
}
