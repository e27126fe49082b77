// Sending: every send stores the message in its chat, answers it, emits `message.any` and
// then the acks on the clock. Reactions, stars, read receipts and typing change state too.
import type { Params } from '../params.js';
import { findMessage, type InstanceState, putReaction, type WireMessage } from '../state.js';
import type { SentMessage } from '../world.js';
import { type Answer, type Call, type HandlerTable, notFound, ok } from './answer.js';

function replyTo(instance: InstanceState, params: Params): WireMessage['replyTo'] {
  const id = params.string('reply_to');
  if (!id) return null;
  const quoted = findMessage(instance, id);
  return { id, participant: quoted?.message.participant ?? null, body: quoted?.message.body ?? null };
}

function media(params: Params, fallbackMime: string): Partial<WireMessage> {
  const file = params.object('file') ?? {};
  const url = typeof file.url === 'string' ? file.url : null;
  const filename = typeof file.filename === 'string' ? file.filename : url ? (url.split('/').pop() ?? null) : null;
  const mimetype = typeof file.mimetype === 'string' ? file.mimetype : fallbackMime;
  return { hasMedia: true, media: { url, mimetype, filename }, body: params.string('caption') ?? null };
}

/** `fields`: a literal of the caller's own, which the quoted message is added to. */
function send(call: Call, fields: Partial<WireMessage>): SentMessage {
  const { world, instance, params } = call;
  const chatId = params.string('chatId') as string;
  // Added, not spread into a copy: a property added to a spread copy gave every send's
  // fields a map of their own (V8), which the message's own spread then copied key by key.
  fields.replyTo = replyTo(instance, params);
  return world.sendMessage(instance, chatId, fields);
}

/**
 * Sends, and answers with the message as sent: its own copy (the acks that follow change the
 * stored one), which the envelope shares and the journal keeps as it is.
 */
const sent = (call: Call, fields: Partial<WireMessage>): Answer => ({
  status: 200,
  body: send(call, fields).shown,
  kept: true,
});

export const messageHandlers: HandlerTable = {
  sendText: (call) => sent(call, { body: call.params.string('message') ?? '' }),
  sendImage: (call) => sent(call, media(call.params, 'image/jpeg')),
  sendFile: (call) => sent(call, media(call.params, 'application/octet-stream')),
  sendVoice: (call) => sent(call, media(call.params, 'audio/ogg; codecs=opus')),
  sendVideo: (call) => sent(call, media(call.params, 'video/mp4')),
  // v2's plain audio (not a voice note): the same message with its own type.
  sendAudio: (call) => sent(call, media(call.params, 'audio/mpeg')),
  sendLinkPreview: (call) =>
    sent(call, {
      body: call.params.string('text') ?? '',
      _data: { linkPreview: { url: call.params.string('url'), title: call.params.string('title') } },
    }),
  sendLocation: (call) =>
    sent(call, {
      body: call.params.string('message') ?? null,
      location: {
        latitude: call.params.number('latitude') ?? 0,
        longitude: call.params.number('longitude') ?? 0,
        description: call.params.string('title') ?? null,
      },
    }),
  sendPoll(call) {
    const poll = call.params.object('poll') ?? {};
    const name = typeof poll.name === 'string' ? poll.name : '';
    const options = Array.isArray(poll.options) ? poll.options.map(String) : [];
    const { record, shown } = send(call, { body: name, _data: { poll: { name, options } } });
    record.poll = { name, options, votes: new Map() };
    return { status: 200, body: shown, kept: true };
  },
  sendContactVcard(call) {
    const contacts = (call.params.list('contacts') ?? []) as Record<string, unknown>[];
    const vCards = contacts.map((c) =>
      typeof c.vcard === 'string'
        ? c.vcard
        : `BEGIN:VCARD\nVERSION:3.0\nFN:${String(c.fullName ?? '')}\nTEL;type=CELL;waid=${String(c.phoneNumber ?? '').replace(/\D/g, '')}:${String(c.phoneNumber ?? '')}\nEND:VCARD`,
    );
    return sent(call, { vCards, body: null });
  },
  markMessagesSeen({ instance, params }) {
    const chat = instance.chats.get(params.string('chatId') as string);
    const ids = new Set((params.list('messageIds') ?? []).map(String));
    for (const record of chat?.messages ?? []) {
      if (ids.size === 0 || ids.has(record.message.id)) record.read = true;
    }
    if (chat) chat.markedUnread = false;
    return ok({});
  },
  startTyping({ instance, params }) {
    instance.ownPresence = 'typing';
    instance.presence.set(params.string('chatId') as string, [
      { participant: instance.me.id, lastKnownPresence: 'typing', lastSeen: null },
    ]);
    return ok({});
  },
  stopTyping({ instance, params }) {
    instance.ownPresence = 'online';
    instance.presence.set(params.string('chatId') as string, [
      { participant: instance.me.id, lastKnownPresence: 'paused', lastSeen: null },
    ]);
    return ok({});
  },
  setReaction({ world, instance, params }) {
    const messageId = params.string('messageId') as string;
    const record = findMessage(instance, messageId);
    if (!record) return notFound(`No message ${messageId}.`);
    const text = params.string('reaction') ?? '';
    putReaction(record, instance.me.id, text);
    world.emit(instance, 'message.reaction', {
      id: `true_${record.chatId}_${world.ids.rawMessageId()}`,
      timestamp: world.nowSeconds(),
      from: instance.me.id,
      fromMe: true,
      source: 'api',
      to: record.chatId,
      participant: null,
      reaction: { text, messageId: record.message.id },
    });
    return ok({});
  },
  starMessage({ instance, params }) {
    const messageId = params.string('messageId') as string;
    const record = findMessage(instance, messageId);
    if (!record) return notFound(`No message ${messageId}.`);
    record.starred = params.bool('star') ?? true;
    return ok({});
  },
};
