// The sandbox's world: one record per instance with everything the API can read or change.
// Wire objects (messages, groups, labels…) are kept in the shapes the API answers with, so
// list operations hand out copies of what is stored instead of rebuilding it.
import { setOwn } from '../placement/php.js';
import type { Frozen } from './copy.js';

export type SessionStatus = 'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'WORKING' | 'FAILED';

export interface MeInfo {
  id: string;
  pushName?: string;
  jid?: string;
  lid?: string;
  [key: string]: unknown;
}

export interface WebhookTarget {
  url: string;
  events: string[];
  hmac?: { key?: string } | null;
  retries?: { attempts?: number; delaySeconds?: number; policy?: string } | null;
  customHeaders?: { name: string; value: string }[] | null;
  [key: string]: unknown;
}

export interface ContactRecord {
  id: string;
  name: string | null;
  pushname: string | null;
  onWhatsApp: boolean;
  blocked: boolean;
  saved: boolean;
  about: string | null;
  picture: string | null;
  isBusiness: boolean;
}

/** A message as the API shows it (the spec's Message), plus the sandbox's bookkeeping. */
export interface WireMessage {
  id: string;
  timestamp: number;
  from: string;
  fromMe: boolean;
  source?: 'api' | 'app' | null;
  to: string | null;
  participant: string | null;
  body: string | null;
  hasMedia: boolean;
  media: { url: string | null; mimetype: string | null; filename: string | null } | null;
  ack: number;
  ackName: string;
  location?: { latitude: number; longitude: number; description?: string | null } | null;
  vCards?: string[] | null;
  replyTo: { id: string; participant?: string | null; body?: string | null } | null;
  _data: Record<string, unknown>;
  [key: string]: unknown;
}

export interface MessageRecord {
  message: WireMessage;
  chatId: string;
  starred: boolean;
  pinnedUntil: number | null;
  /** Reactions by who reacted; null until the first one (most messages never get one). */
  reactions: Map<string, string> | null;
  edited: boolean;
  revoked: boolean;
  /** For received messages: whether the instance has read it. */
  read: boolean;
  /** Poll options and votes, when the message is a poll. */
  poll?: { name: string; options: string[]; votes: Map<string, string[]> };
}

export interface ChatRecord {
  id: string;
  name: string | null;
  archived: boolean;
  pinned: boolean;
  markedUnread: boolean;
  messages: MessageRecord[];
}

export interface GroupParticipant {
  id: string;
  role: 'participant' | 'admin' | 'superadmin' | 'left';
}

export interface GroupRecord {
  id: string;
  subject: string;
  description: string | null;
  owner: string;
  creation: number;
  inviteCode: string;
  participants: GroupParticipant[];
  announce: boolean;
  restrict: boolean;
  picture: string | null;
}

export interface LabelRecord {
  id: string;
  name: string;
  color: number;
  colorHex: string;
  chats: Set<string>;
}

export interface StatusPost {
  id: string;
  kind: 'text' | 'image' | 'voice' | 'video';
  at: number;
  text: string | null;
}

export interface ChannelRecord {
  id: string;
  name: string;
  description: string | null;
  role: 'OWNER' | 'ADMIN' | 'SUBSCRIBER' | 'GUEST';
  muted: boolean;
  picture: string | null;
  verified: boolean;
  subscribersCount: number;
  inviteCode: string;
}

export interface Presence {
  participant: string;
  lastKnownPresence: string;
  lastSeen: number | null;
}

export interface InstanceState {
  id: string;
  accessToken: string;
  name: string;
  status: SessionStatus;
  /** The status history sent in `session.status`. */
  statuses: { status: SessionStatus; timestamp: number }[];
  /** True once a phone has been linked; survives stop and restart, cleared by logout. */
  linked: boolean;
  /**
   * Frozen all the way down (made by copy.ts's `frozenJson`): replaced, never changed in
   * place, so an event holds it as it was when it happened without a copy of its own.
   */
  me: Frozen<MeInfo>;
  /** Frozen like `me`. */
  metadata: Frozen<Record<string, string>>;
  webhooks: WebhookTarget[];
  engine: Record<string, unknown>;
  profile: { name: string | null; status: string | null; picture: string | null };
  ownPresence: string;
  contacts: Map<string, ContactRecord>;
  chats: Map<string, ChatRecord>;
  groups: Map<string, GroupRecord>;
  labels: Map<string, LabelRecord>;
  presence: Map<string, Presence[]>;
  statusPosts: StatusPost[];
  channels: Map<string, ChannelRecord>;
  /** Numbers (digits) that are not on WhatsApp, besides contacts marked so. */
  notOnWhatsApp: Set<string>;
  nextLabelId: number;
  /** The account's plan: a free one may not manage webhooks through the API (v2) and picks only free policies. */
  plan: 'free' | 'paid';
  /** The sending policy in force (v2's `PATCH /session/rate-limit`); null: none, nothing is limited. */
  rateLimitPolicy: string | null;
  /** When each message was sent, for the policy's limits (sandbox ms, the last day's only). */
  sentAt: number[];
}

export const ACK_NAMES: Record<number, string> = {
  [-1]: 'ERROR',
  0: 'PENDING',
  1: 'SERVER',
  2: 'DEVICE',
  3: 'READ',
  4: 'PLAYED',
};

