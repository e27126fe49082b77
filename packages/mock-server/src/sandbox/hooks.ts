// How the sandbox plugs into the mock: the mock validates every call (placement, credentials,
// parameters, body) and hands the valid ones to `responder`; every answered call reaches
// `observe`, which is the request journal; the sandbox's control endpoints extend the mock's
// own, behind the same control-token guard.
import type { Responder } from '../api/hooks.js';
import type { MockServerOptions } from '../server.js';
import { handleSandboxControl } from './control.js';
import type { SandboxEngine } from './engine.js';

/** Read only: shared by every answer from state that sets no header of its own. */
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json; charset=utf-8',
});

export function sandboxHooks(engine: SandboxEngine): Pick<MockServerOptions, 'responder' | 'observe' | 'control'> {
  const responder: Responder = async (call) => {
    const answer = engine.serve({
      api: call.api,
      operationId: call.operationId,
      method: call.method,
      path: call.path,
      // The pipeline's own merged parameters of this one call (the journal copies what it keeps).
      params: call.params,
      documented: call.documented,
    });
    if (answer.latencyMs) await new Promise((resolve) => setTimeout(resolve, answer.latencyMs));
    if (answer.drop) return { status: 0, drop: true };
    // The documented answer keeps its own headers; answers from state are JSON.
    const headers =
      answer.headers === call.documented.headers
        ? answer.headers
        : answer.headers
          ? { ...JSON_HEADERS, ...answer.headers }
          : JSON_HEADERS;
    return { status: answer.status, body: answer.body, headers };
  };
  return {
    responder,
    observe: (exchange) =>
      engine.record(
        {
          api: exchange.api,
          operationId: exchange.operationId ?? null,
          method: exchange.method,
          path: exchange.path,
          // The journal keeps its own snapshot of them.
          params: exchange.params,
        },
        { status: exchange.status, body: exchange.body },
      ),
    control: (call) => handleSandboxControl(engine, call),
  };
}
