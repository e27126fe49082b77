// Seeded randomness for the sandbox: ids and codes repeat exactly for a given seed, so a test
// that prints a message id today finds the same id tomorrow.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  /** `length` characters from `alphabet`, after `prefix` if given. */
  chars(length: number, alphabet: string, prefix?: string): string;
  /** Moves on as `count` draws would, without making anything of them. */
  skip(count: number): void;
  /** Where the sequence is now: `createRandom(position())` draws what this one draws next. */
  position(): number;
}

const UPPER_HEX = '0123456789ABCDEF';
const DIGITS = '0123456789';
const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
/** The random characters of an event id, one draw each. */
const EVENT_ID_DRAWS = 16;

/** mulberry32: tiny, fast and good enough for test data (not for secrets). */
export function createRandom(seed: number = Math.floor(Math.random() * 2 ** 32)): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + STEP) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  // One flat string: appending a character at a time left a chain of string pieces behind
  // every id, which a busy sandbox keeps (message ids) and the garbage collector copies.
  const codes: number[] = [];
  const chars = (length: number, alphabet: string, prefix = '') => {
    codes.length = prefix.length + length;
    for (let i = 0; i < prefix.length; i++) codes[i] = prefix.charCodeAt(i);
    for (let i = prefix.length; i < codes.length; i++) codes[i] = alphabet.charCodeAt(int(alphabet.length));
    // `apply` rather than a spread: the same string, without the spread's iteration.
    return String.fromCharCode.apply(null, codes);
  };
  // Each draw adds STEP to the state and mixes only its output, so `count` draws move the
  // state by count × STEP (exact in a double for any count a sandbox makes).
  const skip = (count: number) => {
    state = ((state + count * STEP) % 2 ** 32) >>> 0;
  };
  return { next, int, chars, skip, position: () => state };
}

const STEP = 0x6d2b79f5;
/** The draws of a delivery request id: 32 hex digits and the variant. */
const REQUEST_ID_DRAWS = 33;

/** The ids the sandbox hands out, in the engine's formats. */
export interface IdFactory {
  /** A raw message id like the engine's, e.g. `3EB0C767D26A1D5A8F4E`. */
  rawMessageId(): string;
  /**
   * Takes a webhook event id and returns where it lies in the sequence; `eventIdAt` writes
   * it out. An event whose deliveries nobody sends or reads then never builds its id.
   */
  reserveEventId(): number;
  /** Uses up an event id nobody will see (an event no target listens to), as `reserveEventId` does. */
  skipEventId(): void;
  /**
   * Takes a delivery request id and returns where it lies in the sequence; `requestIdAt`
   * writes it out. A delivery nobody reads then never builds its id.
   */
  reserveRequestId(): number;
  /** A group id, `120363…@g.us`. */
  groupId(): string;
  /** A channel id, `120363…@newsletter`. */
  channelId(): string;
  /** A linked id, `…@lid`. */
  lid(): string;
  /** A call id. */
  callId(): string;
  /** An instance id for a new session: 12 upper-case letters and digits. */
  instanceId(): string;
  /** A pairing code as the phone shows it, `ABCD-EFGH`. */
  pairingCode(): string;
  /** A group invite code. */
  inviteCode(): string;
}

/**
 * `deliveries` draws the webhook event and request ids: kept apart so a sandbox reset can
 * repeat the world's ids (messages, groups) while its new events never reuse an old event id
 * that a receiver already remembers as handled.
 */
export function createIdFactory(random: Random, deliveries: Random = random): IdFactory {
  return {
    rawMessageId: () => random.chars(16, UPPER_HEX, '3EB0'),
    reserveEventId: () => {
      const at = deliveries.position();
      deliveries.skip(EVENT_ID_DRAWS);
      return at;
    },
    skipEventId: () => deliveries.skip(EVENT_ID_DRAWS),
    reserveRequestId: () => {
      const at = deliveries.position();
      deliveries.skip(REQUEST_ID_DRAWS);
      return at;
    },
    groupId: () => `120363${random.chars(12, DIGITS)}@g.us`,
    channelId: () => `120363${random.chars(12, DIGITS)}@newsletter`,
    lid: () => `${1 + random.int(9)}${random.chars(14, DIGITS)}@lid`,
    callId: () => random.chars(32, UPPER_HEX),
    instanceId: () => random.chars(12, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    pairingCode: () =>
      `${random.chars(4, 'ABCDEFGHJKLMNPQRSTVWXYZ0123456789')}-${random.chars(4, 'ABCDEFGHJKLMNPQRSTVWXYZ0123456789')}`,
    inviteCode: () => random.chars(22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
  };
}

/** The event id reserved at `position` by `reserveEventId`: `evt_` and a lower-case ULID of `time`. */
export function eventIdAt(time: number, position: number): string {
  return createRandom(position).chars(EVENT_ID_DRAWS, CROCKFORD, `evt_${ulidTime(time)}`);
}

/** The delivery request id (UUID v4 layout) reserved at `position` by `reserveRequestId`. */
export function requestIdAt(position: number): string {
  const random = createRandom(position);
  const hex = random.chars(32, '0123456789abcdef');
  const variant = '89ab'[random.int(4)] as string;
  // Written as one string (see `chars`): the UUID layout, version 4 and the variant.
  return uuidOf(hex, variant);
}

function uuidOf(hex: string, variant: string): string {
  const out: number[] = [];
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) out.push(hex.charCodeAt(i));
  };
  const DASH = 45;
  copy(0, 8);
  out.push(DASH);
  copy(8, 12);
  out.push(DASH, 52 /* 4 */);
  copy(13, 16);
  out.push(DASH, variant.charCodeAt(0));
  copy(17, 20);
  out.push(DASH);
  copy(20, 32);
  return String.fromCharCode(...out);
}

/** The 10-character time part of a ULID (48-bit milliseconds in Crockford base32). */
function ulidTime(time: number): string {
  let out = '';
  let t = Math.max(0, Math.floor(time));
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}
