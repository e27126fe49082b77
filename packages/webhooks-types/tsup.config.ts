import { defineConfig } from 'tsup';
import { packagePreset } from '../../tsup.shared';

export default defineConfig({
  ...packagePreset,
  entry: {
    index: 'src/index.ts',
    verify: 'src/verify.ts',
    parse: 'src/parse.ts',
    router: 'src/router.ts',
    fetch: 'src/fetch.ts',
    node: 'src/node.ts',
  },
  target: 'es2022',
  platform: 'neutral',
  // Shared chunks in both formats, so `WebhookParseError` is one class whichever entry you load.
  splitting: true,
  treeshake: true,
  // Only the Node entry imports these; they stay imports, never bundled.
  external: [/^node:/],
  // Keep the `node:` prefix (tsup strips it by default); Deno and Bun need it too.
  removeNodeProtocol: false,
});
