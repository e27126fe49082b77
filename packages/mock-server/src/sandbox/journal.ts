// The request journal: every API call the sandbox answered, so a test can ask what its code
// sent. A call is kept as it was (a plain copy of its parameters and answer, with the tokens
// to take out) and redacted the first time it is read: nothing read from the journal carries
// a token, and a busy sandbox that nobody asks does not redact every answer it gives.
import { copyUnlessSame } from './copy.js';
import { matchesFields } from './match.js';
import { redact } from './redact.js';

export interface JournalEntry {
  /** When the call was answered, in Unix milliseconds on the sandbox clock. */
  at: number;
  /** The API version the call was made to: `v1`, or `v2` (its path starts with `/v2`). */
  api: 'v1' | 'v2';
  /** The operation's id in the spec, e.g. `sendText` (the same in both versions); null when no operation matched. */
  operationId: string | null;
  method: string;
  path: string;
  /** The merged parameters (query, form and JSON body, path), credentials redacted. */
  params: Record<string, unknown>;
  instanceId: string | null;
  status: number;
  /** The answer's body, credentials redacted. */
  body: unknown;
}

export interface JournalQuery {
  api?: 'v1' | 'v2';
  operationId?: string;
  instanceId?: string;
  method?: string;
  path?: string;
  status?: number;
  /** Only entries at or after this time (Unix ms). */
  since?: number;
}

/** A call as the engine hands it over: credentials still in it, and the tokens to take out. */
export interface JournalCall extends Omit<JournalEntry, 'params' | 'body'> {
  params: Readonly<Record<string, unknown>>;
  body: unknown;
  /** The tokens to redact, as they were at the call (a session deleted later stays redacted). */
  secrets: readonly string[];
  /** The body is the answer's own copy, which nobody changes (see `Answer.kept`): kept as it is. */
  bodyKept?: boolean;
}

export interface Journal {
  /** Keeps `call` as it is now: later changes to its objects or to the state do not show. */
  add(call: JournalCall): void;
  /** The matching entries, oldest first, redacted; the same objects on every read. */
  list(query?: JournalQuery): JournalEntry[];
  /** How many entries the journal holds. */
  size(): number;
  clear(): void;
}

/** One kept call: the fields queries filter on as they are, the rest until first read. */
class Kept {
  private params: Record<string, unknown> | undefined;
  private body: unknown;
  private secrets: readonly string[];
  private shown: JournalEntry | undefined;
  readonly at: number;
  readonly api: JournalEntry['api'];
  readonly operationId: string | null;
  readonly method: string;
  readonly path: string;
  readonly instanceId: string | null;
  readonly status: number;

  constructor(call: JournalCall, previous: Kept | undefined) {
    this.at = call.at;
    this.api = call.api;
    this.operationId = call.operationId;
    this.method = call.method;
    this.path = call.path;
    this.instanceId = call.instanceId;
    this.status = call.status;
    // Copies, so that later changes to the state (or to the caller's objects) do not show;
    // the same call made again shares the copies of the one before (nothing changes them).
    this.params = copyUnlessSame(previous?.params, call.params as Record<string, unknown>);
    this.body = call.bodyKept ? call.body : copyUnlessSame(previous?.body, call.body);
    this.secrets = call.secrets;
  }

  /** True until the entry is first read (then only its redacted form is kept). */
  unread(): boolean {
    return this.shown === undefined;
  }

  entry(): JournalEntry {
    if (this.shown) return this.shown;
    this.shown = {
      at: this.at,
      api: this.api,
      operationId: this.operationId,
      method: this.method,
      path: this.path,
      params: redact(this.params as Record<string, unknown>, this.secrets),
      instanceId: this.instanceId,
      status: this.status,
      body: redact(this.body, this.secrets),
    };
    // The redacted entry is all that is kept from now on.
    this.params = undefined;
    this.body = undefined;
    this.secrets = [];
    return this.shown;
  }
}

/** Keeps the last `limit` entries so a long-running sandbox does not grow without bound. */
export function createJournal(limit = 10_000): Journal {
  let entries: Kept[] = [];
  /** The last call of each operation still unread, whose copies the next one may share. */
  let latest = new Map<string | null, Kept>();
  return {
    add(call) {
      const previous = latest.get(call.operationId);
      const kept = new Kept(call, previous?.unread() ? previous : undefined);
      if (latest.size >= 64 && !latest.has(call.operationId)) latest.clear();
      latest.set(call.operationId, kept);
      entries.push(kept);
      // Trim in chunks so a full journal does not copy itself on every call.
      if (entries.length > limit + limit / 10) entries = entries.slice(entries.length - limit);
    },
    list(query = {}) {
      const { method, since, ...fields } = query;
      const wanted = { ...fields, ...(method !== undefined ? { method: method.toUpperCase() } : {}) };
      const out: JournalEntry[] = [];
      for (const kept of entries) {
        if (matchesFields<Pick<Kept, keyof typeof wanted>>(kept, wanted) && (since === undefined || kept.at >= since))
          out.push(kept.entry());
      }
      return out;
    },
    size: () => entries.length,
    clear() {
      entries = [];
      latest = new Map();
    },
  };
}
