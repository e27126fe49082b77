// The sandbox's moving parts in one place: the instances, the clock, ids, the journal, the
// faults and the webhook dispatcher, plus the state changes that several operations share
// (a session moving to a new status, a message being stored and acknowledged).
import type { Clock } from './clock.js';
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
import type { Dispatcher } from './webhooks.js';

export interface World {
  clock: Clock;
  ids: IdFactory;
  journal: Journal;
  faults: FaultBook;
  dispatcher: Dispatcher;
  timing: Timing;
  instances: Map<string, InstanceState>;
  /** Sends a webhook event of `instance` (to the targets that subscribed to it). */
  emit(instance: InstanceState, event: string, payload: Record<string, unknown>): void;
  /** Moves the session to `status` and sends `session.status`. */
  setStatus(instance: InstanceState, status: SessionStatus): void;
  /** Runs `task` after `delayMs` unless the session moved on (stopped, restarted…) meanwhile. */
  later(instance: InstanceState, delayMs: number, task: () => void): void;
  /** Boots the session: STARTING now, then WORKING (linked) or SCAN_QR_CODE after start-up. */
  boot(instance: InstanceState): void;
  /** A phone linked the session (QR scanned or pairing code typed). */
  link(instance: InstanceState): void;
  /** Stores a message the instance sent, emits `message.any` and schedules its acks. */
  sendMessage(instance: InstanceState, chatId: string, fields: Partial<WireMessage>): MessageRecord;
  /** Stores a message a contact sent and emits `message` and `message.any`. */
  receiveMessage(instance: InstanceState, chatId: string, from: string, fields: Partial<WireMessage>): MessageRecord;
  nowSeconds(): number;
}

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

  const emit: World['emit'] = (instance, event, payload) => {
    dispatcher.emit(instance, event, payload);
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
    emit(instance, 'message.ack', ackPayload(record.message));
  };

  const sendMessage: World['sendMessage'] = (instance, chatId, fields) => {
    const chat = chatFor(instance, chatId);
    const message = baseMessage(chat, fields, true, instance.me.id);
    message.from = instance.me.id;
    const record = messageRecord(message, chatId, true);
    chat.messages.push(record);
    emit(instance, 'message.any', { ...message });
    const reachable = chatId.endsWith('@c.us') ? isOnWhatsApp(instance, chatId) : true;
    const generation = generations.get(instance) ?? 0;
    // Acks go on regardless of later lifecycle changes only while the session still works.
    const ack = (delay: number, value: number) =>
      clock.schedule(delay, () => {
        if (parts.instances.get(instance.id) !== instance || (generations.get(instance) ?? 0) !== generation) return;
        if (record.revoked) return;
        setAck(instance, record, value);
      });
    if (!reachable) {
      ack(timing.serverAckMs, -1);
    } else {
      ack(timing.serverAckMs, 1);
      if (!chatId.endsWith('@newsletter') && chatId !== 'status@broadcast') {
        ack(timing.deviceAckMs, 2);
        ack(timing.readAckMs, 3);
      }
    }
    return record;
  };

  const receiveMessage: World['receiveMessage'] = (instance, chatId, from, fields) => {
    const chat = chatFor(instance, chatId);
    const message = baseMessage(chat, fields, false, from);
    message.to = instance.me.id;
    const record = messageRecord(message, chatId, false);
    chat.messages.push(record);
    chat.archived = false;
    emit(instance, 'message', { ...message });
    emit(instance, 'message.any', { ...message });
    return record;
  };

  return { ...parts, emit, setStatus, later, boot, link, sendMessage, receiveMessage, nowSeconds };
}
