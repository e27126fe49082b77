// How the sandbox plugs into the mock: the mock validates every call (placement, credentials,
// parameters, body) and hands the valid ones to `responder`; every answered call reaches
// `observe`, which is the request journal; the sandbox's control endpoints extend the mock's
// own, behind the same control-token guard.
import type { MockAnswer, Responder } from '../api/hooks.js';
import { keepJsonOf } from '../http/respond.js';
import type { MockServerOptions } from '../server.js';
import { handleSandboxControl } from './control.js';
import type { SandboxAnswer, SandboxEngine } from './engine.js';

/** Read only: shared by every answer from state that sets no header of its own. */
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json; charset=utf-8',
});

function reply(answer: SandboxAnswer, documented: MockAnswer): MockAnswer {
  if (answer.drop) return { status: 0, drop: true };
  if (answer.repeated) keepJsonOf(answer.body as object);
  // The documented answer keeps its own headers; answers from state are JSON.
  const headers =
    answer.headers === documented.headers
      ? answer.headers
      : answer.headers
        ? { ...JSON_HEADERS, ...answer.headers }
        : JSON_HEADERS;
  return { status: answer.status, body: answer.body, headers };
}

function later<T>(ms: number, task: () => T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(task()), ms));
}

export function sandboxHooks(engine: SandboxEngine): Pick<MockServerOptions, 'responder' | 'observe' | 'control'> {
  // Synchronous unless a latency fault delays the answer: a promise and a turn of the
  // microtask queue per call otherwise, for nothing.
  const responder: Responder = (call) => {
    // The call as the pipeline made it, with its own merged parameters (the journal copies what it keeps).
    const answer = engine.serve(call);
    if (answer.latencyMs) return later(answer.latencyMs, () => reply(answer, call.documented));
    return reply(answer, call.documented);
  };
  return {
    responder,
    // The exchange is both the call and its answer (the journal keeps its own snapshot of them).
    observe: (exchange) => engine.record(exchange, exchange),
    control: (call) => handleSandboxControl(engine, call),
  };
}
