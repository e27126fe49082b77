// Dot segments never re-route a call: every path parameter of every operation, on both
// faces, with generated values that lean on `.`, `..`, their encodings and slashes. A call
// is either refused with a WawpArgumentError before anything is sent, or sent to exactly the
// operation's path with the value in its own segment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import operations from '../src/generated/operations.json' with { type: 'json' };
import { WawpArgumentError } from '../src/index.js';
import { BASE_URL, createObservedClient } from './support/observed-client.js';

const withPathParams = operations.filter((o) => o.path.includes('{'));
const names = (path: string) => [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string);

const dotty = fc.oneof(
  fc.constantFrom('.', '..', '%2e', '%2E', '.%2e', '%2e.', '%2E%2E', '%252e', '%252E%252e', '...', '. .'),
  fc.constantFrom('../x', 'x/..', '..\\x', 'a%2F..%2Fb', 'a%2f.%2fb', '/..', '\\..', '..%5C', '%2e%2e%2F'),
  fc.stringMatching(/^[.%2eE5/\\a]{1,6}$/),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', '447700900123@c.us', 'true_447700900123@c.us_3EB0C767D82B0A5E', '123', 'a b', 'é'),
);

/** The path the request must reach: the template with each value percent-encoded in its own segment. */
function expectedPath(template: string, values: Record<string, string>): string {
  const base = new URL(BASE_URL).pathname;
  return base + template.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

describe('dot segments never re-route a call', () => {
  it(`covers ${withPathParams.length} operations with path parameters`, () => {
    expect(withPathParams.length).toBeGreaterThan(40);
  });

  it('on both faces, over many generated values: 0 calls re-routed', async () => {
    const { client, wawp, requests } = createObservedClient(() => Response.json({}));
    const faces = wawp as unknown as Record<string, Record<string, (args: object) => Promise<unknown>>>;
    const counts = { sent: 0, refused: 0, rerouted: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withPathParams),
        fc.boolean(),
        fc.array(dotty, { minLength: 3, maxLength: 3 }),
        async (op, operationFace, pool) => {
          const values = Object.fromEntries(names(op.path).map((name, i) => [name, pool[i % pool.length] as string]));
          const before = requests.length;
          const call = operationFace
            ? faces[op.group]![op.name]!(values)
            : client.request(op.method as 'get', op.path as never, { params: { path: values } } as never);
          const outcome = await call.then(
            () => undefined,
            (error: unknown) => error,
          );
          if (requests.length === before) {
            expect(outcome).toBeInstanceOf(WawpArgumentError);
            counts.refused++;
            return;
          }
          counts.sent++;
          const sent = new URL(requests.at(-1)!.url).pathname;
          if (sent !== expectedPath(op.path, values)) counts.rerouted++;
        },
      ),
      { numRuns: 3_000 },
    );
    console.log(`dot segments: ${counts.sent} calls sent, ${counts.refused} refused, ${counts.rerouted} re-routed`);
    expect(counts.rerouted).toBe(0);
    expect(counts.sent).toBeGreaterThan(300);
    expect(counts.refused).toBeGreaterThan(300);
  });

  it('refuses each dot form with an error that names the parameter, on both faces', async () => {
    const { client, wawp, requests } = createObservedClient();
    for (const messageId of ['.', '..', '%2e', '%2E%2e', '.%2E', '%252e%252e', '../x', 'a%2F..', '']) {
      const viaOperation = await wawp.chats
        .deleteMessage({ chatId: '447700900123@c.us', messageId })
        .catch((e: unknown) => e);
      const viaPath = await client
        .DELETE('/chats/{chatId}/messages/{messageId}', {
          params: { path: { chatId: '447700900123@c.us', messageId } },
        })
        .catch((e: unknown) => e);
      for (const error of [viaOperation, viaPath]) {
        expect(error).toBeInstanceOf(WawpArgumentError);
        expect(error).toMatchObject({ argument: 'messageId', method: 'DELETE' });
        expect((error as Error).message).toContain('`messageId`');
      }
    }
    expect(requests).toHaveLength(0);
  });

  it('sends ordinary ids with dots inside them as they are', async () => {
    const { client, requests } = createObservedClient();
    for (const chatId of ['a.b', '...x', 'x..', '.hidden', '1.2.3@c.us']) {
      await client.GET('/chats/{chatId}/messages', { params: { path: { chatId } } });
      expect(new URL(requests.at(-1)!.url).pathname).toBe(`/v1/chats/${encodeURIComponent(chatId)}/messages`);
    }
  });
});
