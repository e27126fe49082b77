// Groups and their participants, with the `group.v2.*` events their changes produce.
import { page, sorted } from '../lists.js';
import { digitsOf, type GroupParticipant, type GroupRecord, type InstanceState } from '../state.js';
import type { World } from '../world.js';
import { type Call, type HandlerTable, invalidParam, notFound, ok, upstream } from './answer.js';

export function groupView(group: GroupRecord) {
  return {
    id: group.id,
    subject: group.subject,
    description: group.description,
    owner: group.owner,
    creation: group.creation,
    invite: `https://chat.whatsapp.com/${group.inviteCode}`,
    participants: group.participants.filter((p) => p.role !== 'left').map(participantView),
    announce: group.announce,
    restrict: group.restrict,
    membersCanAddNewMember: !group.restrict,
  };
}

const participantView = (p: GroupParticipant) => ({
  id: p.id,
  pn: p.id,
  role: p.role,
  isAdmin: p.role === 'admin' || p.role === 'superadmin',
  isSuperAdmin: p.role === 'superadmin',
});

/** Turns what a caller passed (ids, phone numbers or `{ id }` objects) into `…@c.us` ids. */
export function participantIds(list: unknown[] | undefined): string[] {
  return (list ?? [])
    .map((p) => (p && typeof p === 'object' ? String((p as { id?: unknown }).id ?? '') : String(p)))
    .map((id) => (id.includes('@') ? id : `${digitsOf(id)}@c.us`))
    .filter((id) => /^[0-9]+@(c\.us|lid)$/.test(id));
}

export function createGroup(
  world: World,
  instance: InstanceState,
  subject: string,
  members: string[],
  owner = instance.me.id,
): GroupRecord {
  const group: GroupRecord = {
    id: world.ids.groupId(),
    subject,
    description: null,
    owner,
    creation: world.nowSeconds(),
    inviteCode: world.ids.inviteCode(),
    participants: [
      { id: owner, role: 'superadmin' },
      ...members.filter((m) => m !== owner).map((id) => ({ id, role: 'participant' as const })),
    ],
    announce: false,
    restrict: false,
    picture: null,
  };
  instance.groups.set(group.id, group);
  return group;
}

/** Sends `group.v2.participants` in the engine's shape. */
export function participantsEvent(
  world: World,
  instance: InstanceState,
  group: GroupRecord,
  type: 'join' | 'leave' | 'promote' | 'demote',
  ids: string[],
) {
  world.emit(instance, 'group.v2.participants', {
    group: { id: group.id },
    type,
    timestamp: world.nowSeconds(),
    participants: ids.map((id) => participantView(group.participants.find((p) => p.id === id) ?? { id, role: 'left' })),
    _data: {},
  });
}

function withGroup(call: Call, then: (group: GroupRecord) => ReturnType<typeof ok>) {
  const id = call.params.string('id') as string;
  const group = call.instance.groups.get(id);
  return group ? then(group) : notFound(`No group ${id}.`);
}

function update(call: Call, change: (group: GroupRecord) => void) {
  return withGroup(call, (group) => {
    change(group);
    call.world.emit(call.instance, 'group.v2.update', {
      timestamp: call.world.nowSeconds(),
      group: groupView(group),
      _data: {},
    });
    return ok({});
  });
}

/** Applies a membership change and sends `group.v2.participants` for it. */
export function groupParticipantsChange(
  world: World,
  instance: InstanceState,
  group: GroupRecord,
  type: 'join' | 'leave' | 'promote' | 'demote',
  ids: string[],
) {
  for (const id of ids) {
    const member = group.participants.find((p) => p.id === id);
    if (type === 'join') {
      if (member) member.role = 'participant';
      else group.participants.push({ id, role: 'participant' });
    } else if (member && type === 'leave') member.role = 'left';
    else if (member && type === 'promote') member.role = 'admin';
    else if (member && type === 'demote') member.role = 'participant';
  }
  participantsEvent(world, instance, group, type, ids);
}

function changeMembers(call: Call, type: 'join' | 'leave' | 'promote' | 'demote') {
  return withGroup(call, (group) => {
    const ids = participantIds(call.params.list('participants'));
    if (ids.length === 0) return invalidParam('participants', 'participants must name at least one member.');
    groupParticipantsChange(call.world, call.instance, group, type, ids);
    return ok({});
  });
}

