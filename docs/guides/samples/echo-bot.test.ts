// Testing the echo bot end to end against the sandbox: a contact says hello, the bot's reply
// is in the journal and in the chat, its acks arrive, and a 429 is survived.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWawp, type Wawp } from '@wawp/client/operations';
import { type Sandbox, startSandbox } from '@wawp/mock-server';
import { createNodeHandler } from '@wawp/webhooks-types/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { echoBot } from './echo-bot.js';

const JANE = '447700900123@c.us';

describe('the echo bot', () => {
  // #region setup
  const hmacKey = 'test-webhook-key';
  let server: Server;
  let sandbox: Sandbox;
  let wawp: Wawp;

  beforeAll(async () => {
    // 1. The bot's webhook endpoint, on a free port.
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // 2. A sandbox that delivers signed webhooks to it, on a clock the test moves.
    sandbox = await startSandbox({ clock: 'manual', webhooks: [botUrl], hmacKey });
    // 3. The bot, with a client pointed at the sandbox.
    wawp = createWawp({ baseUrl: sandbox.url, instanceId: sandbox.instanceId, accessToken: sandbox.accessToken });
    server.on('request', createNodeHandler({ router: echoBot(wawp), hmacKey }));
  });
  beforeEach(() => sandbox.reset());
  afterAll(async () => {
    await sandbox.close();
    server.close();
  });
  // #endregion

  // #region hello
  it('answers a hello, and the answer is delivered and read', async () => {
    const { message } = sandbox.inbound({ type: 'text', from: JANE, body: 'hello' });
    // Deliver what is due now: the `message` webhook, and the bot's reply to it.
    await sandbox.advance(0);

    // The journal has the reply the bot sent...
    const [reply] = sandbox.requests({ operationId: 'sendText' });
    expect(reply?.params).toMatchObject({ chatId: JANE, message: 'hello', reply_to: message?.id });
    // ...and the chat has it, quoting the hello.
    const chat = await wawp.chats.getMessages({ chatId: JANE, limit: 10 });
    expect(chat.map((m) => [m.fromMe, m.body])).toEqual([
      [true, 'hello'],
      [false, 'hello'],
    ]);
    expect(chat[0]?.replyTo?.id).toBe(message?.id);

    // Three seconds later WhatsApp has acknowledged it: server, phone, read.
    await sandbox.advance(3000);
    const acks = sandbox.deliveries({ event: 'message.ack', ok: true }).map((d) => d.body.payload);
    expect(acks).toMatchObject([{ ackName: 'SERVER' }, { ackName: 'DEVICE' }, { ackName: 'READ' }]);
  });
  // #endregion

  // #region rate-limit
  it('survives a 429: the client waits as told and sends once', async () => {
    sandbox.fault({ operationId: 'sendText', status: 429, retryAfter: 1, times: 1 });
    sandbox.inbound({ type: 'text', from: JANE, body: 'are you there?' });
    await sandbox.advance(0);

    const sends = sandbox.requests({ operationId: 'sendText' });
    expect(sends.map((s) => s.status)).toEqual([429, 200]);
    const chat = await wawp.chats.getMessages({ chatId: JANE });
    expect(chat.filter((m) => m.fromMe).map((m) => m.body)).toEqual(['are you there?']);
  });
  // #endregion
});
