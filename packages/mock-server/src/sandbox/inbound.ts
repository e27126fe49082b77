// Playing the other side: a contact writes, reacts, votes, edits or deletes, calls, joins a
// group; or the phone scans the QR. Each changes the state and sends the events the engine
// would send for it.
import { groupParticipantsChange } from './operations/groups.js';
import { findMessage, type InstanceState, putReaction, type WireMessage } from './state.js';
import type { World } from './world.js';

export const INBOUND_TYPES = [
  'text',
  'media',
  'location',
  'reaction',
  'poll_vote',
  'edit',
  'revoke',
  'call',
  'group_join',
  'group_leave',
  'presence',
  'scan',
] as const;
export type InboundType = (typeof INBOUND_TYPES)[number];

/** A control call's description of what the other side does. */
export interface InboundInput {
  type: InboundType;
  /** Who does it: a contact id (`447700900123@c.us`); for `scan`, not needed. */
  from?: string;
  /** Which instance it happens to; the sandbox's first instance by default. */
  instanceId?: string;
  /** For a message in a group: the group's id (`from` is then the member who wrote). */
  chatId?: string;
  /** text/media: the text or caption. edit: the new text. */
  body?: string;
  /** media: the file. */
  media?: { url?: string; mimetype?: string; filename?: string };
  /** location */
  latitude?: number;
  longitude?: number;
  description?: string;
  /** reaction/poll_vote/edit/revoke: the message it is about (reply_to for text/media). */
  messageId?: string;
  /** reaction: the emoji ('' takes it back). */
  reaction?: string;
  /** poll_vote: the options chosen. */
  options?: string[];
  /** call */
  video?: boolean;
  /** call: how it ended, after ringing. */
  outcome?: 'rejected' | 'accepted' | 'none';
  /** group_join/group_leave: the group. */
  groupId?: string;
  /** presence: typing, recording, paused, online, offline. */
  presence?: 'online' | 'offline' | 'typing' | 'recording' | 'paused';
}

export class InboundError extends Error {
  override readonly name = 'InboundError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface InboundResult {
  type: InboundType;
  instanceId: string;
  /** The stored message, for types that create one. */
  message?: WireMessage;
  /** The call id, for calls. */
  callId?: string;
}

const CONTACT = /^[0-9]{5,20}@c\.us$/;

