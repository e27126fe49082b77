// Getting started: the first message, sent to the local mock server.
// Start the mock first, in another terminal: `npx wawp-mock` (it listens on 127.0.0.1:4010).
import { createWawp } from '@wawp/client/operations';

// #region mock
const wawp = createWawp({
  baseUrl: 'http://127.0.0.1:4010',
  // The mock accepts any non-empty credentials; these are the ones its examples use.
  instanceId: '123456789',
  accessToken: '123456789',
});

const session = await wawp.sessions.getInfo();
console.log(`instance ${session.name} is ${session.status}`);

const sent = await wawp.messages.sendText({
  chatId: '447700900123@c.us',
  message: 'Hello from the Wawp toolkit',
});
console.log('sent:', sent);
// #endregion
