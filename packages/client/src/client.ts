import type { Client } from 'openapi-fetch';
import { createCore, type WawpClientOptions, type WawpCore } from './core.js';
import type { paths } from './generated/openapi.js';

export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, type WawpClientOptions, type WawpCore } from './core.js';

/**
 * The path-based face: openapi-fetch's `GET`/`POST`/… typed by the Wawp description, over
 * the Wawp core (`core`), which `createWawp` and the standalone operations share.
 */
export type WawpPathClient = Client<paths, 'application/json'> & { readonly core: WawpCore };

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

export function createWawpClient(options: WawpClientOptions): WawpPathClient {
  return pathFace(createCore(options)) as WawpPathClient;
}

/** openapi-fetch's methods over a core, untyped: each version's factory types them by its paths. */
export function pathFace(core: WawpCore): { readonly core: WawpCore } {
  const face: Record<string, unknown> = {
    core,
    request: (method: string, path: string, init?: Record<string, unknown>) =>
      core.send(method.toUpperCase(), path, init),
    use: core.use,
    eject: core.eject,
  };
  for (const method of METHODS)
    face[method] = (path: string, init?: Record<string, unknown>) => core.send(method, path, init);
  return face as unknown as { readonly core: WawpCore };
}

/** The core behind a face, or undefined for anything else (a plain openapi-fetch client). */
export function coreOf(value: unknown): WawpCore | undefined {
  const core = (value as { core?: WawpCore } | null | undefined)?.core;
  return typeof core?.send === 'function' ? core : undefined;
}
