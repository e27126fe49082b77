// The request journal: every API call the sandbox answered, so a test can ask what its code
// sent. Entries are stored already redacted; nothing in them can leak a token.
import { matchesFields } from './match.js';

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

export interface Journal {
  add(entry: JournalEntry): void;
  list(query?: JournalQuery): JournalEntry[];
  clear(): void;
}

/** Keeps the last `limit` entries so a long-running sandbox does not grow without bound. */
export function createJournal(limit = 10_000): Journal {
  let entries: JournalEntry[] = [];
  return {
    add(entry) {
      entries.push(entry);
      // Trim in chunks so a full journal does not copy itself on every call.
      if (entries.length > limit + limit / 10) entries = entries.slice(entries.length - limit);
    },
    list(query = {}) {
      const { method, since, ...fields } = query;
      const wanted = { ...fields, ...(method !== undefined ? { method: method.toUpperCase() } : {}) };
      return entries.filter((e) => matchesFields(e, wanted) && (since === undefined || e.at >= since));
    },
    clear() {
      entries = [];
    },
  };
}
