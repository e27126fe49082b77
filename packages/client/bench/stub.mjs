// What every contestant of the client bench shares: the API root, the credentials, and a
// stubbed `fetch` that checks each request's URL (so no contestant can win by skipping work)
// and answers a fresh JSON Response, as a real fetch would.
export const BASE = 'https://wawp.net/wp-json/awp/v1';
export const CREDENTIALS = { instanceId: '123456789', accessToken: 'bench-token' };
/** The credentials as a bare openapi-fetch user passes them, in the query. */
export const CREDENTIAL_QUERY = { params: { query: { instance_id: '123456789', access_token: 'bench-token' } } };
export const EXPECTED_NAME = 'wawp-84729105';
export const BODY = JSON.stringify({
  name: EXPECTED_NAME,
  status: 'WORKING',
  config: { webhooks: {}, proxy: null },
  me: { id: '201012345678@c.us', pushName: 'John Doe' },
});
export const HEADERS = { 'content-type': 'application/json' };

const expectedQuery = `instance_id=${CREDENTIALS.instanceId}&access_token=${CREDENTIALS.accessToken}`;
export const EXPECTED_URL = `${BASE}/session/info?${expectedQuery}`;

export function check(url) {
  if (!url.endsWith(`/session/info?${expectedQuery}`)) throw new Error(`unexpected URL ${url}`);
}

export const stubFetch = async (request) => {
  check(typeof request === 'string' ? request : request.url);
  return new Response(BODY, { status: 200, headers: HEADERS });
};

/** This process's CPU time (user + system, all threads) in µs. */
export const cpuMicros = () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
