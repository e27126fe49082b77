// Garbage in, no crash: a few hundred malformed requests, each answered with a 4xx, and the
// mock still serves valid requests afterwards. Bounded, on loopback, a few at a time.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { buildRequest, listOperations, loadOpenApi, resolve } from './support/openapi.js';
import { prng } from './support/prng.js';

const doc = loadOpenApi();
const operations = listOperations(doc);
const MAX_BODY = 64 * 1024;
const CONCURRENCY = 8;

interface Garbage {
  what: string;
  url: string;
  init?: RequestInit;
}

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, maxBodyBytes: MAX_BODY });
});
afterAll(() => mock.close());

function garbageRequests(base: string): Garbage[] {
  const random = prng(20261125);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const out: Garbage[] = [];
  const badJson = ['{', '[1,', 'nul', '{"a":}', '{"a" 1}', "{'a':1}", '\u0000', '[', '{"a":1}}', 'undefined'];
  const wrongShape = ['[]', '1', '"text"', 'null', 'true', '[{"a":1}]'];

  for (const operation of operations) {
    const valid = buildRequest(doc, operation, base);
    const validUrl = new URL(valid.url);
    const headers = { ...(valid.init.headers as Record<string, string>) };

    // Bad JSON and bodies of the wrong JSON type, where the operation takes a JSON body.
    const body = operation.op.requestBody ? resolve(doc, operation.op.requestBody, '').node : undefined;
    if (body && Object.keys(body.content ?? {}).some((t) => /json/.test(t))) {
      for (const text of [pick(badJson), pick(badJson), pick(wrongShape)]) {
        out.push({
          what: `${operation.id} with body ${JSON.stringify(text)}`,
          url: valid.url,
          init: { method: operation.method, headers: { ...headers, 'content-type': 'application/json' }, body: text },
        });
      }
      out.push({
        what: `${operation.id} with an oversized body`,
        url: valid.url,
        init: {
          method: operation.method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: `{"x":"${'a'.repeat(MAX_BODY)}"}`,
        },
      });
    }

    // Query parameters whose schema restricts the value, given values that break it.
    for (const raw of operation.op.parameters ?? []) {
      const param = resolve(doc, raw, '').node;
      if (param.in !== 'query' || !param.schema) continue;
      const schema = resolve(doc, param.schema, '').node;
      const bad =
        schema.type === 'integer' || schema.type === 'number'
          ? pick(['abc', '1.5x', '', 'NaN', '0x10'])
          : schema.type === 'boolean'
            ? pick(['yes!', '2', 'maybe'])
            : schema.pattern || schema.enum
              ? pick(['%zz', 'not valid at all', '\u202e', '%'])
              : undefined;
      if (bad === undefined) continue;
      const url = new URL(validUrl);
      url.searchParams.set(param.name, bad);
      out.push({ what: `${operation.id} with ${param.name}=${bad}`, url: url.href, init: valid.init });
    }

    // Wrong methods on a real path.
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST', 'GET']) {
      if (doc.paths[operation.path][method.toLowerCase()]) continue;
      out.push({ what: `${method} ${operation.path}`, url: valid.url, init: { method } });
    }

    // No credentials at all, and a query too large for the server's header limit.
    out.push({ what: `${operation.id} without credentials`, url: `${base}${validUrl.pathname}`, init: valid.init });
    out.push({
      what: `${operation.id} with a 40 kB query`,
      url: `${valid.url}&junk=${'x'.repeat(40_000)}`,
      init: { method: operation.method },
    });
  }

  // Unknown paths, hostile paths and invalid percent-encoding.
  for (let i = 0; i < 60; i++) {
    const segment = pick(['nope', '%zz', '%', '..', '%2e%2e', 'session', 'info', '%00', 'ü', '__wawp', 'wp-json']);
    const tail = pick(['', '/x', '/%ff%fe', '/..%2f..%2fetc%2fpasswd', '/' + 'a'.repeat(2000)]);
    out.push({ what: `unknown path ${i}`, url: `${base}/${segment}${i}${tail}?instance_id=1&access_token=1` });
  }
  // Many parameters, within the header limit, without credentials.
  const many = Array.from({ length: 500 }, (_, i) => `p${i}=${i}`).join('&');
  out.push({ what: '500 unknown parameters', url: `${base}/session/info?${many}` });
  out.push({ what: 'bad control call', url: `${base}/__wawp/webhooks/emit`, init: { method: 'POST', body: '{' } });
  return out;
}

async function runAll(requests: Garbage[]) {
  const answers: { what: string; status: number | string }[] = [];
  let next = 0;
  async function worker() {
    while (next < requests.length) {
      const request = requests[next++] as Garbage;
      try {
        const res = await fetch(request.url, request.init);
        await res.arrayBuffer();
        answers.push({ what: request.what, status: res.status });
      } catch (error) {
        answers.push({ what: request.what, status: `no answer: ${(error as Error).message}` });
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return answers;
}

/** Bytes no HTTP client would send, written straight to the socket. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (c) => {
      answer += c.toString('latin1');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('garbage in, no crash', () => {
  it('answers every malformed request with a 4xx and keeps serving', async () => {
    const requests = garbageRequests(mock.url);
    expect(requests.length).toBeGreaterThanOrEqual(300);
    const answers = await runAll(requests);
    const wrong = answers.filter((a) => typeof a.status !== 'number' || a.status < 400 || a.status > 499);
    expect(wrong).toEqual([]);

    const health = await fetch(`${mock.url}/__wawp/health`, { headers: mock.controlHeaders() });
    expect(health.status).toBe(200);
    const valid = await fetch(`${mock.url}/session/info?instance_id=1&access_token=1`);
    expect(valid.status).toBe(200);
  });

  it('answers broken HTTP with a 4xx and keeps serving', async () => {
    for (const bytes of [
      'GARBAGE\r\n\r\n',
      'GET /session/info HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n',
      'FOO /session/info HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST /session/start?instance_id=1&access_token=1 HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      `GET /session/info?${'q'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]) {
      const answer = await rawRequest(mock.port, bytes);
      expect(answer, bytes.slice(0, 40)).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    expect((await fetch(`${mock.url}/__wawp/health`, { headers: mock.controlHeaders() })).status).toBe(200);
  });
});
