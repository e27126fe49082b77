// Reads the bundled OpenAPI document into the model the client's generators emit from:
// one entry per operation with its group, method name, parameters by location, body mode
// and response parsing. Pure functions of the document, so a test can feed it any spec.

import { resolveRef } from '@wawp/spec/tools';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Follows local `$ref`s (a bundle has only local ones) to the object itself. */
export const deref = (doc, node) => resolveRef(doc, node).node;

/** `Sessions` → `sessions`, `Group settings` → `groupSettings`. */
export function groupName(tag) {
  const words = tag.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('');
}

/**
 * The nouns a tag stands for inside operationIds: the tag itself and, for a plural tag, its
 * singular (`Groups` → `Groups`, `Group`). Words ending in `ss`/`us` (`Status`) are not plurals.
 */
export function tagNouns(tag) {
  const noun = tag.replace(/[^A-Za-z0-9]/g, '');
  const nouns = [noun];
  if (/[^su]s$/i.test(noun)) nouns.push(noun.slice(0, -1));
  return nouns;
}

/**
 * Removes the first whole camelCase word equal to one of the nouns:
 * `getGroupParticipants` → `getParticipants`, `createSession` → `create`,
 * `sessionInfo` → `info`. Returns undefined when no noun occurs or nothing would be left,
 * and when cutting a trailing noun would leave a name ending in another tag's noun
 * (`getChatLabels` in Labels stays, not `getChat`, which would read as "get a chat").
 */
export function stripNoun(operationId, nouns, otherNouns = []) {
  for (const noun of nouns) {
    const lower = noun[0].toLowerCase() + noun.slice(1);
    const upper = noun[0].toUpperCase() + noun.slice(1);
    let rest;
    if (operationId.startsWith(lower) && /^([A-Z0-9]|$)/.test(operationId.slice(lower.length))) {
      rest = operationId.slice(lower.length);
    } else {
      const match = new RegExp(`(?<=[a-z0-9])${upper}(?=[A-Z0-9]|$)`).exec(operationId);
      if (!match) continue;
      rest = operationId.slice(0, match.index) + operationId.slice(match.index + upper.length);
      const atEnd = match.index + upper.length === operationId.length;
      const lastWord = /[A-Z][a-z0-9]*$/.exec(rest)?.[0];
      if (atEnd && lastWord && otherNouns.includes(lastWord)) return undefined;
    }
    return rest ? rest[0].toLowerCase() + rest.slice(1) : undefined;
  }
  return undefined;
}

/**
 * Method names inside each group: the operationId without the tag's noun, unless that is
 * empty or clashes with another name in the group; then the operationId itself. Clashing
 * candidates all keep their operationId, so the result does not depend on spec order.
 */
export function methodNames(operationsInGroup, nouns, otherNouns = []) {
  const names = new Map(operationsInGroup.map((id) => [id, stripNoun(id, nouns, otherNouns) ?? id]));
  for (let changed = true; changed; ) {
    changed = false;
    const count = new Map();
    for (const name of names.values()) count.set(name, (count.get(name) ?? 0) + 1);
    for (const [id, name] of names) {
      if (name !== id && count.get(name) > 1) {
        names.set(id, id);
        changed = true;
      }
    }
  }
  return names;
}

const isJson = (type) => /^application\/([\w.+-]+\+)?json\b/i.test(type) || type === '*/*';
const isBinary = (type) => /^(image|audio|video)\//i.test(type) || /octet-stream|pdf|zip/i.test(type);

/** How the operation face reads a success answer, from the 2xx content types. */
export function parseMode(types) {
  if (types.length === 0 || types.every(isJson)) return 'json';
  if (types.every(isBinary)) return 'blob';
  if (types.every((t) => /^text\//i.test(t))) return 'text';
  return 'auto';
}

function isObjectSchema(doc, schema) {
  const s = deref(doc, schema);
  if (!s || s.oneOf || s.anyOf) return false;
  if (Array.isArray(s.allOf)) return s.allOf.every((part) => isObjectSchema(doc, part));
  return s.type === 'object' || (s.type === undefined && typeof s.properties === 'object');
}

/** Every operation of the document, in document order. */
export function readOperations(doc) {
  const ops = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const tag = op.tags?.[0];
      if (!tag) throw new Error(`${op.operationId} has no tag`);
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p));
      const byLocation = (where) => params.filter((p) => p.in === where);
      // Bodies the spec's bundle generates from its parameter placement rule only restate
      // the parameters; the client sends the documented placement, so it ignores them.
      const declaredBody = op.requestBody ? deref(doc, op.requestBody) : undefined;
      const body = declaredBody?.['x-wawp-generated'] ? undefined : declaredBody;
      const bodyType = body ? Object.keys(body.content ?? {}).find(isJson) : undefined;
      let bodyMode = 'none';
      if (body) bodyMode = bodyType && isObjectSchema(doc, body.content[bodyType].schema) ? 'flat' : 'body';
      const successTypes = Object.entries(op.responses ?? {})
        .filter(([status]) => /^2/.test(status))
        .flatMap(([, r]) => Object.keys(deref(doc, r)?.content ?? {}));
      ops.push({
        operationId: op.operationId,
        summary: op.summary ?? '',
        tag,
        group: groupName(tag),
        httpMethod: method.toUpperCase(),
        path,
        pathParams: byLocation('path'),
        queryParams: byLocation('query'),
        headerParams: byLocation('header'),
        body,
        bodyType,
        bodyMode,
        parse: parseMode([...new Set(successTypes)]),
        op,
      });
    }
  }
  const seen = new Set();
  for (const op of ops) {
    if (seen.has(op.operationId)) throw new Error(`operationId ${op.operationId} is used twice`);
    seen.add(op.operationId);
  }
  const groups = new Map();
  for (const op of ops) groups.set(op.tag, [...(groups.get(op.tag) ?? []), op]);
  for (const [tag, members] of groups) {
    const otherNouns = [...groups.keys()].filter((t) => t !== tag).flatMap(tagNouns);
    const names = methodNames(
      members.map((m) => m.operationId),
      tagNouns(tag),
      otherNouns,
    );
    for (const m of members) m.method = names.get(m.operationId);
  }
  const reserved = new Set(['client', 'paginate']);
  for (const op of ops) {
    if (reserved.has(op.group)) throw new Error(`tag ${op.tag} maps to the reserved group name ${op.group}`);
  }
  return ops;
}
