// How the sandbox plugs into the mock: the mock validates every call (placement, credentials,
// parameters, body) and hands the valid ones to `responder`; every answered call reaches
// `observe`, which is the request journal; the sandbox's control endpoints extend the mock's
// own, behind the same control-token guard.
import type { MockAnswer, Responder } from '../api/hooks.js';
import type { MockServerOptions } from '../server.js';
import { handleSandboxControl } from './control.js';
import type { SandboxEngine } from './engine.js';

export function sandboxHooks(engine: SandboxEngine): Pick<MockServerOptions, 'responder' | 'observe' | 'control'> {
  const responder: Responder = async (call) => {
    const answer = engine.serve({
      api: call.api,
      operationId: call.operationId,
      method: call.method,
      path: call.path,
      params: { ...call.params },
      documented: call.documented,
    });
    if (answer.latencyMs) await new Promise((resolve) => setTimeout(resolve, answer.latencyMs));
    if (answer.drop) return { status: 0, drop: true };
    const reply: MockAnswer = { status: answer.status, body: answer.body };
    // The documented answer keeps its own headers; answers from state are JSON.
    reply.headers =
      answer.headers === call.documented.headers
        ? answer.headers
        : { 'content-type': 'application/json; charset=utf-8', ...answer.headers };
    return reply;
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