/** True when `value` has an enumerable key: no array of its keys made to count them. */
export function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

/** The digits of a phone number or a `…@c.us` id. */
export function digitsOf(idOrPhone: string): string {
  const at = idOrPhone.indexOf('@');
  const number = at < 0 ? idOrPhone : idOrPhone.slice(0, at);
  return DIGITS_ONLY.test(number) ? number : number.replace(/[^0-9]/g, '');
}

const DIGITS_ONLY = /^[0-9]*$/;

export function isOnWhatsApp(instance: InstanceState, idOrPhone: string): boolean {
  const digits = digitsOf(idOrPhone);
  // A chat id that is already `<digits>@c.us` is its own key: no new string to build and hash.
  const id = idOrPhone.length === digits.length + 5 && idOrPhone.endsWith('@c.us') ? idOrPhone : `${digits}@c.us`;
  const contact = instance.contacts.get(id);
  if (contact) return contact.onWhatsApp;
  return instance.notOnWhatsApp.size === 0 || !instance.notOnWhatsApp.has(digits);
}

/** The chat with `id`, created on first use as WhatsApp does when a message is sent or received. */
export function chatFor(instance: InstanceState, id: string): ChatRecord {
  let chat = instance.chats.get(id);
  if (!chat) {
    const contact = instance.contacts.get(id);
    const group = instance.groups.get(id);
    chat = {
      id,
      name: group?.subject ?? contact?.name ?? contact?.pushname ?? null,
      archived: false,
      pinned: false,
      markedUnread: false,
      messages: [],
    };
    instance.chats.set(id, chat);
  }
  return chat;
}

export function findMessage(instance: InstanceState, messageId: string): MessageRecord | undefined {
  const chatId = chatIdOfMessage(messageId);
  const chats =
    chatId && instance.chats.has(chatId) ? [instance.chats.get(chatId) as ChatRecord] : instance.chats.values();
  for (const chat of chats) {
    const found = chat.messages.find((m) => m.message.id === messageId || rawIdOf(m.message.id) === messageId);
    if (found) return found;
  }
  return undefined;
}

/** `true_447700900123@c.us_3EB0…` → `447700900123@c.us`. */
export function chatIdOfMessage(messageId: string): string | undefined {
  const parts = messageId.split('_');
  return parts.length >= 3 && (parts[0] === 'true' || parts[0] === 'false') ? parts[1] : undefined;
}

export function rawIdOf(messageId: string): string {
  const parts = messageId.split('_');
  return parts.length >= 3 ? (parts[2] as string) : messageId;
}

export function unreadCount(chat: ChatRecord): number {
  const unread = chat.messages.filter((m) => !m.message.fromMe && !m.read && !m.revoked).length;
  return chat.markedUnread && unread === 0 ? 1 : unread;
}

/** Sets (or, with empty text, takes back) the reaction of `from` to a message. */
export function putReaction(record: MessageRecord, from: string, text: string): void {
  if (text === '') {
    record.reactions?.delete(from);
    return;
  }
  record.reactions ??= new Map();
  record.reactions.set(from, text);
}

/** Who wrote a message, in which chat, and its engine-side raw id. */
export interface MessageOrigin {
  chatId: string;
  fromMe: boolean;
  /** The writer's id: the linked account for your own messages, the member in a group. */
  from: string;
  raw: string;
  timestamp: number;
}

/**
 * The `_data` of a message that carries nothing there: one frozen object for all of them,
 * which copies share too (see copy.ts), instead of two empty objects kept per message.
 */
const NO_DATA: Record<string, unknown> = Object.freeze({});

/**
 * A message as the engine lists it, with the id the engine builds (`true_<chat>_<raw>`, and
 * the member appended for others' messages in a group); `fields` override the defaults.
 */
export function wireMessage(origin: MessageOrigin, fields: Partial<WireMessage> = {}): WireMessage {
  const { chatId, fromMe, from, raw, timestamp } = origin;
  const isGroup = chatId.endsWith('@g.us');
  const message: WireMessage = {
    id: `${fromMe}_${chatId}_${raw}${isGroup && !fromMe ? `_${from}` : ''}`,
    timestamp,
    from: fromMe ? '' : isGroup ? chatId : from,
    fromMe,
    source: fromMe ? 'api' : null,
    to: chatId,
    participant: isGroup && !fromMe ? from : null,
    body: null,
    hasMedia: false,
    media: null,
    ack: fromMe ? 0 : 1,
    ackName: fromMe ? 'PENDING' : 'SERVER',
    replyTo: null,
    _data: NO_DATA,
  };
  // Stored one by one rather than spread into the literal: the spread went through V8's
  // generic property copy on every send (about a twentieth of a send's own work), where
  // a store to a key the literal has is a plain write. Same result: own keys, in order.
  const keys = Object.keys(fields);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    setOwn(message as unknown as Record<string, unknown>, key, (fields as Record<string, unknown>)[key]);
  }
  return message;
}

/** A message's bookkeeping record: not starred, pinned, edited or revoked, no reactions yet. */
export function messageRecord(message: WireMessage, chatId: string, read: boolean): MessageRecord {
  return {
    message,
    chatId,
    starred: false,
    pinnedUntil: null,
    reactions: null,
    edited: false,
    revoked: false,
    read,
  };
}
