// The operation face against the local mock: `node examples/operation-face.mjs` (after `npm run build`).
// One method per operation, grouped by tag; it resolves to the data or throws a typed error.

import { paginate, WawpApiError } from '@wawp/client';
import { createWawp } from '@wawp/client/operations';
import { startMockServer } from '@wawp/mock-server';

const mock = await startMockServer({ port: 0 });
try {
  const wawp = createWawp({ instanceId: '123456789', accessToken: '123456789', baseUrl: mock.url });

  const info = await wawp.sessions.getInfo();
  console.log('session:', info.name, info.status);

  const sent = await wawp.messages.sendText({ chatId: '447700900123@c.us', message: 'Hello from the operation face' });
  console.log('sent:', sent.id);

  for await (const chat of paginate(wawp.chats.list, { limit: 50 })) console.log('chat:', chat.id);

  const qr = await wawp.authentication.getQrCode({}, { headers: { accept: 'image/png' } });
  console.log('qr:', qr instanceof Blob ? `${qr.type}, ${qr.size} bytes` : qr);

  try {
    await wawp.sessions.create({ name: '' });
  } catch (error) {
    if (!(error instanceof WawpApiError)) throw error;
    console.log('error:', error.status, error.code, error.method, error.path);
  }
} finally {
  await mock.close();
}
