// @ts-check
// One call of an operation as an HTTP request: the flat arguments split by location the way
// the client splits them (path parameters into the path, query parameters into the query
// string, header parameters into headers, the rest into the JSON body), with the
// credentials in their documented place. The docs print it as curl; the mock's contract
// suite sends it; both therefore say the same thing about the wire.

/**
 * The flat arguments by location, as the client splits them: each parameter into its place
 * (and into the body too when the body declares it), everything else into the JSON object
 * body (`flat`) or, for `body`, the `body` argument itself.
 * @param {import('./spec-tools.mjs').OperationModel} op
 * @param {Record<string, unknown>} args
 */
export function splitArgs(op, args) {
  /** @type {Record<'path' | 'query' | 'header', Record<string, unknown>>} */
  const params = { path: {}, query: {}, header: {} };
  /** @type {Record<string, unknown>} */
  const fields = {};
  let body;
  const where = new Map(
    /** @type {const} */ (['path', 'query', 'header']).flatMap((location) =>
      op.parameters[location].map((p) => [p.name, { location, inBody: Boolean(p.inBody) }]),
    ),
  );
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const param = where.get(name);
    if (param) params[param.location][name] = value;
    if (param && !param.inBody) continue;
    if (op.bodyMode === 'flat') fields[name] = value;
    else if (op.bodyMode === 'body' && name === 'body') body = value;
    else throw new Error(`${op.id}: unknown argument ${name}`);
  }
  // A JSON object body is always sent, even empty, as the client does.
  if (op.bodyMode === 'flat') body = fields;
  return { ...params, body };
}

/**
 * @param {import('./spec-tools.mjs').OperationModel} op
 * @param {{ baseUrl: string; credentials?: Record<string, string>; args?: Record<string, unknown> }} options
 */
export function exampleRequest(op, { baseUrl, credentials = {}, args = op.exampleArgs }) {
  const split = splitArgs(op, args);
  const query = new URLSearchParams();
  /** @type {Record<string, string>} */
  const headers = {};
  // The credentials first, where the README's curl has them.
  for (const credential of op.credentials) {
    const value = credentials[credential.name];
    if (value === undefined) continue;
    if (credential.in === 'query') query.set(credential.name, value);
    else if (credential.in === 'header') headers[credential.name] = value;
  }
  const styles = new Map(op.parameters.query.map((p) => [p.name, p]));
  for (const [name, value] of Object.entries(split.query)) appendQuery(query, styles.get(name) ?? { name }, value);
  for (const [name, value] of Object.entries(split.header)) headers[name] = String(value);
  let path = op.path;
  for (const [name, value] of Object.entries(split.path)) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  }
  if (split.body !== undefined) headers['content-type'] = op.body?.mediaType ?? 'application/json';
  const search = query.toString();
  return {
    method: op.method,
    url: `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`,
    headers,
    body: split.body === undefined ? undefined : JSON.stringify(split.body),
  };
}

/**
 * A query value by its OpenAPI style, as openapi-fetch writes it: a list as repeated keys
 * (form, exploded; the wire name carries PHP's `[]` where the spec says so) or joined, an
 * object as bracketed keys (deepObject, `file[url]=…`) or its own keys.
 */
/**
 * @param {URLSearchParams} query
 * @param {{ name: string; style?: string; explode?: boolean }} param
 * @param {unknown} value
 */
function appendQuery(query, { name, style, explode }, value) {
  if (Array.isArray(value)) {
    if (explode) for (const item of value) query.append(name, String(item));
    else query.append(name, value.join(','));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (style === 'deepObject') for (const [key, item] of entries) query.append(`${name}[${key}]`, String(item));
    else if (explode) for (const [key, item] of entries) query.append(key, String(item));
    else query.append(name, entries.flat().join(','));
  } else {
    query.append(name, String(value));
  }
}
