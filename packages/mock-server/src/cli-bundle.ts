// The entry of dist/cli.cjs, the one-file CommonJS build of the CLI (tsup.config.ts) that
// bin.ts loads with V8's code cache of it (prebuilt.ts). Node 20 keeps no compiled code of ES
// modules between runs: loading the CLI's own modules as ES modules (about ten files, each
// resolved, linked and compiled afresh) was a fifth of the mock's start-up. What a command
// does not use stays unloaded: the modules it imports on demand run when it imports them.
export { main } from './cli.js';

/**
 * For the build's warm-up (scripts/store-code-cache.ts), which answers from both modes through
 * the same module instances the CLI runs, so their code is in the stored caches.
 */
export const warmUp = {
  startSandbox: async (...args: Parameters<typeof import('./sandbox/start.js').startSandbox>) =>
    (await import('./sandbox/start.js')).startSandbox(...args),
  startMockServer: async (...args: Parameters<typeof import('./server.js').startMockServer>) =>
    (await import('./server.js')).startMockServer(...args),
  prismBundle: async () => (await import('./prism-modules.js')).prismBundle,
};
