// Presence, status posts (24 h stories), the profile and channels.

import { frozenJson } from '../copy.js';
import type { ChannelRecord } from '../state.js';
import { digitsOf } from '../state.js';
import { type Call, type HandlerTable, notFound, ok, update } from './answer.js';

function postStatus(call: Call, kind: 'text' | 'image' | 'voice' | 'video') {
  const { world, instance, params } = call;
  const post = {
    id: `true_status@broadcast_${world.ids.rawMessageId()}`,
    kind,
    at: world.clock.now(),
    text: params.string('text') ?? params.string('caption') ?? null,
  };
  instance.statusPosts.push(post);
  // Posts expire after a day, as on WhatsApp.
  world.clock.schedule(world.timing.statusTtlMs, () => {
    instance.statusPosts = instance.statusPosts.filter((p) => p !== post);
  });
  return ok({ id: post.id });
}

export const channelView = (c: ChannelRecord) => ({
  id: c.id,
  name: c.name,
  description: c.description,
  invite: `https://whatsapp.com/channel/${c.inviteCode}`,
  preview: null,
  picture: c.picture,
  verified: c.verified,
  subscribersCount: c.subscribersCount,
  role: c.role,
});

function withChannel(call: Call, then: (channel: ChannelRecord) => ReturnType<typeof ok>) {
  const id = call.params.string('id') as string;
  const channel = call.instance.channels.get(id);
  return channel ? then(channel) : notFound(`No channel ${id}.`);
}

export const presenceHandlers: HandlerTable = {
  setPresence({ instance, params }) {
    const presence = params.string('presence') ?? 'online';
    const chatId = params.string('chatId');
    if (chatId)
      instance.presence.set(chatId, [{ participant: instance.me.id, lastKnownPresence: presence, lastSeen: null }]);
    else instance.ownPresence = presence;
    return ok({});
  },
  getPresence({ instance, params }) {
    const chatId = params.string('chatId') as string;
    const known = instance.presence.get(chatId)?.filter((p) => p.participant !== instance.me.id);
    const presences =
      known && known.length > 0
        ? known
        : [
            {
              participant: chatId.endsWith('@c.us') ? chatId : `${digitsOf(chatId)}@c.us`,
              lastKnownPresence: 'offline',
              lastSeen: null,
            },
          ];
    return ok({ id: chatId, presences });
  },
  sendTextStatus: (call) => postStatus(call, 'text'),
  sendImageStatus: (call) => postStatus(call, 'image'),
  sendVoiceStatus: (call) => postStatus(call, 'voice'),
  sendVideoStatus: (call) => postStatus(call, 'video'),
  deleteStatus({ instance, params }) {
    // Deleting a post that is gone (expired, or never there) is a no-op, as on WhatsApp.
    const id = params.string('id') as string;
    instance.statusPosts = instance.statusPosts.filter((p) => p.id !== id && p.id.split('_').pop() !== id);
    return ok({});
  },
  getProfile: ({ instance }) =>
    ok({ id: instance.me.id, name: instance.profile.name, picture: instance.profile.picture }),
  setProfileName({ instance, params }) {
    instance.profile.name = params.string('name') ?? instance.profile.name;
    // Replaced, not changed: the account is frozen (events share it as it was when sent).
    const pushName = instance.profile.name ?? instance.me.pushName;
    if (pushName !== instance.me.pushName) instance.me = frozenJson({ ...instance.me, pushName });
    return ok({});
  },
  setProfileStatus({ instance, params }) {
    instance.profile.status = params.string('status') ?? null;
    return ok({});
  },
  setProfilePicture({ instance, params }) {
    const file = params.object('file');
    instance.profile.picture = typeof file?.url === 'string' ? file.url : instance.profile.picture;
    return ok({});
  },
  deleteProfilePicture({ instance }) {
    instance.profile.picture = null;
    return ok({});
  },
  listChannels({ instance, params }) {
    const role = params.string('role');
    return ok([...instance.channels.values()].filter((c) => !role || c.role === role).map(channelView));
  },
  createChannel({ world, instance, params }) {
    const channel: ChannelRecord = {
      id: world.ids.channelId(),
      name: params.string('name') ?? '',
      description: params.string('description') ?? null,
      role: 'OWNER',
      muted: false,
      picture: null,
      verified: false,
      subscribersCount: 0,
      inviteCode: world.ids.inviteCode(),
    };
    instance.channels.set(channel.id, channel);
    return ok(channelView(channel));
  },
  getChannel: (call) => withChannel(call, (c) => ok(channelView(c))),
  deleteChannel: (call) =>
    withChannel(call, (c) => {
      call.instance.channels.delete(c.id);
      return ok({});
    }),
  // The sandbox keeps no channel posts, so a channel's preview is empty.
  previewChannelMessages: (call) => withChannel(call, () => ok([])),
  followChannel: (call) =>
    withChannel(call, (c) => {
      if (c.role === 'GUEST') c.role = 'SUBSCRIBER';
      return ok({});
    }),
  unfollowChannel: (call) =>
    withChannel(call, (c) => {
      if (c.role === 'SUBSCRIBER') c.role = 'GUEST';
      return ok({});
    }),
  muteChannel: (call) => withChannel(call, update({ muted: true })),
  unmuteChannel: (call) => withChannel(call, update({ muted: false })),
};