/** Carries out one inbound action; `knownEvents` are the events the spec describes. */
export function inbound(world: World, input: InboundInput, knownEvents: ReadonlySet<string>): InboundResult {
  const instance = pickInstance(world, input.instanceId);
  const type = input.type;
  if (type === 'scan') {
    if (instance.status !== 'SCAN_QR_CODE')
      throw new InboundError(`Nothing to scan: the session is ${instance.status}.`, 'type');
    world.link(instance);
    return { type, instanceId: instance.id };
  }
  const from = input.from;
  if (!from || !CONTACT.test(from)) throw new InboundError('from must be a contact id like 447700900123@c.us.', 'from');
  if (instance.status !== 'WORKING')
    throw new InboundError(`The session is ${instance.status}; nothing reaches it until it is WORKING.`, 'instanceId');
  const chatId = input.chatId ?? from;
  if (input.chatId !== undefined && !instance.groups.has(input.chatId))
    throw new InboundError(`No group ${input.chatId}.`, 'chatId');
  const result: InboundResult = { type, instanceId: instance.id };
  const quoted = (id: string | undefined): WireMessage['replyTo'] => {
    if (!id) return null;
    const q = findMessage(instance, id);
    return { id, participant: q?.message.participant ?? null, body: q?.message.body ?? null };
  };
  const target = () => {
    const record = input.messageId ? findMessage(instance, input.messageId) : undefined;
    if (!record) throw new InboundError(`No message ${input.messageId ?? '(messageId is missing)'}.`, 'messageId');
    return record;
  };
  switch (type) {
    case 'text': {
      const body = requireString(input.body, 'body');
      result.message = world.receiveMessage(instance, chatId, from, { body, replyTo: quoted(input.messageId) }).message;
      break;
    }
    case 'media': {
      const url = requireString(input.media?.url, 'media.url');
      const mimetype = input.media?.mimetype ?? 'image/jpeg';
      result.message = world.receiveMessage(instance, chatId, from, {
        body: input.body ?? null,
        hasMedia: true,
        media: { url, mimetype, filename: input.media?.filename ?? url.split('/').pop() ?? null },
        replyTo: quoted(input.messageId),
      }).message;
      break;
    }
    case 'location': {
      if (typeof input.latitude !== 'number' || typeof input.longitude !== 'number') {
        throw new InboundError('location needs numeric latitude and longitude.', 'latitude');
      }
      result.message = world.receiveMessage(instance, chatId, from, {
        body: null,
        location: { latitude: input.latitude, longitude: input.longitude, description: input.description ?? null },
      }).message;
      break;
    }
    case 'reaction': {
      const record = target();
      const text = input.reaction ?? '';
      putReaction(record, from, text);
      world.emit(instance, 'message.reaction', {
        id: `false_${chatId}_${world.ids.rawMessageId()}`,
        timestamp: world.nowSeconds(),
        from,
        fromMe: false,
        source: null,
        to: instance.me.id,
        participant: chatId === from ? null : from,
        reaction: { text, messageId: record.message.id },
      });
      break;
    }
    case 'poll_vote': {
      const record = input.messageId ? findMessage(instance, input.messageId) : undefined;
      const selected = (input.options ?? []).map(String);
      const vote = {
        id: `false_${chatId}_${world.ids.rawMessageId()}`,
        to: instance.me.id,
        from,
        fromMe: false,
        selectedOptions: selected,
        timestamp: world.nowSeconds(),
      };
      const poll = { id: input.messageId ?? '', to: chatId, from: instance.me.id, fromMe: true };
      if (!record?.poll) {
        // The engine cannot match a vote to a poll it does not have: it reports the failure.
        world.emit(instance, 'poll.vote.failed', { vote, poll, _data: {} });
        break;
      }
      const unknown = selected.find((o) => !record.poll?.options.includes(o));
      if (unknown !== undefined) throw new InboundError(`"${unknown}" is not an option of this poll.`, 'options');
      record.poll.votes.set(from, selected);
      if (knownEvents.has('poll.vote')) world.emit(instance, 'poll.vote', { vote, poll, _data: {} });
      break;
    }
    case 'edit': {
      const record = target();
      if (record.message.fromMe || (record.message.participant ?? record.message.from) !== from) {
        throw new InboundError('A contact can only edit its own messages.', 'messageId');
      }
      const prevBody = record.message.body;
      record.message.body = requireString(input.body, 'body');
      record.edited = true;
      world.emit(instance, 'message.edited', {
        ...record.message,
        editedMessageId: record.message.id.split('_')[2] ?? null,
        _data: { prevBody },
      });
      break;
    }
    case 'revoke': {
      const record = target();
      if (record.message.fromMe || (record.message.participant ?? record.message.from) !== from) {
        throw new InboundError('A contact can only delete its own messages.', 'messageId');
      }
      const before = { ...record.message };
      record.revoked = true;
      world.emit(instance, 'message.revoked', {
        before,
        after: { ...before, body: null, hasMedia: false, media: null, _data: { revoked: true } },
        revokedMessageId: before.id.split('_')[2] ?? before.id,
        _data: {},
      });
      break;
    }
    case 'call': {
      const id = world.ids.callId();
      const data = { id, from, timestamp: world.nowSeconds(), isVideo: input.video ?? false, isGroup: false };
      world.emit(instance, 'call.received', data);
      // The instance cannot pick up; the call rings, then the caller gives up or another
      // device answers it.
      const outcome = input.outcome ?? 'rejected';
      if (outcome !== 'none') {
        world.later(instance, 5000, () =>
          world.emit(instance, outcome === 'accepted' ? 'call.accepted' : 'call.rejected', {
            ...data,
            timestamp: world.nowSeconds(),
          }),
        );
      }
      result.callId = id;
      break;
    }
    case 'group_join':
    case 'group_leave': {
      const groupId = requireString(input.groupId, 'groupId');
      const group = instance.groups.get(groupId);
      if (!group) throw new InboundError(`No group ${groupId}.`, 'groupId');
      groupParticipantsChange(world, instance, group, type === 'group_join' ? 'join' : 'leave', [from]);
      break;
    }
    case 'presence': {
      const presence = input.presence ?? 'typing';
      const entry = {
        participant: from,
        lastKnownPresence: presence,
        lastSeen: presence === 'offline' ? world.nowSeconds() : null,
      };
      instance.presence.set(chatId, [entry]);
      world.emit(instance, 'presence.update', { id: chatId, presences: [entry] });
      break;
    }
    default:
      throw new InboundError(`Unknown inbound type "${String(type)}"; known: ${INBOUND_TYPES.join(', ')}.`, 'type');
  }
  return result;
}

function pickInstance(world: World, instanceId: string | undefined): InstanceState {
  if (instanceId === undefined) {
    const first = world.instances.values().next().value;
    if (!first) throw new InboundError('The sandbox has no instance.', 'instanceId');
    return first;
  }
  const instance = world.instances.get(instanceId);
  if (!instance) throw new InboundError(`No instance ${instanceId}.`, 'instanceId');
  return instance;
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new InboundError(`${field} must be a non-empty string.`, field);
  return value;
}
