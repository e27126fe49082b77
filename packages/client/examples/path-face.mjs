// The path face against the local mock: `node examples/path-face.mjs` (after `npm run build`).
// openapi-fetch's own API, typed by the Wawp description: nothing throws for an HTTP error,
// every call resolves to `{ data, error, response }`.

import { createWawpClient } from '@wawp/client';
import { startMockServer } from '@wawp/mock-server';

const mock = await startMockServer({ port: 0 });
try {
  const client = createWawpClient({ instanceId: '123456789', accessToken: '123456789', baseUrl: mock.url });

  const { data: info } = await client.GET('/session/info');
  console.log('session:', info?.name, info?.status);

  const { data: sent, response } = await client.POST('/send', {
    params: { query: { chatId: '447700900123@c.us', message: 'Hello from the path face' } },
  });
  console.log('sent:', response.status, sent?.id);

  const { data: messages } = await client.GET('/chats/{chatId}/messages', {
    params: { path: { chatId: '447700900123@c.us' }, query: { limit: 10 } },
    timeoutMs: 5_000, // per request, a fresh timer per attempt
  });
  console.log('messages:', messages?.length);

  const { error } = await client.POST('/createSession', { params: { query: { name: '' } } });
  console.log('error body:', error?.code);
} finally {
  await mock.close();
}
