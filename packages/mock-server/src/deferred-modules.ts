// Modules Prism loads at once but the mock rarely or never uses, replaced by stand-ins that
// load the real module on first use. Prism's data generator requires @faker-js/faker (for
// `--dynamic` only, which reads its English locale alone), and Prism's Postman reader
// requires postman-collection, which requires an older faker (5.x, English) for Postman's
// `{{$random…}}` variables (never used on an OpenAPI document): compiling their word lists
// was about half of Prism's load time. The one-file build of Prism (dist/prism.cjs, see
// scripts/build-prism-bundle.ts) puts these two stand-ins where Prism requires them; each
// finds the real module from the installed Prism. A YAML reader inside Prism requires
// esprima (for `!!js/function`, which its safe reading never accepts) in a way no bundler
// follows: prism-modules.ts hands the bundle a stand-in for it at run time. Prism's
// forwarder (proxy mode) and its callbacks send requests with node-fetch, whose URL parser
// builds a Unicode table when it loads; the mock never proxies.
import { createRequire } from 'node:module';

/** The modules the one-file build of Prism replaces with a stand-in. */
export const DEFERRED_MODULES = ['@faker-js/faker', 'postman-collection', 'node-fetch'] as const;
export type DeferredModule = (typeof DEFERRED_MODULES)[number];

/**
 * The stand-in for `specifier`. `prismEntry` is the resolved path of the installed
 * `@stoplight/prism-http`, from which the real module is found.
 */
export function standIn(specifier: DeferredModule, prismEntry: string): object {
  const fromPrism = createRequire(prismEntry);
  if (specifier === '@faker-js/faker') {
    const faker = lazyObject(() => fromPrism(fromPrism.resolve('@faker-js/faker/locale/en')) as object);
    return { __esModule: true, default: faker, faker };
  }
  if (specifier === 'postman-collection') {
    // postman-collection is Prism's dependency's (@stoplight/http-spec's) dependency.
    return lazyObject(() => {
      const fromHttpSpec = createRequire(fromPrism.resolve('@stoplight/http-spec/postman/operation'));
      return fromHttpSpec('postman-collection') as object;
    });
  }
  // Prism calls it as `node_fetch.default(…)`, a property of the module, which a stand-in has.
  return lazyRequire(fromPrism, specifier);
}

/** A stand-in for the module `require(id)` loads. */
export function lazyRequire(require: (id: string) => unknown, id: string): object {
  return lazyObject(() => require(id) as object);
}

/**
 * An object that becomes `load()`'s result the first time anything about it is asked. With
 * `callable`, it is also a function that calls the loaded one (a module that is a function,
 * such as pino, or a member Prism reads long before it calls it, such as the forwarder's).
 */
export function lazyObject(load: () => object, options: { callable?: boolean } = {}): object {
  let real: object | undefined;
  const target = () => {
    real ??= load();
    return real;
  };
  // An arrow function has no non-configurable own properties a proxy would have to report.
  const shell = options.callable ? () => {} : {};
  return new Proxy(shell, {
    get: (_, key) => Reflect.get(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    // A test that swaps a member for a spy defines it on the loaded module, as on a module.
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor(_, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A proxy may not report a property as non-configurable when its own target lacks it.
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    apply: (_, self, args) => Reflect.apply(target() as (...a: unknown[]) => unknown, self, args),
  });
}
