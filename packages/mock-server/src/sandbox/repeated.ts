// A busy sandbox answers the same reads again and again (session/info polled by a client):
// each operation's last answer is kept as a copy nobody changes and handed out again while
// a new answer holds exactly the same data, so its JSON text is written once (see `keepJsonOf`
// in http/respond.ts) and the journal keeps one copy. Writing session/info's JSON out afresh was
// the largest cost the sandbox added to a read (about 20k of its 70k instructions).
import { copyUnlessSame } from './copy.js';

export interface RepeatedAnswers {
  /** `body` as a copy nobody changes: the one handed out last for `operationId` while it holds the same data. */
  body(operationId: string, body: object): { body: object; repeated: boolean };
  clear(): void;
}

export function createRepeatedAnswers(): RepeatedAnswers {
  const last = new Map<string, object>();
  return {
    body(operationId, body) {
      const known = last.get(operationId);
      const shown = copyUnlessSame(known, body);
      if (shown === known) return { body: known, repeated: true };
      last.set(operationId, shown);
      return { body: shown, repeated: false };
    },
    clear: () => last.clear(),
  };
}
