// The sandbox's moving parts in one place: the instances, the clock, ids, the journal, the
// faults and the webhook dispatcher, plus the state changes that several operations share
// (a session moving to a new status, a message being stored and acknowledged).
import type { Clock } from './clock.js';
import { copyMessage } from './copy.js';
import type { FaultBook } from './faults.js';
import type { Journal } from './journal.js';
import type { IdFactory } from './random.js';
import {
  ACK_NAMES,
  type ChatRecord,
  chatFor,
  type InstanceState,
  isOnWhatsApp,
  type MessageRecord,
  messageRecord,
  type SessionStatus,
  type WireMessage,
  wireMessage,
} from './state.js';
import type { Timing } from './timing.js';
import type { Dispatcher, EventPayload } from './webhooks.js';

export interface World {
  clock: Clock;
  ids: IdFactory;
  journal: Journal;
  faults: FaultBook;
  dispatcher: Dispatcher;
  timing: Timing;
  instances: Map<string, InstanceState>;
  /** Sends a webhook event of `instance` (to the targets that subscribed to it); see `EventPayload`. */
  emit<A>(instance: InstanceState, event: string, payload: EventPayload<A>, arg?: A): void;
  /** Moves the session to `status` and sends `session.status`. */
  setStatus(instance: InstanceState, status: SessionStatus): void;
  /** Runs `task` after `delayMs` unless the session moved on (stopped, restarted…) meanwhile. */
  later(instance: InstanceState, delayMs: number, task: () => void): void;
  /** Boots the session: STARTING now, then WORKING (linked) or SCAN_QR_CODE after start-up. */
  boot(instance: InstanceState): void;
  /** A phone linked the session (QR scanned or pairing code typed). */
  link(instance: InstanceState): void;
  /** Stores a message the instance sent, emits `message.any` and schedules its acks. */
  sendMessage(instance: InstanceState, chatId: string, fields: Partial<WireMessage>): SentMessage;
  /** Stores a message a contact sent and emits `message` and `message.any`. */
  receiveMessage(instance: InstanceState, chatId: string, from: string, fields: Partial<WireMessage>): MessageRecord;
  nowSeconds(): number;
}

/** A message just sent: its record in the state, and how it looked when it was sent. */
export interface SentMessage {
  record: MessageRecord;
  /** A copy nobody changes, shared by the answer, the `message.any` envelope and the journal. */
  shown: WireMessage;
}

/**
 * A sent message's acks in the order they fall due: a scenario's timing may put them in any
 * order; equal delays keep the order they are listed in, as the clock keeps tasks due together.
 */
function ackPlan(acks: [delayMs: number, ack: number][]) {
  const sorted = acks.map((ack, index) => ({ ack, index })).sort((a, b) => a.ack[0] - b.ack[0] || a.index - b.index);
  return { delays: sorted.map((s) => s.ack[0]), values: sorted.map((s) => s.ack[1]) };
}

/** A sent message's acks still to come: the next one is `plan.values[step]`. */
interface PendingAcks {
  instance: InstanceState;
  record: MessageRecord;
  plan: { delays: number[]; values: number[] };
  /** The session's generation when it was sent. */
  generation: number;
  step: number;
}

/** An event payload that is its own argument (a copy of the message nobody changes). */
const itself = <T>(value: T): T => value;

/** Bumped on every lifecycle change; timers from an older generation do nothing. */
const generations = new WeakMap<InstanceState, number>();

