// What an operation handler gets and gives back.
import { wordpressError } from '../../wordpress-errors.js';
import type { Params } from '../params.js';
import type { SpecAnswers } from '../spec-answers.js';
import type { InstanceState } from '../state.js';
import type { World } from '../world.js';

export interface Call {
  /** The API version the call was made to: a handler shared by both may answer each its way. */
  api: 'v1' | 'v2';
  world: World;
  instance: InstanceState;
  params: Params;
  /** The access token of the call (createSession provisions under it). */
  accessToken: string;
  /** The documented error bodies of both descriptions. */
  answers: SpecAnswers;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The body is the answer's own copy, which nobody changes: the journal keeps it as it is. */
  kept?: true;
}

export type Handler = (call: Call) => Answer;
export type HandlerTable = Record<string, Handler>;

/** Answer with the operation's documented example (for answers that carry no state, e.g. an image). */
export const DOCUMENTED: Answer = Object.freeze({ status: 0 });

export const ok = (body: unknown = {}): Answer => ({ status: 200, body });

/** A handler step that sets `fields` on the record it is given and answers 200 `{}`. */
export const update =
  <T extends object>(fields: Partial<T>) =>
  (record: T): Answer => {
    Object.assign(record, fields);
    return ok();
  };

/** Something the call names does not exist: the engine answers 404, which Wawp passes on. */
export const notFound = (message: string): Answer => ({ status: 404, body: wordpressError(404, 'not_found', message) });

/** The engine refused the call (the session is not in a state to do it, and the like). */
export const upstream = (message: string): Answer => ({
  status: 502,
  body: wordpressError(502, 'wawp_upstream_error', message),
});

export const invalidParam = (name: string, problem: string): Answer => ({
  status: 400,
  body: wordpressError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, { [name]: problem }),
});
