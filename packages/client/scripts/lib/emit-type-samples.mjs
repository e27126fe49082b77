// Emits src/generated/type-samples.ts: for a sample of operations from every tag, calls
// through both faces that must compile (built from the spec's examples) and calls that must
// not (`@ts-expect-error`): a wrong path, a missing required parameter or body field, and a
// wrongly typed one. `tsc --noEmit` checks the file; an unused expect-error fails it, so a
// type that became too loose is caught. Generated, so every tag added to the spec is covered.
import { firstExample as exampleOf } from '@wawp/spec/tools';
import { deref } from './spec-model.mjs';

const lit = (value) => JSON.stringify(value);

/** A literal of the wrong type for the schema, or undefined when the schema is too open to say. */
function wrongValue(doc, rawSchema) {
  const schema = deref(doc, rawSchema);
  if (!schema || schema.oneOf || schema.anyOf) return undefined;
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  if (type.length !== 1) return undefined;
  if (type[0] === 'string') return '42';
  if (type[0] === 'integer' || type[0] === 'number' || type[0] === 'boolean') return "'not-a-value'";
  if (type[0] === 'object' || type[0] === 'array') return '42';
  return undefined;
}

/** Valid flat arguments from the examples, or undefined when a required value has none. */
function validArgs(doc, o) {
  const params = {};
  for (const p of [...o.pathParams, ...o.queryParams, ...o.headerParams]) {
    const ex = exampleOf(doc, p);
    if (ex) params[p.name] = { where: p.in, value: ex.value, param: p };
    else if (p.required) return undefined;
  }
  let body;
  if (o.body) {
    const media = o.body.content?.[o.bodyType];
    const ex = media && exampleOf(doc, media);
    if (ex) body = ex.value;
    else if (o.body.required) return undefined;
  }
  return { params, body };
}

function pathFaceCall(o, params, body) {
  const locations = {};
  for (const [name, { where, value }] of Object.entries(params)) {
    locations[where] ??= {};
    locations[where][name] = value;
  }
  const parts = [];
  if (Object.keys(locations).length) {
    parts.push(
      `params: { ${Object.entries(locations)
        .map(([w, v]) => `${w}: ${lit(v)}`)
        .join(', ')} }`,
    );
  }
  if (body !== undefined) parts.push(`body: ${lit(body)}`);
  const init = parts.length ? `, { ${parts.join(', ')} }` : '';
  return `client.${o.httpMethod}(${lit(o.path)}${init})`;
}

function flatArgs(o, params, body) {
  const entries = Object.entries(params).map(([name, { value }]) => `${lit(name)}: ${lit(value)}`);
  if (o.bodyMode === 'flat' && body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) entries.push(`${lit(k)}: ${lit(v)}`);
  } else if (o.bodyMode === 'body' && body !== undefined) entries.push(`body: ${lit(body)}`);
  return `{ ${entries.join(', ')} }`;
}

/** A body field to get wrong: a required one when there is one (also left out then), else any typed one. */
function bodyField(doc, o, body) {
  if (o.bodyMode !== 'flat' || !body || typeof body !== 'object') return undefined;
  const schema = deref(doc, o.body.content[o.bodyType].schema);
  const required = new Set(schema.required ?? []);
  const names = [...required, ...Object.keys(schema.properties ?? {}).filter((n) => !required.has(n))];
  for (const name of names) {
    const wrong = wrongValue(doc, schema.properties?.[name]);
    if (!(name in body) || !wrong) continue;
    // openapi-fetch lets an object of the wrong type through an optional, all-optional body
    // (a weak type inferred into its Init): only the operation face can be checked there.
    const primitive = ['string', 'number', 'integer', 'boolean'].includes(deref(doc, schema.properties[name])?.type);
    return {
      name,
      wrong,
      required: required.has(name),
      pathFace: required.has(name) || Boolean(o.body.required) || primitive,
    };
  }
  return undefined;
}

