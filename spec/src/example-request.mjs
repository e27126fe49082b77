// @ts-check
// One call of an operation as an HTTP request: the flat arguments split by location the way
// the client splits them (path parameters into the path, query parameters into the query
// string, header parameters into headers, the rest into the JSON body), with the
// credentials in their documented place. The docs print it as curl; the mock's contract
// suite sends it; both therefore say the same thing about the wire.

/**
 * @param {import('./spec-tools.mjs').OperationModel} op
 * @param {{ baseUrl: string; credentials?: Record<string, string>; args?: Record<string, unknown> }} options
 */
export function exampleRequest(op, { baseUrl, credentials = {}, args = op.exampleArgs }) {
  const query = new URLSearchParams();
  /** @type {Record<string, string>} */
  const headers = {};
  /** @type {Record<string, unknown>} */
  const fields = {};
  let body;
  let path = op.path;
  const where = new Map(
    /** @type {const} */ (['path', 'query', 'header']).flatMap((location) =>
      op.parameters[location].map((p) => [p.name, { ...p, location }]),
    ),
  );
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const param = where.get(name);
    if (param?.location === 'path') path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
    else if (param?.location === 'query') appendQuery(query, param, value);
    else if (param?.location === 'header') headers[name] = String(value);
    if (param && !param.inBody) continue;
    if (op.bodyMode === 'flat') fields[name] = value;
    else if (op.bodyMode === 'body' && name === 'body') body = value;
    else throw new Error(`${op.id}: unknown argument ${name}`);
  }
  for (const credential of op.credentials) {
    const value = credentials[credential.name];
    if (value === undefined) continue;
    if (credential.in === 'query') query.set(credential.name, value);
    else if (credential.in === 'header') headers[credential.name] = value;
  }
  // A JSON object body is always sent, even empty, as the client does.
  if (op.bodyMode === 'flat') body = fields;
  if (body !== undefined) headers['content-type'] = op.body?.mediaType ?? 'application/json';
  const search = query.toString();
  return {
    method: op.method,
    url: `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
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
