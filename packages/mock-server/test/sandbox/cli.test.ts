// The sandbox as users run it: `wawp-mock` (sandbox by default) and `wawp-mock inbound` as
// child processes of bin/wawp-mock.js (which loads dist/, built before the tests).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/wawp-mock.js', import.meta.url));
const SCENARIO = fileURLToPath(new URL('./fixtures/examples.scenario.yaml', import.meta.url));
const CREDS = 'instance_id=123456789&access_token=123456789';
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe', env: { ...process.env, ...env } });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => {
    out.stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    out.stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out };
}

async function servedUrl(started: ReturnType<typeof run>): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const match = /serving \d+ operations at (http:\/\/\S+)/.exec(started.out.stdout);
    if (match) return match[1] as string;
    if (started.child.exitCode !== null) throw new Error(`exited early: ${started.out.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no URL printed: ${started.out.stdout}`);
}

it('runs the sandbox by default: a send is listed, `inbound` plays a contact, SIGTERM stops it', async () => {
  const server = run(['--port', '0', '--scenario', SCENARIO]);
  const url = await servedUrl(server);
  expect(server.out.stdout).toMatch(/control token [\w-]{32} /);
  expect(server.out.stdout).toMatch(/sandbox, manual clock, instance 123456789/);
  const sent = await (
    await fetch(`${url}/send?${CREDS}&chatId=447700900456@c.us&message=hi`, { method: 'POST' })
  ).json();
  const listed = await (await fetch(`${url}/chats/447700900456%40c.us/messages?${CREDS}`)).json();
  expect(listed[0]).toMatchObject({ id: sent.id, body: 'hi' });

  const token = /control token (\S+)/.exec(server.out.stdout)?.[1];
  const inbound = run(['inbound', 'text', '--from', '447700900456@c.us', '--body', 'hello back', '--url', url], {
    ...(token ? { WAWP_MOCK_CONTROL_TOKEN: token } : {}),
  });
  expect(await inbound.exited).toBe(0);
  expect(JSON.parse(inbound.out.stdout)).toMatchObject({ type: 'text', message: { body: 'hello back' } });
  const after = await (await fetch(`${url}/chats/447700900456%40c.us/messages?${CREDS}`)).json();
  expect(after.map((m: { body: string }) => m.body)).toEqual(['hello back', 'hi']);

  const refused = run(
    ['inbound', 'reaction', '--from', '447700900456@c.us', '--data', '{"messageId":"nope"}', '--url', url],
    {
      ...(token ? { WAWP_MOCK_CONTROL_TOKEN: token } : {}),
    },
  );
  expect(await refused.exited).toBe(1);
  expect(refused.out.stderr).toMatch(/refused it \(400\).*No message nope/);
  const tokenless = run(['inbound', 'text', '--from', '447700900456@c.us', '--body', 'x', '--url', url], {
    WAWP_MOCK_CONTROL_TOKEN: '',
  });
  expect(await tokenless.exited).toBe(1);
  expect(tokenless.out.stderr).toMatch(/refused it \(401\)/);

  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
});

it('--static keeps the example-only behaviour', async () => {
  const server = run(['--port', '0', '--static']);
  const url = await servedUrl(server);
  expect(server.out.stdout).toMatch(/static mode, documented examples/);
  const sent = await (
    await fetch(`${url}/send?${CREDS}&chatId=447700900456@c.us&message=hi`, { method: 'POST' })
  ).json();
  expect(sent.body).not.toBe('hi');
  server.child.kill('SIGINT');
  expect(await server.exited).toBe(0);
});

it('refuses a broken scenario at start, naming the file and the place of the mistake', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'wawp-cli-')), 'broken.yaml');
  writeFileSync(file, 'instances:\n  - id: a\n    accessToken: t\n    chats:\n      - id: someone\n');
  const server = run(['--port', '0', '--scenario', file]);
  expect(await server.exited).toBe(2);
  expect(server.out.stderr).toContain(file);
  expect(server.out.stderr).toMatch(/\/instances\/0\/chats\/0\/id: must match pattern/);
});
