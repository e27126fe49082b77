// The receiver's answers, built from the documented ones (spec: asyncapi/receiver/answers.yaml),
// so what the receiver says and what the reference documents cannot drift apart.
import { documentedAnswers } from '../generated/contract.js';

/** An HTTP answer as the adapters write it. */
export interface ReceiverAnswer {
  status: number;
  /** JSON text. */
  body: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
}

export type AnswerName = keyof typeof documentedAnswers;

const toAnswer = (name: AnswerName, body: object = documentedAnswers[name].body): ReceiverAnswer => ({
  status: documentedAnswers[name].status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...documentedAnswers[name].headers },
});

// Serialised once: the fixed answers cost nothing per delivery.
const fixed = Object.fromEntries(
  Object.keys(documentedAnswers).map((name) => [name, toAnswer(name as AnswerName)]),
) as Record<AnswerName, ReceiverAnswer>;

/** The documented answer `name`, exactly as documented. */
export const documented = (name: AnswerName): ReceiverAnswer => fixed[name];

/** The documented answer `name` (its status and headers) with a message of its own, e.g. naming a limit. */
export const documentedWith = (name: AnswerName, error: string, extra?: { path: string }): ReceiverAnswer =>
  toAnswer(name, { ok: false, error, ...extra });
