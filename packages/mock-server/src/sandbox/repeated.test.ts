import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createRepeatedAnswers } from './repeated.js';

it('hands out a copy of the answer, the same one again while the data stays the same', () => {
  fc.assert(
    fc.property(fc.object(), fc.object(), (first, second) => {
      const repeated = createRepeatedAnswers();
      const a = repeated.body('op', first);
      expect(a).toEqual({ body: first, repeated: false });
      expect(a.body).not.toBe(first);
      const again = repeated.body('op', structuredClone(first));
      expect(again.repeated).toBe(true);
      expect(again.body).toBe(a.body);
      const next = repeated.body('op', second);
      expect(next.body).toEqual(second);
      expect(next.repeated).toBe(JSON.stringify(first) === JSON.stringify(second) && next.body === a.body);
    }),
  );
});

it('keeps the answer as it was: a later change to the state is a new answer', () => {
  const repeated = createRepeatedAnswers();
  const state = { status: 'WORKING', config: { webhooks: [{ url: 'http://127.0.0.1/a' }] } };
  const first = repeated.body('getSessionInfo', state).body;
  state.config.webhooks.push({ url: 'http://127.0.0.1/b' });
  expect(first).toEqual({ status: 'WORKING', config: { webhooks: [{ url: 'http://127.0.0.1/a' }] } });
  const second = repeated.body('getSessionInfo', state);
  expect(second.repeated).toBe(false);
  expect(second.body).toEqual(state);
  // Per operation: another one's answer is not compared with this one's.
  expect(repeated.body('getSessionMe', state).repeated).toBe(false);
});
