// The order in which the browser tests pick a browser, on each platform, without touching the disk.
import { describe, expect, it } from 'vitest';
import { type FindBrowserDeps, findBrowser, freshPackagedPath, installedCandidates } from './support/find-browser.js';

const PACKAGED = { executablePath: '/tmp/chromium', source: '@sparticuz/chromium 143.0.4' };

function deps(over: Partial<FindBrowserDeps> & { executables?: string[] }): FindBrowserDeps {
  const executables = new Set(over.executables ?? []);
  return {
    env: {},
    platform: 'linux',
    arch: 'x64',
    home: '/home/me',
    isExecutable: (p) => executables.has(p),
    packaged: async () => PACKAGED,
    ...over,
  };
}

describe('findBrowser', () => {
  it('takes CHROMIUM_PATH first, over an installed browser', async () => {
    const got = await findBrowser(
      deps({ env: { CHROMIUM_PATH: '/opt/c/chrome' }, executables: ['/opt/c/chrome', '/usr/bin/chromium'] }),
    );
    expect(got).toEqual({ executablePath: '/opt/c/chrome', source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that is not an executable instead of using another browser', async () => {
    await expect(
      findBrowser(deps({ env: { CHROMIUM_PATH: '/nope' }, executables: ['/usr/bin/chromium'] })),
    ).rejects.toThrow('CHROMIUM_PATH is /nope, which is not an executable file');
  });

  it.each([
    ['linux', '/usr/bin/google-chrome', {}],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', {}],
    ['darwin', '/home/me/Applications/Chromium.app/Contents/MacOS/Chromium', {}],
    ['win32', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', { PROGRAMFILES: 'C:\\Program Files' }],
    [
      'win32',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' },
    ],
  ] as const)('on %s finds an installed %s', async (platform, path, env) => {
    const got = await findBrowser(deps({ platform, env, executables: [path] }));
    expect(got).toEqual({ executablePath: path, source: 'installed' });
  });

  it('prefers Chromium to Chrome on Linux', () => {
    const order = installedCandidates('linux', {}, '/');
    expect(order.indexOf('/usr/bin/chromium')).toBeLessThan(order.indexOf('/usr/bin/google-chrome'));
  });

  it('falls back to the packaged Chromium on Linux x64 when nothing is installed', async () => {
    expect(await findBrowser(deps({}))).toEqual(PACKAGED);
  });

  it.each([
    ['linux', 'arm64', 'ships no build for linux/arm64'],
    ['darwin', 'arm64', 'ships no build for darwin/arm64'],
    ['linux', 'x64', 'not installed: run `npm ci`'],
  ] as const)('with nothing to use on %s/%s fails and says what to install', async (platform, arch, why) => {
    const error = await findBrowser(deps({ platform, arch, packaged: async () => undefined })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(why);
    expect((error as Error).message).toContain('Install Chromium or Google Chrome, or set CHROMIUM_PATH');
  });
});

describe('the packaged Chromium left in the temp folder', () => {
  function temp(files: string[]) {
    const removed: string[] = [];
    let extractions = 0;
    return {
      removed,
      extractions: () => extractions,
      deps: {
        extract: async () => {
          extractions++;
          return '/tmp/chromium';
        },
        versionOf: () => files[Math.min(extractions, files.length) - 1],
        remove: (path: string) => removed.push(path),
      },
    };
  }

  it("is used as it is when it runs and is the package's own major version", async () => {
    const fake = temp(['Chromium 143.0.7499.0\n']);
    expect(await freshPackagedPath('143.0.4', fake.deps)).toBe('/tmp/chromium');
    expect(fake.removed).toEqual([]);
    expect(fake.extractions()).toBe(1);
  });

  it.each([
    ['left by another version', 'Chromium 131.0.6778.0\n'],
    ['crashing (no version)', undefined],
  ])('is replaced when %s', async (_, stale) => {
    const fake = temp([stale as string, 'Chromium 143.0.7499.0\n']);
    expect(await freshPackagedPath('143.0.4', fake.deps)).toBe('/tmp/chromium');
    expect(fake.removed).toEqual(['/tmp/chromium']);
    expect(fake.extractions()).toBe(2);
  });

  it('fails clearly when even a fresh copy does not run', async () => {
    const fake = temp([undefined as unknown as string, undefined as unknown as string]);
    await expect(freshPackagedPath('143.0.4', fake.deps)).rejects.toThrow(/does not run/);
  });
});
