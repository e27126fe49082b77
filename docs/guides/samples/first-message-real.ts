// Getting started: the same message through the real API. Only the options change.
import { createWawp } from '@wawp/client/operations';

// #region credentials
const instanceId = process.env.WAWP_INSTANCE_ID;
const accessToken = process.env.WAWP_ACCESS_TOKEN;
if (!instanceId || !accessToken) {
  throw new Error('Set WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN (from the Wawp dashboard) first.');
}
// #endregion

// #region real
// No baseUrl: the client talks to https://wawp.net/wp-json/awp/v1.
const wawp = createWawp({ instanceId, accessToken });

const session = await wawp.sessions.getInfo();
if (session.status !== 'WORKING') {
  throw new Error(`The instance is ${session.status}; link a phone in the dashboard before sending.`);
}

await wawp.messages.sendText({
  chatId: '447700900123@c.us', // the recipient's number in international form, then @c.us
  message: 'Hello from the Wawp toolkit',
});
// #endregion
