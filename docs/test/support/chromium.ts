// Starts the Chromium that find-browser.ts picked (once per run, in test/support/browser-setup.ts),
// driven by playwright-core: never a browser that playwright downloads. The flags keep it off
// the network, which is closed on this machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Chromium with a fresh profile; `close` also removes the profile. */
export async function launchChromium(
  viewport = { width: 1400, height: 900 },
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const browser = inject('browser');
  const profileDir = mkdtempSync(join(tmpdir(), 'wawp-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browser.executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
  });
  console.info(`browser: ${browser.source}, ${browser.executablePath}, version ${context.browser()?.version() ?? '?'}`);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
