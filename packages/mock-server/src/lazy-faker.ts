// Loading Prism loads two fake-data libraries that compile large word lists at once: about
// half of the mock's start-up. Prism's data generator requires @faker-js/faker (for
// `--dynamic` only, which reads its English locale alone), and Prism's Postman reader requires
// postman-collection, which requires an older faker (5.x, English) for Postman's `{{$random…}}` variables
// (never used on an OpenAPI document). Before Prism loads, `deferFakerLoading` puts stand-ins
// for @faker-js/faker and postman-collection in the require cache; each loads the real module
// on first use. Static mode
// and the sandbox never use them. When the layout of Prism's dependencies differs, nothing is
// deferred: start-up is slower, nothing else changes (test/lazy-faker.test.ts notices).
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';

type Require = ReturnType<typeof createRequire>;
const cache = createRequire(import.meta.url).cache;

/** `prismEntry` is the resolved path of `@stoplight/prism-http`. */
export function deferFakerLoading(prismEntry: string): void {
  const fromPrism = createRequire(join(dirname(prismEntry), 'mocker', 'generator', 'JSONSchema.js'));
  defer(fromPrism, '@faker-js/faker', () => {
    const faker = lazyObject(() => fromPrism(fromPrism.resolve('@faker-js/faker/locale/en')) as object);
    return { __esModule: true, default: faker, faker };
  });
  // postman-collection reads its faker when it loads, so the stand-in is for postman-collection
  // itself, which Prism's Postman reader only uses inside its functions.
  const fromPostmanReader = find(() =>
    createRequire(createRequire(prismEntry).resolve('@stoplight/http-spec/postman/operation')),
  );
  if (fromPostmanReader) {
    defer(fromPostmanReader, 'postman-collection', (entry) =>
      lazyObject(() => {
        delete cache[entry];
        return fromPostmanReader(entry) as object;
      }),
    );
  }
}

/** Puts `standIn(path)` in the cache as the module `specifier` resolves to from `from`. */
function defer(from: Require, specifier: string, standIn: (path: string) => object): void {
  const entry = find(() => from.resolve(specifier));
  if (!entry || cache[entry]) return;
  const module = new Module(entry);
  module.filename = entry;
  module.loaded = true;
  module.exports = standIn(entry);
  cache[entry] = module;
}

function find<T>(locate: () => T): T | undefined {
  try {
    return locate();
  } catch {
    return undefined;
  }
}

/** An object that becomes `load()`'s result the first time anything about it is asked. */
export function lazyObject(load: () => object): object {
  let real: object | undefined;
  const target = () => {
    real ??= load();
    return real;
  };
  return new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(target(), key),
      set: (_, key, value) => Reflect.set(target(), key, value),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor(_, key) {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        // A proxy may not report a property as non-configurable when its own target lacks it.
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    },
  );
}
