// Getting started: the path-based face, for code that prefers to name the HTTP route.
import { createWawpClient } from '@wawp/client';

const client = createWawpClient({
  baseUrl: 'http://127.0.0.1:4010',
  instanceId: '123456789',
  accessToken: '123456789',
});

// `data` and `error` are typed from the description of GET /session/info.
const { data, error } = await client.GET('/session/info');
if (error) console.error('the API refused:', error);
else console.log(data.status);
