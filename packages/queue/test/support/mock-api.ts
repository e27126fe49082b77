// The mock API with a journal of request times kept by the test's injected fetch, and a way
// to plant answers (a 429 with Retry-After) in front of it.
// TO BE SWITCHED to the sandbox's own journal (`GET /__wawp/requests`) once it is on main.

import { createWawp, type Wawp } from '@wawp/client/operations';
import { type MockServer, startMockServer } from '@wawp/mock-server';

export interface JournalEntry {
  at: number;
  path: string;
  status: number;
}

export interface MockApi {
  mock: MockServer;
  journal: JournalEntry[];
  /** Answers the next request to `path` with this response instead of the mock's. */
  plant(path: string, response: () => Response): void;
  client(instanceId?: string): Wawp;
  close(): Promise<void>;
}

export async function startMockApi(): Promise<MockApi> {
  const mock = await startMockServer({ port: 0 });
  const journal: JournalEntry[] = [];
  const planted = new Map<string, (() => Response)[]>();
  const recordingFetch = async (input: Request): Promise<Response> => {
    const path = new URL(input.url).pathname;
    const at = Date.now();
    const plan = planted.get(path)?.shift();
    const response = plan ? plan() : await fetch(input);
    journal.push({ at, path, status: response.status });
    return response;
  };
  return {
    mock,
    journal,
    plant(path, response) {
      planted.set(path, [...(planted.get(path) ?? []), response]);
    },
    client: (instanceId = '123456789') =>
      createWawp({ baseUrl: mock.url, instanceId, accessToken: 'token-123', fetch: recordingFetch as typeof fetch }),
    close: () => mock.close(),
  };
}

/** The most requests found in any window of `windowMs` (sliding, from each request). */
export function busiestWindow(times: readonly number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
