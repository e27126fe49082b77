// One receiver core behind both adapters (`toFetchHandler`, `toNodeHandler`): what a receiver
// that serves several ways in (`@wawp/queue`) relies on. Its state is the core's, so a delivery
// taken through one adapter is a duplicate through the other, and each adapter answers exactly
// what the core answers.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createReceiver, toFetchHandler } from '../src/index.js';
import { toNodeHandler } from '../src/node.js';
import { coreDelivery, deliveryHeaders, messageDelivery } from './support/deliveries.js';

const KEY = 'one-core-key';

function oneCore() {
  const handled: string[] = [];
  const core = createReceiver({ hmacKey: KEY }, { dispatch: async (_event, { id }) => void handled.push(id) });
  return { core, handled };
}

async function viaNode(listener: ReturnType<typeof toNodeHandler>, body: string, headers: Record<string, string>) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('adapters around one receiver core', () => {
  it('share the core duplicate store: an event taken through Fetch is a duplicate through node:http', async () => {
    const { core, handled } = oneCore();
    const body = messageDelivery(256);
    const headers = deliveryHeaders(body, KEY);
    const first = await toFetchHandler(core)(
      new Request('http://receiver.test/hook', { method: 'POST', headers, body }),
    );
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true });
    const again = await viaNode(toNodeHandler(core), body, headers);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toEqual({ ok: true, duplicate: true });
    expect(handled).toEqual([JSON.parse(body).id]);
  });

  it('answer what the core answers, for accepted and refused deliveries alike', async () => {
    const bodies = [messageDelivery(128), messageDelivery(300), messageDelivery(600)];
    const cases = bodies.flatMap((body) => [
      { body, headers: deliveryHeaders(body, KEY) },
      { body, headers: deliveryHeaders(body, 'not-the-key') },
      { body: `${body} `, headers: deliveryHeaders(body, KEY) },
      {
        body: body.replace('"session":"default"', '"session":5'),
        headers: deliveryHeaders(body.replace('"session":"default"', '"session":5'), KEY),
      },
    ]);
    const statuses = new Set<number>();
    for (const { body, headers } of cases) {
      // A fresh core per adapter, so each sees the delivery for the first time.
      const expected = await oneCore().core.receive(coreDelivery(body, headers));
      const fetched = await toFetchHandler(oneCore().core)(
        new Request('http://receiver.test/hook', { method: 'POST', headers, body }),
      );
      expect({ status: fetched.status, body: await fetched.text() }).toEqual({
        status: expected.status,
        body: expected.body,
      });
      expect(await viaNode(toNodeHandler(oneCore().core), body, headers)).toEqual({
        status: expected.status,
        body: expected.body,
      });
      statuses.add(expected.status);
    }
    // The cases reach the three outcomes: accepted, refused signature, refused schema.
    expect([...statuses].sort()).toEqual([200, 400, 401]);
  });
});
