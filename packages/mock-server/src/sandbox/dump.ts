// `GET /__wawp/state`: the whole world as JSON, for a test to look at (tokens redacted).
import { chatView, messageView } from './operations/chats.js';
import { contactView } from './operations/contacts.js';
import { groupView } from './operations/groups.js';
import { labelView } from './operations/labels.js';
import { channelView } from './operations/presence.js';
import { sessionInfo } from './operations/sessions.js';
import { redact } from './redact.js';
import type { World } from './world.js';

export function dumpState(world: World) {
  const secrets = [...world.instances.values()].map((i) => i.accessToken);
  const instances = [...world.instances.values()].map((instance) => ({
    id: instance.id,
    session: sessionInfo(instance),
    statuses: instance.statuses,
    profile: instance.profile,
    plan: instance.plan,
    rateLimitPolicy: instance.rateLimitPolicy,
    presence: instance.ownPresence,
    contacts: [...instance.contacts.values()].map(contactView),
    chats: [...instance.chats.values()].map((chat) => ({
      ...chatView(chat),
      messages: chat.messages.map((m) => ({
        ...messageView(m),
        starred: m.starred,
        pinned: m.pinnedUntil !== null && m.pinnedUntil > world.clock.now(),
        edited: m.edited,
        revoked: m.revoked,
        read: m.read,
        reactions: Object.fromEntries(m.reactions ?? []),
        ...(m.poll ? { poll: { ...m.poll, votes: Object.fromEntries(m.poll.votes) } } : {}),
      })),
    })),
    groups: [...instance.groups.values()].map(groupView),
    labels: [...instance.labels.values()].map((l) => ({ ...labelView(l), chats: [...l.chats] })),
    channels: [...instance.channels.values()].map(channelView),
    statusPosts: instance.statusPosts,
    chatPresence: Object.fromEntries(instance.presence),
  }));
  return redact({ now: world.clock.now(), clock: world.clock.mode, instances }, secrets);
}
