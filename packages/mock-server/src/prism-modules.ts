// Prism's modules, loaded here and nowhere else: from dist/prism.cjs, the one-file build of
// the parts the mock uses (src/prism-bundle.ts), with the build's code cache (prebuilt.ts).
// From src/ (tests) and from dist/ (the package) alike, it is the package's own dist/prism.cjs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lazyRequire } from './deferred-modules.js';
import { loadPrebuilt } from './prebuilt.js';

export const PRISM_BUNDLE = fileURLToPath(new URL('../dist/prism.cjs', import.meta.url));
if (!existsSync(PRISM_BUNDLE)) {
  throw new Error(`${PRISM_BUNDLE} is missing: build the package first (npm run build -w @wawp/mock-server)`);
}
export const prismBundle = loadPrebuilt<typeof import('./prism-bundle.js')>(PRISM_BUNDLE, {
  esprima: (require) => lazyRequire(require, 'esprima'),
});
export const { prismHttp, prismValidator, prismMock, schemaFaker, prismYaml, PRISM_HTTP_VERSION } = prismBundle.exports;