export function createWorld(
  parts: Omit<
    World,
    'emit' | 'setStatus' | 'later' | 'boot' | 'link' | 'sendMessage' | 'receiveMessage' | 'nowSeconds'
  >,
): World {
  const { clock, ids, dispatcher, timing } = parts;
  const nowSeconds = () => Math.floor(clock.now() / 1000);

  const emit: World['emit'] = (instance, event, payload, arg) => {
    dispatcher.emit(instance, event, payload, arg);
  };

  const setStatus: World['setStatus'] = (instance, status) => {
    generations.set(instance, (generations.get(instance) ?? 0) + 1);
    instance.status = status;
    instance.statuses.push({ status, timestamp: clock.now() });
    if (instance.statuses.length > 10) instance.statuses.shift();
    emit(instance, 'session.status', {
      name: instance.name,
      status,
      statuses: instance.statuses.map((s) => ({ ...s })),
    });
  };

  const later: World['later'] = (instance, delayMs, task) => {
    const generation = generations.get(instance) ?? 0;
    clock.schedule(delayMs, () => {
      if ((generations.get(instance) ?? 0) === generation && parts.instances.get(instance.id) === instance) task();
    });
  };

  const link: World['link'] = (instance) => {
    instance.linked = true;
    setStatus(instance, 'WORKING');
  };

  const boot: World['boot'] = (instance) => {
    setStatus(instance, 'STARTING');
    later(instance, timing.startupMs, () => {
      if (instance.linked) setStatus(instance, 'WORKING');
      else setStatus(instance, 'SCAN_QR_CODE');
    });
  };

  const baseMessage = (chat: ChatRecord, fields: Partial<WireMessage>, fromMe: boolean, from: string): WireMessage =>
    wireMessage({ chatId: chat.id, fromMe, from, raw: ids.rawMessageId(), timestamp: nowSeconds() }, fields);

  const ackPayload = (message: WireMessage) => ({
    id: message.id,
    from: message.from,
    to: message.to,
    participant: message.participant,
    fromMe: message.fromMe,
    ack: message.ack,
    ackName: message.ackName,
    _data: {},
  });

  const setAck = (instance: InstanceState, record: MessageRecord, ack: number) => {
    if (record.message.ack >= ack && ack !== -1) return;
    record.message.ack = ack;
    record.message.ackName = ACK_NAMES[ack] ?? 'PENDING';
    // Built only when a target listens: most acks of a busy sandbox go to nobody.
    emit(instance, 'message.ack', ackPayload, record.message);
  };

  const ackPlans = {
    failed: ackPlan([[timing.serverAckMs, -1]]),
    // Channels and status posts are only acknowledged by the server.
    serverOnly: ackPlan([[timing.serverAckMs, 1]]),
    full: ackPlan([
      [timing.serverAckMs, 1],
      [timing.deviceAckMs, 2],
      [timing.readAckMs, 3],
    ]),
  };

  const sendMessage: World['sendMessage'] = (instance, chatId, fields) => {
    const chat = chatFor(instance, chatId);
    const message = baseMessage(chat, fields, true, instance.me.id);
    message.from = instance.me.id;
    const record = messageRecord(message, chatId, true);
    chat.messages.push(record);
    // One copy of the message as sent, for the answer, the envelope and the journal alike.
    const shown = copyMessage(message);
    emit(instance, 'message.any', itself, shown);
    const reachable = chatId.endsWith('@c.us') ? isOnWhatsApp(instance, chatId) : true;
    const plan = !reachable
      ? ackPlans.failed
      : chatId.endsWith('@newsletter') || chatId === 'status@broadcast'
        ? ackPlans.serverOnly
        : ackPlans.full;
    // One task for every message's acks and one record of the message's own, each run taking
    // the next of the plan (they run in time order, which is the plan's): a busy sandbox keeps
    // thousands pending, and a closure each went through V8's lazy compile on its first call.
    const acks: PendingAcks = { instance, record, plan, generation: generations.get(instance) ?? 0, step: 0 };
    for (const delay of plan.delays) clock.schedule(delay, nextAck, acks);
    return { record, shown };
  };

  const nextAck = (acks: PendingAcks) => {
    const { instance, record } = acks;
    const value = acks.plan.values[acks.step++] as number;
    // Acks go on regardless of later lifecycle changes only while the session still works.
    if (parts.instances.get(instance.id) !== instance || (generations.get(instance) ?? 0) !== acks.generation) return;
    if (record.revoked) return;
    setAck(instance, record, value);
  };

  const receiveMessage: World['receiveMessage'] = (instance, chatId, from, fields) => {
    const chat = chatFor(instance, chatId);
    const message = baseMessage(chat, fields, false, from);
    message.to = instance.me.id;
    const record = messageRecord(message, chatId, false);
    chat.messages.push(record);
    chat.archived = false;
    // Both events carry the message as it is now: one copy serves both envelopes.
    const shown = copyMessage(message);
    emit(instance, 'message', itself, shown);
    emit(instance, 'message.any', itself, shown);
    return record;
  };

  return { ...parts, emit, setStatus, later, boot, link, sendMessage, receiveMessage, nowSeconds };
}