function security(call: Call, field: 'announce' | 'restrict') {
  return withGroup(call, (group) => ok({ adminsOnly: group[field] }));
}

export const groupHandlers: HandlerTable = {
  listGroups({ instance, params }) {
    const groups = sorted([...instance.groups.values()], params, {
      creation: (g) => g.creation,
      subject: (g) => g.subject,
    });
    return ok(page(groups, params).map(groupView));
  },
  createGroup({ world, instance, params }) {
    const group = createGroup(
      world,
      instance,
      params.string('name') ?? '',
      participantIds(params.list('participants')),
    );
    world.emit(instance, 'group.v2.join', { timestamp: world.nowSeconds(), group: groupView(group), _data: {} });
    return ok(groupView(group));
  },
  getGroupJoinInfo({ instance, params }) {
    const code = (params.string('code') ?? '').split('/').pop();
    const group = [...instance.groups.values()].find((g) => g.inviteCode === code);
    return group ? ok(groupView(group)) : notFound('No group has this invite code.');
  },
  joinGroup({ world, instance, params }) {
    const code = (params.string('code') ?? '').split('/').pop();
    const group = [...instance.groups.values()].find((g) => g.inviteCode === code);
    if (!group) return notFound('No group has this invite code.');
    const me = group.participants.find((p) => p.id === instance.me.id);
    if (me) me.role = 'participant';
    else group.participants.push({ id: instance.me.id, role: 'participant' });
    world.emit(instance, 'group.v2.join', { timestamp: world.nowSeconds(), group: groupView(group), _data: {} });
    return ok({ id: group.id });
  },
  countGroups: ({ instance }) => ok({ count: instance.groups.size }),
  refreshGroups: () => ok({}),
  getGroup: (call) => withGroup(call, (g) => ok(groupView(g))),
  deleteGroup: (call) =>
    withGroup(call, (group) => {
      call.instance.groups.delete(group.id);
      return ok({});
    }),
  leaveGroup: (call) =>
    withGroup(call, (group) => {
      const me = group.participants.find((p) => p.id === call.instance.me.id);
      if (!me || me.role === 'left') return upstream('The account is not a member of this group.');
      me.role = 'left';
      call.world.emit(call.instance, 'group.v2.leave', {
        timestamp: call.world.nowSeconds(),
        group: { id: group.id },
        _data: {},
      });
      return ok({});
    }),
  getGroupPicture: (call) => withGroup(call, (g) => ok({ url: g.picture })),
  setGroupPicture: (call) =>
    update(call, (g) => {
      const file = call.params.object('file');
      g.picture = typeof file?.url === 'string' ? file.url : g.picture;
    }),
  deleteGroupPicture: (call) =>
    update(call, (g) => {
      g.picture = null;
    }),
  setGroupDescription: (call) =>
    update(call, (g) => {
      g.description = call.params.string('description') ?? '';
    }),
  setGroupSubject: (call) =>
    update(call, (g) => {
      g.subject = call.params.string('subject') ?? g.subject;
      const chat = call.instance.chats.get(g.id);
      if (chat) chat.name = g.subject;
    }),
  getGroupInfoAdminOnly: (call) => security(call, 'restrict'),
  setGroupInfoAdminOnly: (call) =>
    update(call, (g) => {
      g.restrict = call.params.bool('adminsOnly') ?? true;
    }),
  getGroupMessagesAdminOnly: (call) => security(call, 'announce'),
  setGroupMessagesAdminOnly: (call) =>
    update(call, (g) => {
      g.announce = call.params.bool('adminsOnly') ?? true;
    }),
  getGroupInviteCode: (call) => withGroup(call, (g) => ok(`https://chat.whatsapp.com/${g.inviteCode}`)),
  revokeGroupInviteCode: (call) =>
    withGroup(call, (g) => {
      g.inviteCode = call.world.ids.inviteCode();
      return ok(`https://chat.whatsapp.com/${g.inviteCode}`);
    }),
  getGroupParticipants: (call) => withGroup(call, (g) => ok(groupView(g).participants)),
  addGroupParticipants: (call) => changeMembers(call, 'join'),
  removeGroupParticipants: (call) => changeMembers(call, 'leave'),
  promoteGroupAdmins: (call) => changeMembers(call, 'promote'),
  demoteGroupAdmins: (call) => changeMembers(call, 'demote'),
};
