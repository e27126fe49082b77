// Finds every example in a bundled OpenAPI 3.1 or AsyncAPI 3.0 document and checks it
// against the schema it illustrates. Used by the spec's tests; exported so that a
// deliberately broken document can prove the check fails.
import { HTTP_METHODS } from './operation-model.mjs';
import { joinPointer as join } from './pointer.mjs';
import { resolveRef as resolve } from './resolve.mjs';
import { createSpecAjv } from './spec-ajv.mjs';

const DOC_ID = 'urn:wawp:doc';

/** Collects [{where, schemaPointer, value}] for every example in the document. */
export function collectExamples(doc) {
  const found = new Map();
  // Shared components are reached from many operations; each example is checked once.
  const add = (where, schemaPointer, value) => found.set(where, { where, schemaPointer, value });

  const fromNamedExamples = (examples, where, schemaPointer) => {
    for (const [name, ex] of Object.entries(examples ?? {})) {
      const { node } = resolve(doc, ex, `${where}/examples/${name}`);
      if (node && 'value' in node) add(`${where}/examples/${name}`, schemaPointer, node.value);
    }
  };
  const fromMediaTypes = (content, where) => {
    for (const [type, media] of Object.entries(content ?? {})) {
      if (!media?.schema) continue;
      const mediaWhere = join(where, 'content', type);
      const schemaPointer = resolve(doc, media.schema, `${mediaWhere}/schema`).pointer;
      if ('example' in media) add(`${mediaWhere}/example`, schemaPointer, media.example);
      fromNamedExamples(media.examples, mediaWhere, schemaPointer);
    }
  };
  const fromParameterLike = (param, where) => {
    if (!param?.schema) return;
    const schemaPointer = resolve(doc, param.schema, `${where}/schema`).pointer;
    if ('example' in param) add(`${where}/example`, schemaPointer, param.example);
    fromNamedExamples(param.examples, where, schemaPointer);
  };
  const fromOperation = (op, where) => {
    for (const [i, p] of (op.parameters ?? []).entries()) {
      const { node, pointer } = resolve(doc, p, `${where}/parameters/${i}`);
      fromParameterLike(node, pointer);
    }
    if (op.requestBody) {
      const { node, pointer } = resolve(doc, op.requestBody, `${where}/requestBody`);
      fromMediaTypes(node?.content, pointer);
    }
    for (const [status, r] of Object.entries(op.responses ?? {})) {
      const { node, pointer } = resolve(doc, r, join(where, 'responses', status));
      fromMediaTypes(node?.content, pointer);
      for (const [name, h] of Object.entries(node?.headers ?? {})) {
        const header = resolve(doc, h, join(pointer, 'headers', name));
        fromParameterLike(header.node, header.pointer);
      }
    }
  };
  const fromSchemaTree = (schema, pointer, seen) => {
    // Schema-level `examples` (an array) anywhere in a component schema.
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
    seen.add(schema);
    if (Array.isArray(schema.examples) && !schema.$ref) {
      for (const [i, value] of schema.examples.entries()) add(`${pointer}/examples/${i}`, pointer, value);
    }
    for (const [key, child] of Object.entries(schema)) {
      if (key === 'examples' || key === 'enum' || key === 'const' || key === 'default') continue;
      if (child && typeof child === 'object') fromSchemaTree(child, join(pointer, key), seen);
    }
  };

  if (doc.openapi) {
    for (const section of ['paths', 'webhooks']) {
      for (const [path, item] of Object.entries(doc[section] ?? {})) {
        const itemWhere = join(`#/${section}`, path);
        const { node: pathItem, pointer: itemPointer } = resolve(doc, item, itemWhere);
        // Path-level parameters live at the path item, not under each operation.
        fromOperation({ parameters: pathItem?.parameters }, itemPointer);
        for (const method of HTTP_METHODS) {
          if (pathItem?.[method]) fromOperation(pathItem[method], join(itemPointer, method));
        }
      }
    }
  }
  if (doc.asyncapi) {
    const messages = [];
    for (const [channelName, channel] of Object.entries(doc.channels ?? {})) {
      for (const [name, m] of Object.entries(channel.messages ?? {})) {
        messages.push(resolve(doc, m, join('#/channels', channelName, 'messages', name)));
      }
    }
    for (const { node: message, pointer } of messages) {
      message.examples?.forEach((ex, i) => {
        if (message.payload && 'payload' in ex) {
          add(
            `${pointer}/examples/${i}/payload`,
            resolve(doc, message.payload, `${pointer}/payload`).pointer,
            ex.payload,
          );
        }
        if (message.headers && 'headers' in ex) {
          add(
            `${pointer}/examples/${i}/headers`,
            resolve(doc, message.headers, `${pointer}/headers`).pointer,
            ex.headers,
          );
        }
      });
    }
  }
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    fromSchemaTree(schema, join('#/components/schemas', name), new Set());
  }
  return [...found.values()];
}

/** Returns one line per example that does not validate; an empty list means all is well. */
export function findExampleProblems(doc) {
  const ajv = createSpecAjv(doc, DOC_ID);
  const problems = [];
  for (const { where, schemaPointer, value } of collectExamples(doc)) {
    const validate = ajv.getSchema(`${DOC_ID}${schemaPointer}`);
    if (!validate) {
      problems.push(`${where}: no schema at ${schemaPointer}`);
      continue;
    }
    if (!validate(value)) {
      const detail = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      problems.push(`${where}: ${detail}`);
    }
  }
  return problems;
}
