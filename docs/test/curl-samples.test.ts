// Every curl sample of the reference, run against the mock exactly as printed (only the
// server's address is swapped for the mock's): the words are read the way a POSIX shell
// reads them, then handed to the real curl when it is installed, else sent with fetch.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type MockServer, startMockServer } from '@wawp/mock-server';
import { listOperations, resolveRef } from '@wawp/spec/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const docsDir = fileURLToPath(new URL('..', import.meta.url));
const decorated = JSON.parse(readFileSync(join(docsDir, 'dist', 'openapi.json'), 'utf8'));
const server: string = decorated.servers[0].url;

/** The words of a command line as sh splits them: single quotes, `\` escapes, `\`-newline joins. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      const next = line[++i];
      if (next !== '\n' && next !== undefined) word = (word ?? '') + next;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (/["$`;&|<>(){}*?[\]~#]/.test(c)) {
      // The samples never need these unquoted; if one appears, the reader's shell would differ.
      throw new Error(`unquoted shell character ${c} in ${line}`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface CurlCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  data?: string;
}

/** The request a curl command line makes, for the options the samples use. */
function readCurl(words: string[]): CurlCall {
  expect(words[0]).toBe('curl');
  const call: CurlCall = { method: 'GET', url: '', headers: {} };
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word === '-X') call.method = words[++i]!;
    else if (word === '-H') {
      const [name, ...value] = words[++i]!.split(':');
      call.headers[name!.trim().toLowerCase()] = value.join(':').trim();
    } else if (word === '--data') call.data = words[++i]!;
    else if (!word.startsWith('-') && !call.url) call.url = word;
    else throw new Error(`the samples use no curl option ${word}`);
  }
  // curl sends --data as a POST unless -X says otherwise.
  if (call.data !== undefined && !words.includes('-X')) call.method = 'POST';
  return call;
}

/** The lowest documented 2xx: what the mock answers a valid call by default. */
function successStatus(operation: any): number {
  return Math.min(
    ...Object.keys(operation.responses)
      .filter((code) => /^2\d\d$/.test(code))
      .map(Number),
  );
}

async function hasCurl(): Promise<boolean> {
  try {
    await run('curl', ['--version']);
    return true;
  } catch {
    return false;
  }
}

let mock: MockServer;
let useCurl = false;
beforeAll(async () => {
  [mock, useCurl] = await Promise.all([startMockServer({ port: 0 }), hasCurl()]);
  console.log(`curl samples: sent with ${useCurl ? 'the installed curl' : 'fetch (no curl on PATH)'}`);
}, 60_000);
afterAll(() => mock?.close());

describe('shellWords', () => {
  it.each([
    ['quoted words and continuations', { given: "curl 'a b' \\\n  -H 'x: y'", want: ['curl', 'a b', '-H', 'x: y'] }],
    ['an escaped quote inside quotes', { given: "echo 'it'\\''s'", want: ['echo', "it's"] }],
  ])('%s', (_name, { given, want }) => {
    expect(shellWords(given)).toEqual(want);
  });
});

describe('every curl sample of the reference, against the mock', () => {
  const samples = listOperations(decorated).map(({ operation }) => ({
    id: operation.operationId as string,
    status: successStatus(operation),
    source: (operation['x-codeSamples'] as { lang: string; source: string }[]).find((s) => s.lang === 'curl')?.source,
    responses: operation.responses,
  }));

  it('exist for every operation', () => {
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.filter((s) => !s.source).map((s) => s.id)).toEqual([]);
  });

  it.each(samples.map((s) => [s.id, s] as const))('%s', { timeout: 30_000 }, async (_id, sample) => {
    const words = shellWords(sample.source!);
    const call = readCurl(words);
    expect(call.url.startsWith(server), call.url).toBe(true);
    const url = mock.url + call.url.slice(server.length);
    let status: number;
    let body: string;
    if (useCurl) {
      const args = words.slice(1).map((word) => (word === call.url ? url : word));
      const { stdout } = await run('curl', ['-sS', '-w', '\n%{http_code}', ...args]);
      const cut = stdout.lastIndexOf('\n');
      [body, status] = [stdout.slice(0, cut), Number(stdout.slice(cut + 1))];
    } else {
      const response = await fetch(url, { method: call.method, headers: call.headers, body: call.data });
      [body, status] = [await response.text(), response.status];
    }
    expect(status, `${sample.id}: ${body.slice(0, 200)}`).toBe(sample.status);
    const { node: documented } = resolveRef(decorated, sample.responses[String(sample.status)]);
    if (Object.keys(documented.content ?? {}).some((t) => /json/.test(t))) expect(() => JSON.parse(body)).not.toThrow();
  });
});
