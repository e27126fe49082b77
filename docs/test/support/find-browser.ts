// Which Chromium the browser tests drive, found in one documented order so that `npm test`
// works wherever a newcomer runs it, with nothing to download and no apt step:
//
//   1. CHROMIUM_PATH, when set: that browser and no other (a wrong path is an error, not a
//      reason to quietly use something else);
//   2. a Chromium, Chrome or Edge installed in the platform's usual place (Linux, macOS, Windows);
//   3. the Chromium that the `@sparticuz/chromium` package ships inside its npm tarball
//      (Linux x64 only; it decompresses itself into the temp folder on first use).
//
// If none can be had, the tests fail with what to install: a browser test never skips.
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface BrowserChoice {
  executablePath: string;
  /** Where it came from, for the test output: "CHROMIUM_PATH", "installed", "@sparticuz/chromium 143.0.4". */
  source: string;
}

export interface FindBrowserDeps {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  arch: string;
  home: string;
  /** True for a file that can be executed (an empty placeholder or a folder is not a browser). */
  isExecutable(path: string): boolean;
  /** The packaged Chromium's path, decompressed on demand, or undefined when it is not installed. */
  packaged(): Promise<BrowserChoice | undefined>;
}

/** The places a system browser is looked for, in order, for one platform. */
export function installedCandidates(platform: NodeJS.Platform, env: FindBrowserDeps['env'], home: string): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    return ['/Applications', join(home, 'Applications')].flatMap((dir) => apps.map((app) => `${dir}/${app}`));
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((r): r is string => !!r);
    const exes = [
      'Chromium\\Application\\chrome.exe',
      'Google\\Chrome\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    return roots.flatMap((root) => exes.map((exe) => `${root}\\${exe}`));
  }
  // Linux and the BSDs: the distributions' package names, then Snap's.
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/local/bin/chromium',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ];
}

export async function findBrowser(deps: FindBrowserDeps): Promise<BrowserChoice> {
  const explicit = deps.env.CHROMIUM_PATH?.trim();
  if (explicit) {
    if (!deps.isExecutable(explicit)) {
      throw new Error(`CHROMIUM_PATH is ${explicit}, which is not an executable file: fix it or unset it`);
    }
    return { executablePath: explicit, source: 'CHROMIUM_PATH' };
  }
  const candidates = installedCandidates(deps.platform, deps.env, deps.home);
  const installed = candidates.find((path) => deps.isExecutable(path));
  if (installed) return { executablePath: installed, source: 'installed' };
  const packaged = deps.platform === 'linux' && deps.arch === 'x64' ? await deps.packaged() : undefined;
  if (packaged) return packaged;
  throw new Error(
    [
      'No Chromium for the browser tests. Looked at, in order:',
      '  CHROMIUM_PATH (unset)',
      ...candidates.map((c) => `  ${c}`),
      `  @sparticuz/chromium (${deps.platform === 'linux' && deps.arch === 'x64' ? 'not installed: run `npm ci`' : `ships no build for ${deps.platform}/${deps.arch}`})`,
      'Install Chromium or Google Chrome, or set CHROMIUM_PATH to a Chromium-based browser.',
    ].join('\n'),
  );
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function packagedChromium(): Promise<BrowserChoice | undefined> {
  let mod: typeof import('@sparticuz/chromium');
  try {
    mod = await import('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  // The package exports no package.json; its version is read from beside its entry point.
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(entry, '..', '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const { spawnSync } = await import('node:child_process');
  const { rmSync } = await import('node:fs');
  const executablePath = await freshPackagedPath(version, {
    extract: () => mod.default.executablePath(),
    versionOf: (path) => {
      const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
      return run.status === 0 ? run.stdout : undefined;
    },
    remove: (path) => rmSync(path, { force: true }),
  });
  return { executablePath, source: `@sparticuz/chromium ${version}` };
}

export interface PackagedPathDeps {
  /** Decompresses the packaged Chromium, or returns the file already in the temp folder. */
  extract(): Promise<string>;
  /** What `<path> --version` prints, or undefined when it does not run. */
  versionOf(path: string): string | undefined;
  remove(path: string): void;
}

/**
 * The packaged Chromium's path, checked: `@sparticuz/chromium` reuses any `/tmp/chromium` it
 * finds, and one left there by another version of the package crashes at launch (or is
 * another browser). A file that does not run, or reports another major version than the
 * package's own (143.0.4 ships Chromium 143), is removed and decompressed afresh.
 */
export async function freshPackagedPath(packageVersion: string, deps: PackagedPathDeps): Promise<string> {
  const major = packageVersion.split('.')[0];
  const fits = (path: string) => new RegExp(`\\b${major}\\.`).test(deps.versionOf(path) ?? '');
  const path = await deps.extract();
  if (fits(path)) return path;
  deps.remove(path);
  const fresh = await deps.extract();
  if (!fits(fresh))
    throw new Error(`the packaged Chromium at ${fresh} does not run: ${deps.versionOf(fresh) ?? 'no version'}`);
  return fresh;
}

/** The browser for this machine, in the order above. */
export function findBrowserHere(): Promise<BrowserChoice> {
  return findBrowser({
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    home: homedir(),
    isExecutable,
    packaged: packagedChromium,
  });
}
