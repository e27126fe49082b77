// The session lifecycle on a manual clock, with the `session.status` event of every
// transition delivered, signed, to the instance's webhook and valid against its schema.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { api, HMAC_KEY, startCheckingReceiver } from './helpers.js';

let receiver: Awaited<ReturnType<typeof startCheckingReceiver>>;
let sandbox: Sandbox;

beforeAll(async () => {
  receiver = await startCheckingReceiver();
  sandbox = await startSandbox({
    clock: 'manual',
    scenario: {
      instances: [
        {
          id: 'lifecycle1',
          accessToken: 'secret-token-1',
          name: 'shop',
          status: 'STOPPED',
          linked: false,
          me: { id: '447700900999@c.us', pushName: 'Shop' },
          webhooks: [{ url: 'http://placeholder.invalid/', events: ['session.status'] }],
        },
      ],
    },
  });
  sandbox.engine.world.instances.get('lifecycle1')!.webhooks = [
    { url: receiver.url, events: ['session.status'], hmac: { key: HMAC_KEY } },
  ];
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

const statuses = () => receiver.events.map((e) => e.payload.status);
const info = async () => (await api(sandbox, 'GET', '/session/info')).body;

it('goes STOPPED → STARTING → SCAN_QR_CODE → (scan) WORKING, with an event for each step', async () => {
  expect((await info()).status).toBe('STOPPED');
  expect((await api(sandbox, 'POST', '/send', { chatId: '447700900123@c.us', message: 'hi' })).body.code).toBe(
    'server_not_found',
  );
  expect((await api(sandbox, 'POST', '/session/start')).body.status).toBe('STARTING');
  await sandbox.advance(0);
  expect(statuses()).toEqual(['STARTING']);
  await sandbox.advance(999);
  expect((await info()).status).toBe('STARTING');
  await sandbox.advance(1);
  expect((await info()).status).toBe('SCAN_QR_CODE');
  const waiting = await api(sandbox, 'POST', '/send', { chatId: '447700900123@c.us', message: 'hi' });
  expect([waiting.status, waiting.body.code]).toEqual([502, 'wawp_upstream_error']);
  expect((await api(sandbox, 'GET', '/session/me')).status).toBe(502);
  sandbox.inbound({ type: 'scan' });
  await sandbox.advance(0);
  const working = await info();
  expect(working.status).toBe('WORKING');
  expect(working.me).toEqual({ id: '447700900999@c.us', pushName: 'Shop' });
  expect(statuses()).toEqual(['STARTING', 'SCAN_QR_CODE', 'WORKING']);
});

it('stop, restart (still linked: straight to WORKING), logout, pairing code, delete', async () => {
  receiver.events.length = 0;
  await api(sandbox, 'POST', '/session/stop');
  await api(sandbox, 'POST', '/session/restart');
  await sandbox.advance(1000);
  expect((await info()).status).toBe('WORKING');
  await api(sandbox, 'POST', '/session/logout');
  await sandbox.advance(1000);
  const loggedOut = await info();
  expect([loggedOut.status, loggedOut.me]).toEqual(['SCAN_QR_CODE', null]);
  const code = await api(sandbox, 'POST', '/requestCode', { phone_number: '447700900999' });
  expect(code.body.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await sandbox.advance(5000);
  expect((await info()).status).toBe('WORKING');
  expect((await api(sandbox, 'DELETE', '/session/delete')).status).toBe(200);
  await sandbox.advance(0);
  expect(statuses()).toEqual(['STOPPED', 'STARTING', 'WORKING', 'STARTING', 'SCAN_QR_CODE', 'WORKING', 'STOPPED']);
  const gone = await api(sandbox, 'GET', '/session/info');
  expect([gone.status, gone.body.code]).toEqual([401, 'invalid_access_token']);
});

it('delivered every event signed, in the engine envelope, valid against its schema', () => {
  expect(receiver.problems).toEqual([]);
  const all = sandbox.deliveries({ event: 'session.status' });
  expect(all.length).toBeGreaterThanOrEqual(10);
  expect(all.every((d) => d.ok && d.signed && d.attempt === 1)).toBe(true);
  expect(receiver.events.every((e) => e.signed && /^evt_[0-9a-z]{26}$/.test(e.id))).toBe(true);
  const last = JSON.parse(receiver.events.at(-1)!.raw);
  expect(last).toMatchObject({ event: 'session.status', session: 'shop', engine: 'GOWS', payload: { name: 'shop' } });
  expect(receiver.events.some((e) => e.raw.includes('secret-token-1'))).toBe(false);
});

it('a session created under the account starts on its own and waits for a login', async () => {
  const other = await startSandbox({ clock: 'manual' });
  try {
    const created = await api(other, 'POST', '/createSession', { name: 'second' });
    expect(created.body).toMatchObject({ name: 'second', status: 'STARTING' });
    const id = created.body.config.metadata.instance_id as string;
    await other.advance(1000);
    const second = await api({ ...other, instanceId: id }, 'GET', '/session/info');
    expect(second.body.status).toBe('SCAN_QR_CODE');
    const wrong = await api({ ...other, accessToken: 'not-the-token' }, 'POST', '/createSession', { name: 'x' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'invalid_access_token']);
  } finally {
    await other.close();
  }
});
