// Sending and receiving on a manual clock: a send is stored, listed and acknowledged in
// order; a contact's message reaches the webhook, a bot answers it through the API, and the
// journal shows the answer.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { api, HMAC_KEY, type ParsedDelivery, startCheckingReceiver } from './helpers.js';

const JANE = '447700900123@c.us';
const GHOST = '447700900000@c.us';
let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startCheckingReceiver>>;
/** What the bot does with each delivery; set per test. */
let bot: (delivery: ParsedDelivery) => Promise<void> = async () => {};

beforeAll(async () => {
  receiver = await startCheckingReceiver({
    respond: async (delivery) => {
      await bot(delivery);
      return 200;
    },
  });
  sandbox = await startSandbox({
    clock: 'manual',
    webhooks: [receiver.url],
    hmacKey: HMAC_KEY,
    scenario: {
      instances: [
        {
          id: 'shop1',
          accessToken: 'shop-token',
          me: { id: '447700900999@c.us', pushName: 'Shop' },
          contacts: [
            { id: JANE, name: 'Jane' },
            { id: GHOST, onWhatsApp: false },
          ],
          groups: [{ id: '120363000000000001@g.us', subject: 'Team', participants: [{ id: JANE }] }],
        },
      ],
    },
  });
});
beforeEach(() => {
  sandbox.reset();
  receiver.events.length = 0;
  bot = async () => {};
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

const eventsOf = (name: string) => receiver.events.filter((e) => e.event === name);

it('send → list → acks SERVER, DEVICE, READ in order on the clock', async () => {
  const sent = await api(sandbox, 'POST', '/send', { chatId: JANE, message: 'Your order shipped' });
  expect(sent.status).toBe(200);
  expect(sent.body).toMatchObject({ fromMe: true, to: JANE, body: 'Your order shipped', ack: 0, ackName: 'PENDING' });
  expect(sent.body.id).toMatch(/^true_447700900123@c\.us_3EB0[0-9A-F]{16}$/);
  await sandbox.advance(0);
  expect(eventsOf('message.any').map((e) => e.payload.id)).toEqual([sent.body.id]);

  const ackOf = async () => (await api(sandbox, 'GET', `/chats/${encodeURIComponent(JANE)}/messages`)).body[0].ackName;
  expect(await ackOf()).toBe('PENDING');
  await sandbox.advance(200);
  expect(await ackOf()).toBe('SERVER');
  await sandbox.advance(800);
  expect(await ackOf()).toBe('DEVICE');
  await sandbox.advance(2000);
  expect(await ackOf()).toBe('READ');
  expect(eventsOf('message.ack').map((e) => [e.payload.id, e.payload.ack, e.payload.ackName])).toEqual([
    [sent.body.id, 1, 'SERVER'],
    [sent.body.id, 2, 'DEVICE'],
    [sent.body.id, 3, 'READ'],
  ]);
  expect(receiver.events.map((e) => e.event)).toEqual(['message.any', 'message.ack', 'message.ack', 'message.ack']);
  expect(receiver.problems).toEqual([]);
  expect(receiver.events.every((e) => e.signed)).toBe(true);
});

it('the journal and the message.any delivery keep a send as it was answered, while the stored message takes its acks', async () => {
  const sent = await api(sandbox, 'POST', '/send', { chatId: JANE, message: 'Kept as sent' });
  await sandbox.advance(10_000);
  const [entry] = sandbox.requests({ operationId: 'sendText' });
  const [delivery] = sandbox.deliveries({ event: 'message.any' });
  expect(entry?.body).toEqual(sent.body);
  expect(delivery?.body.payload).toEqual(sent.body);
  expect(sent.body).toMatchObject({ ack: 0, ackName: 'PENDING' });
  const [stored] = (await api(sandbox, 'GET', `/chats/${encodeURIComponent(JANE)}/messages`)).body;
  expect([stored.id, stored.ack, stored.ackName]).toEqual([sent.body.id, 3, 'READ']);
  // What a reader does with what it was given reaches neither the other records nor the state.
  (entry?.body as { body: string }).body = 'changed by a reader';
  expect(sandbox.deliveries({ event: 'message.any' })[0]?.body.payload).toEqual(sent.body);
  expect((await api(sandbox, 'GET', `/chats/${encodeURIComponent(JANE)}/messages`)).body[0].body).toBe('Kept as sent');
});

it('a renamed account: later events carry the new name, earlier deliveries keep the old one', async () => {
  await api(sandbox, 'POST', '/send', { chatId: JANE, message: 'Before the rename' });
  const renamed = `Renamed ${Date.now()}`;
  expect((await api(sandbox, 'PUT', '/profile/nameRequest', { name: renamed })).status).toBe(200);
  expect((await api(sandbox, 'GET', '/session/me')).body.pushName).toBe(renamed);
  await api(sandbox, 'POST', '/send', { chatId: JANE, message: 'After the rename' });
  await sandbox.advance(0);
  const names = sandbox
    .deliveries({ event: 'message.any' })
    .slice(-2)
    .map((d) => [(d.body.payload as { body: string }).body, (d.body.me as { pushName?: string }).pushName]);
  expect(names[0]?.[0]).toBe('Before the rename');
  expect(names[0]?.[1]).not.toBe(renamed);
  expect(names[1]).toEqual(['After the rename', renamed]);
});

it('a number that is not on WhatsApp: check-exists says so and the send fails with ack -1', async () => {
  const exists = await api(sandbox, 'GET', '/contacts/check-exists', { phone: '447700900000' });
  expect(exists.body).toEqual({ numberExists: false, chatId: null });
  expect((await api(sandbox, 'GET', '/contacts/check-exists', { phone: '447700900123' })).body).toEqual({
    numberExists: true,
    chatId: JANE,
  });
  const sent = await api(sandbox, 'POST', '/send', { chatId: GHOST, message: 'hello?' });
  await sandbox.advance(10_000);
  expect(eventsOf('message.ack').map((e) => [e.payload.ack, e.payload.ackName])).toEqual([[-1, 'ERROR']]);
  const [stored] = (await api(sandbox, 'GET', `/chats/${encodeURIComponent(GHOST)}/messages`)).body;
  expect([stored.id, stored.ack]).toEqual([sent.body.id, -1]);
});

it('inbound → webhook → the bot replies through the API → the journal and the chat show the reply', async () => {
  bot = async (delivery) => {
    if (delivery.event !== 'message') return;
    const { from, body, id } = delivery.payload as { from: string; body: string; id: string };
    await api(sandbox as Sandbox, 'POST', '/send', { chatId: from, message: `You said: ${body}`, reply_to: id });
  };
  const { message } = sandbox.inbound({ type: 'text', from: JANE, body: 'hello' });
  await sandbox.advance(0);
  await sandbox.advance(0);
  const incoming = eventsOf('message')[0];
  expect(incoming?.payload).toMatchObject({ id: message?.id, from: JANE, fromMe: false, body: 'hello' });
  const [reply] = sandbox.requests({ operationId: 'sendText' });
  expect(reply).toMatchObject({
    method: 'POST',
    path: '/send',
    instanceId: 'shop1',
    status: 200,
    params: { chatId: JANE, message: 'You said: hello', reply_to: message?.id, access_token: '[redacted]' },
  });
  expect(JSON.stringify(sandbox.requests())).not.toContain('shop-token');
  const chat = (await api(sandbox, 'GET', `/chats/${encodeURIComponent(JANE)}/messages`)).body;
  expect(chat.map((m: { body: string; fromMe: boolean }) => [m.fromMe, m.body])).toEqual([
    [true, 'You said: hello'],
    [false, 'hello'],
  ]);
  expect(chat[0].replyTo).toMatchObject({ id: message?.id, body: 'hello' });
});

it('plays the other side: media, location, reaction, poll vote, edit, revoke, call, group join, typing', async () => {
  const text = sandbox.inbound({ type: 'text', from: JANE, body: 'first' }).message!;
  sandbox.inbound({ type: 'media', from: JANE, media: { url: 'https://example.com/a.jpg' }, body: 'look' });
  sandbox.inbound({ type: 'location', from: JANE, latitude: 51.5, longitude: -0.12 });
  const poll = await api(sandbox, 'POST', '/sendPoll', undefined, {
    chatId: JANE,
    poll: { name: 'Lunch?', options: ['Yes', 'No'], multipleAnswers: false },
  });
  sandbox.inbound({ type: 'reaction', from: JANE, messageId: poll.body.id, reaction: '👍' });
  sandbox.inbound({ type: 'poll_vote', from: JANE, messageId: poll.body.id, options: ['Yes'] });
  sandbox.inbound({ type: 'edit', from: JANE, messageId: text.id, body: 'first (edited)' });
  sandbox.inbound({ type: 'revoke', from: JANE, messageId: text.id });
  sandbox.inbound({ type: 'call', from: JANE, video: true });
  sandbox.inbound({ type: 'group_join', from: '447700900456@c.us', groupId: '120363000000000001@g.us' });
  sandbox.inbound({ type: 'presence', from: JANE, presence: 'typing' });
  sandbox.inbound({ type: 'text', from: JANE, chatId: '120363000000000001@g.us', body: 'in the group' });
  await sandbox.advance(10_000);
  expect(receiver.problems).toEqual([]);
  const names = new Set(receiver.events.map((e) => e.event));
  for (const event of [
    'message',
    'message.any',
    'message.reaction',
    'message.edited',
    'message.revoked',
    'call.received',
    'call.rejected',
    'group.v2.participants',
    'presence.update',
  ]) {
    expect(names, event).toContain(event);
  }
  const group = eventsOf('message').at(-1)!.payload;
  expect(group).toMatchObject({ from: '120363000000000001@g.us', participant: JANE, body: 'in the group' });
  const state = sandbox.state() as {
    instances: {
      chats: {
        id: string;
        messages: { id: string; revoked: boolean; reactions: object; poll?: { votes: object } }[];
      }[];
    }[];
  };
  const chat = state.instances[0]!.chats.find((c) => c.id === JANE)!;
  expect(chat.messages.find((m) => m.id === text.id)?.revoked).toBe(true);
  const stored = chat.messages.find((m) => m.id === poll.body.id)!;
  expect(stored.reactions).toEqual({ [JANE]: '👍' });
  expect(stored.poll?.votes).toEqual({ [JANE]: ['Yes'] });
  const listed = (await api(sandbox, 'GET', `/chats/${encodeURIComponent(JANE)}/messages`)).body as { id: string }[];
  expect(listed.some((m) => m.id === text.id)).toBe(false);
});

it('refuses an inbound action that cannot happen, naming the field', () => {
  expect(() => sandbox.inbound({ type: 'text', from: 'nobody', body: 'x' })).toThrow(/from must be a contact id/);
  expect(() => sandbox.inbound({ type: 'reaction', from: JANE, messageId: 'true_x_y', reaction: '👍' })).toThrow(
    /No message/,
  );
  expect(() => sandbox.inbound({ type: 'scan' })).toThrow(/Nothing to scan: the session is WORKING/);
  expect(() => sandbox.inbound({ type: 'nope' as 'text', from: JANE })).toThrow(/Unknown inbound type "nope"/);
});
