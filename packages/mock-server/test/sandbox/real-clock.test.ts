// On a real clock, things happen on their own: `waitFor` resolves when a matching delivery is
// made, and says so clearly when none comes in time.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { api, startCheckingReceiver } from './helpers.js';

let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startCheckingReceiver>>;

beforeAll(async () => {
  receiver = await startCheckingReceiver();
  sandbox = await startSandbox({
    webhooks: [receiver.url],
    scenario: {
      timing: { serverAckMs: 20, deviceAckMs: 40, readAckMs: 60 },
      instances: [{ id: 'rt', accessToken: 'rt-token' }],
    },
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

it('waitFor resolves with the delivery once the acks come in real time', async () => {
  const sent = await api(sandbox, 'POST', '/send', { chatId: '447700900123@c.us', message: 'tick' });
  const read = await sandbox.waitFor(
    (d) => d.event === 'message.ack' && (d.body.payload as { ackName?: string }).ackName === 'READ',
    { timeoutMs: 5000 },
  );
  expect(read).toMatchObject({ ok: true, status: 200, event: 'message.ack' });
  expect((read.body.payload as { id: string }).id).toBe(sent.body.id);
  // Already made deliveries match at once.
  expect((await sandbox.waitFor('message.any')).eventId).toMatch(/^evt_/);
});

it('waitFor rejects after its timeout, naming what to do on a manual clock', async () => {
  await expect(sandbox.waitFor('call.received', { timeoutMs: 50 })).rejects.toThrow(
    /No matching webhook delivery within 50 ms/,
  );
  const manual = await startSandbox({ clock: 'manual' });
  try {
    await api(manual, 'POST', '/send', { chatId: '447700900123@c.us', message: 'x' });
    await expect(manual.waitFor('message.ack', { timeoutMs: 50 })).rejects.toThrow(
      /The clock is manual: advance\(\) it/,
    );
  } finally {
    await manual.close();
  }
});
