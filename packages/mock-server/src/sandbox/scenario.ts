// Scenarios: the starting state of a sandbox. A file (YAML or JSON) is checked against the
// published JSON Schema, and a mistake is reported with the file, the path inside it and
// what is wrong. Without a file, the default scenario is the documented instance.
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import scenarioSchema from '../../scenario.schema.json' with { type: 'json' };
import { copyJson, frozenJson } from './copy.js';
import { newLabel } from './operations/labels.js';
import type { ContactRecord, GroupParticipant, InstanceState, MeInfo, SessionStatus, WebhookTarget } from './state.js';
import { chatFor, messageRecord, wireMessage } from './state.js';
import type { Timing } from './timing.js';
import type { World } from './world.js';

export interface ScenarioMessage {
  id?: string;
  fromMe?: boolean;
  from?: string;
  body?: string;
  at?: string;
  read?: boolean;
}

export interface ScenarioInstance {
  id: string;
  accessToken: string;
  name?: string;
  status?: SessionStatus;
  linked?: boolean;
  me?: MeInfo;
  metadata?: Record<string, string>;
  engine?: { name?: string; version?: string; info?: Record<string, unknown> };
  webhooks?: WebhookTarget[];
  /** `paid` (default) or `free`: a free account gets 403 `subscription_required` for v2's webhook settings. */
  plan?: 'free' | 'paid';
  /** A sending policy in force from the start (see v2's `GET /session/rate-limit`). */
  rateLimitPolicy?: string;
  contacts?: {
    id: string;
    name?: string;
    pushname?: string;
    onWhatsApp?: boolean;
    blocked?: boolean;
    saved?: boolean;
    about?: string;
    isBusiness?: boolean;
  }[];
  chats?: { id: string; name?: string; archived?: boolean; pinned?: boolean; messages?: ScenarioMessage[] }[];
  groups?: {
    id?: string;
    inviteCode?: string;
    subject: string;
    description?: string;
    participants?: { id: string; role?: GroupParticipant['role'] }[];
  }[];
  labels?: { id?: string; name: string; color?: number; colorHex?: string; chats?: string[] }[];
  channels?: {
    id?: string;
    name: string;
    description?: string;
    role?: 'OWNER' | 'ADMIN' | 'SUBSCRIBER' | 'GUEST';
    verified?: boolean;
    subscribersCount?: number;
  }[];
}

export interface Scenario {
  seed?: number;
  clock?: 'real' | 'manual';
  startAt?: string;
  timing?: Partial<Timing>;
  instances: ScenarioInstance[];
}