function samplesFor(doc, o) {
  const valid = validArgs(doc, o);
  if (!valid) return undefined;
  const { params, body } = valid;
  const face = `wawp.${o.group}.${/^[A-Za-z_$][\w$]*$/.test(o.method) ? o.method : `[${lit(o.method)}]`}`;
  const lines = [
    `  void ${pathFaceCall(o, params, body)};`,
    `  void ${face}(${flatArgs(o, params, body)});`,
    `  void op.${o.operationId}(client, ${flatArgs(o, params, body)});`,
    '  // @ts-expect-error not a path of the API',
    `  void ${pathFaceCall({ ...o, path: `${o.path}/not-a-path` }, params, body)};`,
  ];
  const required = Object.entries(params).find(([, { param }]) => param.required && wrongValue(doc, param.schema));
  if (required) {
    const [name, { param }] = required;
    const without = { ...params };
    delete without[name];
    const raw = wrongValue(doc, param.schema);
    const value = lit(params[name].value);
    const wrongFlat = flatArgs(o, params, body).replace(`${lit(name)}: ${value}`, `${lit(name)}: ${raw}`);
    const wrongPath = pathFaceCall(o, params, body).replace(`${lit(name)}:${value}`, `${lit(name)}:${raw}`);
    lines.push(
      `  // @ts-expect-error the required parameter \`${name}\` is missing`,
      `  void ${pathFaceCall(o, without, body)};`,
      `  // @ts-expect-error the required parameter \`${name}\` is missing`,
      `  void ${face}(${flatArgs(o, without, body)});`,
      `  // @ts-expect-error \`${name}\` has the wrong type`,
      `  void ${wrongPath};`,
      `  // @ts-expect-error \`${name}\` has the wrong type`,
      `  void ${face}(${wrongFlat});`,
    );
  }
  const field = bodyField(doc, o, body);
  if (field) {
    const { [field.name]: _drop, ...rest } = body;
    const wrongBody = { ...body, [field.name]: '__WRONG__' };
    const swap = (text) => text.replace(lit('__WRONG__'), field.wrong);
    if (field.required) {
      lines.push(
        `  // @ts-expect-error the required body field \`${field.name}\` is missing`,
        `  void ${pathFaceCall(o, params, rest)};`,
        `  // @ts-expect-error the required body field \`${field.name}\` is missing`,
        `  void ${face}(${flatArgs(o, params, rest)});`,
      );
    }
    if (field.pathFace) {
      lines.push(
        `  // @ts-expect-error the body field \`${field.name}\` has the wrong type`,
        `  void ${swap(pathFaceCall(o, params, wrongBody))};`,
      );
    }
    lines.push(
      `  // @ts-expect-error the body field \`${field.name}\` has the wrong type`,
      `  void ${face}(${swap(flatArgs(o, params, wrongBody))});`,
    );
  }
  return {
    lines,
    checks: lines.filter((l) => l.includes('@ts-expect-error')).length,
    hasParamCheck: Boolean(required),
    hasBodyCheck: Boolean(field),
  };
}

export function emitTypeSamples(doc, ops) {
  const out = [
    '// Generated by packages/client/scripts/generate.mjs from @wawp/spec. Do not edit.',
    '// Type samples for every tag: checked by `tsc --noEmit`, never run or bundled.',
    "import type { WawpPathClient } from '../client.js';",
    "import type { Wawp } from '../wawp.js';",
    "import * as op from './operations.js';",
    '',
    'declare const client: WawpPathClient;',
    'declare const wawp: Wawp;',
    '',
  ];
  const summary = [];
  const tags = [...new Set(ops.map((o) => o.tag))];
  for (const tag of tags) {
    const members = ops.filter((o) => o.tag === tag);
    const samples = members.map((o) => ({ o, s: samplesFor(doc, o) })).filter((x) => x.s);
    // One operation with a checked parameter and one with a checked body field, when the tag has them.
    const picked = [];
    const withParam = samples.find((x) => x.s.hasParamCheck);
    const withBody = samples.find((x) => x.s.hasBodyCheck && x !== withParam);
    if (withParam) picked.push(withParam);
    if (withBody) picked.push(withBody);
    if (picked.length === 0 && samples[0]) picked.push(samples[0]);
    for (const { o, s } of picked) {
      out.push(`export function ${o.group}_${o.operationId}(): void {`, ...s.lines, '}', '');
    }
    summary.push({
      tag,
      operations: picked.map((x) => x.o.operationId),
      checks: picked.reduce((n, x) => n + x.s.checks, 0),
    });
  }
  return { source: `${out.join('\n')}`, summary };
}
