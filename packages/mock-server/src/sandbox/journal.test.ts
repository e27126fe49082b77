import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJournal, type JournalCall } from './journal.js';
import { REDACTED, redact } from './redact.js';

const call = (fields: Partial<JournalCall>): JournalCall => ({
  at: 1,
  api: 'v1',
  operationId: 'sendText',
  method: 'POST',
  path: '/send',
  params: {},
  instanceId: '123456789',
  status: 200,
  body: {},
  secrets: [],
  ...fields,
});

// A token and JSON with it anywhere: in text, whole values, names that are not credentials.
const token = fc
  .string({ minLength: 6, maxLength: 20 })
  .filter((t) => !REDACTED.includes(t) && !t.includes('[') && !'123456789'.includes(t));
const name = fc.string().filter((key) => key !== 'instance_id' && key !== 'instanceId');
const withSecret = (secret: string) =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      fc.constant(secret),
      fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}${secret}${b}`),
      fc.array(tie('value'), { maxLength: 4 }),
      // Any name but the instance's id, which is kept as it is even when it equals a token.
      fc.dictionary(fc.oneof(name, fc.constantFrom('access_token', 'key', 'hmacKey')), tie('value'), {
        maxKeys: 4,
      }),
    ),
  })).value;
const flatParams = (secret: string) =>
  fc
    .dictionary(name, fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 5 })
    .map((params) => ({ ...params, instance_id: '123456789', access_token: secret }));

describe('the journal', () => {
  it('never shows a token, and shows what the eager redaction gave', () => {
    fc.assert(
      fc.property(
        token.chain((secret) =>
          fc.tuple(fc.constant(secret), fc.oneof(flatParams(secret), withSecret(secret)), withSecret(secret)),
        ),
        ([secret, params, body]) => {
          const journal = createJournal();
          const asParams = (
            params && typeof params === 'object' && !Array.isArray(params) ? params : { params }
          ) as Record<string, unknown>;
          journal.add(call({ params: asParams, body, secrets: [secret] }));
          const [entry] = journal.list();
          const text = JSON.stringify(entry);
          expect(text.replaceAll(REDACTED, '')).not.toContain(secret);
          // What redacting at the call gave.
          expect(entry?.params).toStrictEqual(redact(asParams, [secret]));
          expect(entry?.body).toStrictEqual(redact(body, [secret]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a call as it was: later changes to its objects do not show', () => {
    const journal = createJournal();
    const params = { instance_id: '1', access_token: 'tok-123', chatId: 'a@c.us' };
    const body = { id: 'm1', ack: 0, config: { webhooks: [{ url: 'http://127.0.0.1/hook?token=tok-123' }] } };
    journal.add(call({ params, body, secrets: ['tok-123'] }));
    params.chatId = 'changed';
    body.ack = 3;
    body.config.webhooks[0] = { url: 'http://elsewhere' };
    const [entry] = journal.list();
    expect(entry).toStrictEqual({
      at: 1,
      api: 'v1',
      operationId: 'sendText',
      method: 'POST',
      path: '/send',
      params: { instance_id: '1', access_token: REDACTED, chatId: 'a@c.us' },
      instanceId: '123456789',
      status: 200,
      body: { id: 'm1', ack: 0, config: { webhooks: [{ url: `http://127.0.0.1/hook?token=${REDACTED}` }] } },
    });
    // The same objects on every read, as a test holding one expects.
    expect(journal.list()[0]).toBe(entry);
  });

  it('filters before it redacts, keeps text bodies and `__proto__` keys, and counts', () => {
    const journal = createJournal(10);
    journal.add(call({ status: 200, body: 'plain text with tok-9', secrets: ['tok-9'] }));
    journal.add(
      call({ status: 404, operationId: null, body: JSON.parse('{"__proto__":{"x":"tok-9"}}'), secrets: ['tok-9'] }),
    );
    for (let i = 0; i < 20; i++) journal.add(call({ at: 100 + i, method: 'GET' }));
    expect(journal.size()).toBeLessThanOrEqual(11);
    journal.clear();
    journal.add(call({ status: 200, body: 'plain text with tok-9', secrets: ['tok-9'] }));
    journal.add(
      call({ status: 404, operationId: null, body: JSON.parse('{"__proto__":{"x":"tok-9"}}'), secrets: ['tok-9'] }),
    );
    expect(journal.list({ status: 200 }).map((e) => e.body)).toEqual([`plain text with ${REDACTED}`]);
    const [missing] = journal.list({ method: 'post', status: 404 });
    expect(Object.keys(missing?.body as object)).toEqual(['__proto__']);
    expect(JSON.stringify(missing?.body)).toBe(`{"__proto__":{"x":"${REDACTED}"}}`);
    expect(journal.size()).toBe(2);
  });

  it('shares the copies of a call made again, and each entry still shows its own call', () => {
    const journal = createJournal();
    const answer = () => ({ name: 'default', config: { webhooks: [{ url: 'http://127.0.0.1:9/h' }] } });
    const params = { instance_id: '1', access_token: 'tok-5' };
    journal.add(call({ params, body: answer(), secrets: ['tok-5'] }));
    const changed = answer();
    journal.add(call({ params, body: changed, secrets: ['tok-5'] }));
    changed.config.webhooks[0] = { url: 'http://later' };
    journal.add(call({ params, body: { ...answer(), name: 'other' }, secrets: ['tok-5'] }));
    journal.add(call({ operationId: 'getSessionInfo', params, body: answer(), secrets: ['tok-5'] }));
    const entries = journal.list();
    expect(entries.map((e) => [e.operationId, e.body])).toStrictEqual([
      ['sendText', answer()],
      ['sendText', answer()],
      ['sendText', { ...answer(), name: 'other' }],
      ['getSessionInfo', answer()],
    ]);
    expect(entries.every((e) => e.params.access_token === REDACTED)).toBe(true);
    // Read entries are never shared into: a call after a read gets its own copy.
    journal.add(call({ params, body: answer(), secrets: ['tok-5'] }));
    expect(journal.list()[4]?.body).toStrictEqual(answer());
  });
});