/** A scenario file that cannot be used: names the file, the place in it and the problem. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`${file}: ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`);
  }
}

// ajv and the YAML reader load on first use: a sandbox with the default scenario (the CLI's
// and the bench's) needs neither, and loading them was a tenth of its start-up.
const require = createRequire(import.meta.url);
let validator: ReturnType<Ajv2020['compile']> | undefined;

/** Checks a parsed scenario; `file` only names it in the error. */
export function checkScenario(value: unknown, file = 'scenario'): Scenario {
  if (!validator) {
    const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    const addFormats = require('ajv-formats') as typeof import('ajv-formats').default & {
      default?: typeof import('ajv-formats').default;
    };
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats.default ?? addFormats)(ajv);
    validator = ajv.compile(scenarioSchema);
  }
  if (!validator(value)) {
    const problems = (validator.errors ?? []).map((e) => ({
      path: e.instancePath,
      message:
        e.keyword === 'additionalProperties'
          ? `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`
          : e.keyword === 'enum'
            ? `${e.message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
            : (e.message ?? 'is not valid'),
    }));
    throw new ScenarioError(file, problems);
  }
  const scenario = value as Scenario;
  const ids = new Set<string>();
  scenario.instances.forEach((instance, i) => {
    if (ids.has(instance.id))
      throw new ScenarioError(file, [
        { path: `/instances/${i}/id`, message: `instance ${instance.id} is listed twice` },
      ]);
    ids.add(instance.id);
  });
  return scenario;
}

/** Reads a scenario from the text of a file (YAML, of which JSON is a part). */
export function parseScenario(text: string, file: string): Scenario {
  let value: unknown;
  try {
    value = (require('yaml') as typeof import('yaml')).parse(text, { prettyErrors: true });
  } catch (error) {
    const where = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const at = where ? `line ${where.line}, column ${where.col}` : '';
    throw new ScenarioError(file, [
      { path: at, message: `not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}` },
    ]);
  }
  return checkScenario(value, file);
}

/** Builds one instance's state from its scenario entry. */
export function createInstance(entry: ScenarioInstance, world: Pick<World, 'ids' | 'clock'>): InstanceState {
  const status = entry.status ?? 'WORKING';
  const me = frozenJson<MeInfo>(entry.me ?? { id: '447700900999@c.us', pushName: 'Sandbox' });
  const instance: InstanceState = {
    id: entry.id,
    accessToken: entry.accessToken,
    name: entry.name ?? entry.id,
    status,
    statuses: [{ status, timestamp: world.clock.now() }],
    linked: entry.linked ?? status === 'WORKING',
    me,
    metadata: frozenJson(entry.metadata ?? {}),
    webhooks: (entry.webhooks ?? []).map((w) => structuredClone(w)),
    engine: {
      name: entry.engine?.name ?? 'GOWS',
      version: entry.engine?.version ?? null,
      // The instance's own copy: the default scenario's comes from the spec's example.
      info: copyJson(entry.engine?.info ?? {}),
    },
    profile: { name: me.pushName ?? null, status: null, picture: null },
    ownPresence: 'online',
    contacts: new Map(),
    chats: new Map(),
    groups: new Map(),
    labels: new Map(),
    presence: new Map(),
    statusPosts: [],
    channels: new Map(),
    notOnWhatsApp: new Set(),
    nextLabelId: 1,
    plan: entry.plan ?? 'paid',
    rateLimitPolicy: entry.rateLimitPolicy ?? null,
    sentAt: [],
  };
  for (const c of entry.contacts ?? []) {
    const contact: ContactRecord = {
      id: c.id,
      name: c.name ?? null,
      pushname: c.pushname ?? c.name ?? null,
      onWhatsApp: c.onWhatsApp ?? true,
      blocked: c.blocked ?? false,
      saved: c.saved ?? c.name !== undefined,
      about: c.about ?? null,
      picture: null,
      isBusiness: c.isBusiness ?? false,
    };
    instance.contacts.set(contact.id, contact);
  }
  for (const g of entry.groups ?? []) {
    const id = g.id ?? world.ids.groupId();
    const participants: GroupParticipant[] = (g.participants ?? []).map((p) => ({
      id: p.id,
      role: p.role ?? 'participant',
    }));
    if (!participants.some((p) => p.id === me.id)) participants.unshift({ id: me.id, role: 'superadmin' });
    instance.groups.set(id, {
      id,
      subject: g.subject,
      description: g.description ?? null,
      owner: participants.find((p) => p.role === 'superadmin')?.id ?? me.id,
      creation: Math.floor(world.clock.now() / 1000) - 86_400,
      inviteCode: g.inviteCode ?? world.ids.inviteCode(),
      participants,
      announce: false,
      restrict: false,
      picture: null,
    });
  }
  const start = Math.floor(world.clock.now() / 1000);
  for (const c of entry.chats ?? []) {
    const chat = chatFor(instance, c.id);
    chat.name = c.name ?? chat.name;
    chat.archived = c.archived ?? false;
    chat.pinned = c.pinned ?? false;
    const messages = c.messages ?? [];
    messages.forEach((m, i) => {
      const fromMe = m.fromMe ?? false;
      const isGroup = c.id.endsWith('@g.us');
      const sender = fromMe ? me.id : (m.from ?? (isGroup ? me.id : c.id));
      const raw = m.id ?? world.ids.rawMessageId();
      const timestamp = m.at ? Math.floor(Date.parse(m.at) / 1000) : start - (messages.length - i) * 60;
      // Seeded history: your own messages were written on the phone and have been read.
      const message = wireMessage(
        { chatId: c.id, fromMe, from: sender, raw, timestamp },
        {
          ...(fromMe ? { from: me.id } : {}),
          source: fromMe ? 'app' : null,
          to: fromMe ? c.id : me.id,
          body: m.body ?? '',
          ack: fromMe ? 3 : 1,
          ackName: fromMe ? 'READ' : 'SERVER',
        },
      );
      chat.messages.push(messageRecord(message, c.id, m.read ?? true));
    });
  }
  for (const l of entry.labels ?? []) {
    const label = newLabel(instance, l.name, l.color, l.colorHex, l.id);
    for (const chatId of l.chats ?? []) label.chats.add(chatId);
  }
  for (const ch of entry.channels ?? []) {
    const id = ch.id ?? world.ids.channelId();
    instance.channels.set(id, {
      id,
      name: ch.name,
      description: ch.description ?? null,
      role: ch.role ?? 'OWNER',
      muted: false,
      picture: null,
      verified: ch.verified ?? false,
      subscribersCount: ch.subscribersCount ?? 0,
      inviteCode: world.ids.inviteCode(),
    });
  }
  return instance;
}
