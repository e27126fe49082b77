// vitest globalSetup: finds the browser once per run (the packaged Chromium decompresses
// itself here, before any test file starts, so two files never race to unpack it) and hands
// the choice to the test files through `inject('browser')`.
import type { TestProject } from 'vitest/node';
import { type BrowserChoice, findBrowserHere } from './find-browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    browser: BrowserChoice;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const browser = await findBrowserHere();
  console.info(`browser tests: using ${browser.executablePath} (${browser.source})`);
  project.provide('browser', browser);
}
