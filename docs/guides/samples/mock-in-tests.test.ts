// Testing with the mock: an in-process mock server per test file, on a free port.
import { WawpApiError } from '@wawp/client';
import { createWawp } from '@wawp/client/operations';
import { type MockServer, startMockServer } from '@wawp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('my app against the Wawp mock', () => {
  // #region setup
  let mock: MockServer;
  let wawp: ReturnType<typeof createWawp>;

  beforeAll(async () => {
    mock = await startMockServer({ port: 0 }); // 0: any free port
    wawp = createWawp({ baseUrl: mock.url, instanceId: '123456789', accessToken: '123456789' });
  });
  afterAll(() => mock.close());
  // #endregion

  // #region happy
  it('sends a text message', async () => {
    const sent = await wawp.messages.sendText({ chatId: '447700900123@c.us', message: 'Hi' });
    expect(sent).toBeDefined();
  });
  // #endregion

  // #region errors
  it('handles an expired token', async () => {
    // `Prefer: code=401` asks the mock for the documented 401 answer instead of the 200.
    const call = wawp.sessions.getInfo({}, { headers: { prefer: 'code=401' } });
    await expect(call).rejects.toBeInstanceOf(WawpApiError);
  });
  // #endregion

  // #region invalid
  it('refuses a request the real API would refuse', async () => {
    // The mock validates every request against the description: a missing chatId is a 400.
    const call = wawp.messages.sendText({ message: 'no recipient' } as never);
    await expect(call).rejects.toMatchObject({ status: 400 });
  });
  // #endregion
});
