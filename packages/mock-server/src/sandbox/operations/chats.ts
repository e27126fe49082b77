// Chats and their messages: lists with filters and paging, read state, archive, pins, edits
// and deletes, each emitting what the engine would.
import { page, sorted } from '../lists.js';
import type { Params } from '../params.js';
import { type ChatRecord, type InstanceState, type MessageRecord, rawIdOf, unreadCount } from '../state.js';
import { type Call, type HandlerTable, notFound, ok } from './answer.js';

const visible = (chat: ChatRecord) => chat.messages.filter((m) => !m.revoked);

const lastTimestamp = (chat: ChatRecord) => visible(chat).at(-1)?.message.timestamp ?? 0;

export function chatView(chat: ChatRecord) {
  const timestamp = lastTimestamp(chat);
  return {
    id: chat.id,
    name: chat.name,
    isGroup: chat.id.endsWith('@g.us'),
    unreadCount: unreadCount(chat),
    timestamp,
    conversationTimestamp: timestamp,
    archived: chat.archived,
    pinned: chat.pinned,
  };
}

/** A stored message as the API shows it now (reactions and edits folded in). */
export function messageView(record: MessageRecord) {
  const reactions = [...(record.reactions ?? [])].map(([from, text]) => ({ from, text }));
  return {
    ...record.message,
    _data: {
      ...record.message._data,
      ...(reactions.length > 0 ? { reactions } : {}),
      starred: record.starred,
      pinned: record.pinnedUntil !== null,
      edited: record.edited,
    },
  };
}

function summaryView(chat: ChatRecord) {
  const last = visible(chat).at(-1);
  return {
    id: chat.id,
    name: chat.name,
    picture: null,
    lastMessage: last ? messageView(last) : null,
    _chat: chatView(chat),
  };
}

/** Chats with their newest activity first, as WhatsApp lists them. */
function newestFirst(instance: InstanceState): ChatRecord[] {
  return [...instance.chats.values()].sort((a, b) => lastTimestamp(b) - lastTimestamp(a));
}

function messagesOf(chat: ChatRecord, params: Params): MessageRecord[] {
  const lte = params.number('filter.timestamp.lte');
  const gte = params.number('filter.timestamp.gte');
  const fromMe = params.bool('filter.fromMe');
  const ack = params.number('filter.ack');
  return visible(chat)
    .filter(
      (m) =>
        (lte === undefined || m.message.timestamp <= lte) &&
        (gte === undefined || m.message.timestamp >= gte) &&
        (fromMe === undefined || m.message.fromMe === fromMe) &&
        (ack === undefined || m.message.ack === ack),
    )
    .reverse();
}

function withChat(call: Call, then: (chat: ChatRecord) => ReturnType<typeof ok>) {
  const chatId = call.params.string('chatId') as string;
  const chat = call.instance.chats.get(chatId);
  return chat ? then(chat) : notFound(`No chat ${chatId}.`);
}

function withMessage(call: Call, then: (record: MessageRecord, chat: ChatRecord) => ReturnType<typeof ok>) {
  return withChat(call, (chat) => {
    const messageId = call.params.string('messageId') as string;
    const messages = visible(chat);
    const record =
      messages.find((m) => m.message.id === messageId) ??
      messages.find((m) => m.message.id.split('_')[2] === rawIdOf(messageId));
    return record ? then(record, chat) : notFound(`No message ${messageId} in chat ${chat.id}.`);
  });
}

function archive(call: Call, archived: boolean) {
  return withChat(call, (chat) => {
    chat.archived = archived;
    call.world.emit(call.instance, 'chat.archive', { id: chat.id, archived, timestamp: call.world.nowSeconds() });
    return ok({});
  });
}

export const chatHandlers: HandlerTable = {
  listChats({ instance, params }) {
    const chats = sorted(newestFirst(instance), params, {
      conversationTimestamp: lastTimestamp,
      id: (c) => c.id,
      name: (c) => c.name ?? '',
    });
    return ok(page(chats, params).map(chatView));
  },
  getChatsOverview({ instance, params }) {
    const ids = params.list('ids')?.map(String);
    const chats = newestFirst(instance).filter((c) => !ids || ids.includes(c.id));
    return ok(page(chats, params).map(summaryView));
  },
  queryChatsOverview({ instance, params }) {
    const pagination = params.object('pagination') ?? {};
    const ids = (params.object('filter')?.ids as string[] | undefined) ?? undefined;
    const chats = newestFirst(instance).filter((c) => !ids || ids.includes(c.id));
    const offset = Number(pagination.offset ?? 0);
    const limit = pagination.limit === undefined ? undefined : offset + Number(pagination.limit);
    return ok(chats.slice(offset, limit).map(summaryView));
  },
  deleteChat: (call) =>
    withChat(call, (chat) => {
      call.instance.chats.delete(chat.id);
      return ok({});
    }),
  getChatPicture: (call) => withChat(call, () => ok({ url: null })),
  getChatMessages: (call) =>
    withChat(call, (chat) => ok(page(messagesOf(chat, call.params), call.params).map(messageView))),
  clearChatMessages: (call) =>
    withChat(call, (chat) => {
      chat.messages = [];
      return ok({});
    }),
  markChatMessagesRead: (call) =>
    withChat(call, (chat) => {
      const count = call.params.number('messages');
      const days = call.params.number('days');
      const since = days === undefined ? -Infinity : call.world.nowSeconds() - days * 86_400;
      let unread = visible(chat).filter((m) => !m.message.fromMe && !m.read && m.message.timestamp >= since);
      if (count !== undefined) unread = unread.slice(-count);
      for (const m of unread) m.read = true;
      chat.markedUnread = false;
      return ok({ ids: unread.map((m) => m.message.id) });
    }),
  getChatMessage: (call) => withMessage(call, (record) => ok(messageView(record))),
  deleteChatMessage: (call) =>
    withMessage(call, (record, chat) => {
      const before = messageView(record);
      record.revoked = true;
      call.world.emit(call.instance, 'message.revoked', {
        before,
        after: { ...before, body: null, hasMedia: false, media: null, _data: { revoked: true } },
        revokedMessageId: before.id.split('_')[2] ?? before.id,
        _data: { chatId: chat.id },
      });
      return ok({});
    }),
  editChatMessage: (call) =>
    withMessage(call, (record) => {
      record.message.body = call.params.string('text') ?? '';
      record.edited = true;
      call.world.emit(call.instance, 'message.edited', {
        ...messageView(record),
        editedMessageId: record.message.id.split('_')[2] ?? null,
      });
      return ok({});
    }),
  pinChatMessage: (call) =>
    withMessage(call, (record) => {
      const seconds = call.params.number('duration') ?? 7 * 86_400;
      record.pinnedUntil = call.world.clock.now() + seconds * 1000;
      return ok({});
    }),
  unpinChatMessage: (call) =>
    withMessage(call, (record) => {
      record.pinnedUntil = null;
      return ok({});
    }),
  archiveChat: (call) => archive(call, true),
  unarchiveChat: (call) => archive(call, false),
  markChatUnread: (call) =>
    withChat(call, (chat) => {
      chat.markedUnread = true;
      return ok({});
    }),
};
