// Loads a prebuilt CommonJS file (dist/prism.cjs) with V8's code cache of it, written by the
// build (scripts/store-start-up-data.ts) after a warm-up answer: compiling Prism's code was a
// large part of what remained of the mock's start-up once it was one file. V8 checks the
// cache against its own version, its flags and the source; a cache made by another Node is
// rejected and the file is compiled as usual, nothing else changes. Where Node has its own
// compile cache and it is on (Node 22+, `module.enableCompileCache()`, which the CLI turns
// on), the file is simply required and Node's cache does the work.
import { existsSync, readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface Prebuilt<T> {
  /** The file it was loaded from; its code cache is `codeCachePath(file)`. */
  file: string;
  exports: T;
  /** How it was loaded: with the build's code cache, compiled afresh, or by Node's require. */
  loadedWith: 'code-cache' | 'compiled' | 'require';
  /** V8's code cache of the file as it is now (for the build to store). */
  createCodeCache(): Buffer;
}

export function codeCachePath(file: string): string {
  return `${file}.code-cache`;
}

/**
 * `standIns`: what the file's own run-time `require(id)` gets instead of the module (see
 * deferred-modules.ts); with Node's compile cache on, the file requires the real modules.
 */
export function loadPrebuilt<T>(
  file: string,
  standIns: Record<string, (require: NodeJS.Require) => unknown> = {},
): Prebuilt<T> {
  const require = nodeModule.createRequire(file);
  const compileCacheDir = (nodeModule as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.();
  if (compileCacheDir) {
    return {
      file,
      exports: require(file) as T,
      loadedWith: 'require',
      createCodeCache: () => Buffer.alloc(0),
    };
  }
  const cacheFile = codeCachePath(file);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // Node's own CommonJS wrapper, so the file sees what a required file sees. Read as bytes,
  // then decoded: Node 20's readFileSync(file, 'utf8') took four times as long on 2 MB.
  const text = readFileSync(file).toString('utf8');
  const source = `(function (exports, require, module, __filename, __dirname) { ${text}\n});`;
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const own = (id: string) => (Object.hasOwn(standIns, id) ? standIns[id]?.(require) : require(id));
  const fileRequire = Object.assign(own, { resolve: require.resolve, cache: require.cache, main: require.main });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    fileRequire,
    module,
    file,
    dirname(file),
  );
  return {
    file,
    exports: module.exports,
    loadedWith: cachedData && !script.cachedDataRejected ? 'code-cache' : 'compiled',
    createCodeCache: () => script.createCachedData(),
  };
}
