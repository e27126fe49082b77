// The README's code is the examples' code: every js/ts block is an example file, word for word
// (tsc type-checks the .ts ones), and the two runnable examples run here as the README says.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { documentedAnswers } from '../src/generated/contract.js';

const here = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const readme = readFileSync(here('README.md'), 'utf8');
const blocks = [...readme.matchAll(/\[`(examples\/[^`]+)`\]\([^)]+\):\n\n```(js|ts)[^\n]*\n([\s\S]*?)\n```/g)];

describe('README', () => {
  it('shows every example file, and every js/ts block is one of them, word for word', () => {
    const fenced = [...readme.matchAll(/```(js|ts)[^\n]*\n/g)].length;
    expect(blocks).toHaveLength(fenced);
    for (const [, file, , code] of blocks) expect(code, file).toBe(readFileSync(here(file!), 'utf8').trimEnd());
    expect(blocks.map((b) => b[1]).sort()).toEqual(
      readdirSync(here('examples'))
        .map((f) => `examples/${f}`)
        .sort(),
    );
  });

  it('lists every status the receiver gives, as the spec documents them', () => {
    const table = [...readme.matchAll(/^\| (\d{3})\s+\|/gm)].map((m) => Number(m[1]));
    const documented = new Set(Object.values(documentedAnswers).map((a) => a.status));
    expect([...table].sort()).toEqual([...documented].sort());
  });
});

describe('the runnable examples', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGTERM');
  });

  const send = (url: string, key: string) =>
    new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [here('examples/send-test-delivery.mjs')],
        { env: { ...process.env, RECEIVER_URL: url, WAWP_WEBHOOK_HMAC_KEY: key }, timeout: 20_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });

  it('the receiver refuses to start without a key, then takes a signed delivery and refuses a wrong key', async () => {
    const { WAWP_WEBHOOK_HMAC_KEY: _, ...env } = process.env;
    const keyless = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [here('examples/receiver.mjs')], { env, timeout: 20_000 }, (error, _out, stderr) =>
        resolve({ code: (error as { code?: number } | null)?.code ?? 0, stderr }),
      );
    });
    expect(keyless).toMatchObject({ code: 1, stderr: expect.stringContaining('WAWP_WEBHOOK_HMAC_KEY') });

    const receiver = spawn(process.execPath, [here('examples/receiver.mjs')], {
      env: { ...env, PORT: '0', WAWP_WEBHOOK_HMAC_KEY: 's3cret' },
    });
    children.push(receiver);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      receiver.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (match) resolve(match[1]!);
      });
      receiver.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
    });
    expect(await send(url, 's3cret')).toContain('answered 200 {"ok":true}');
    expect(await send(url, 'wrong')).toContain('answered 401');
    const exited = new Promise((resolve) => receiver.once('exit', resolve));
    receiver.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
