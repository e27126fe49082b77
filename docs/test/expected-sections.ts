// What the reference must show, derived from the bundled specs at test time, and where
// Redoc puts it: operations at `/<tag>/<operationid>`, webhooks without a tag under
// `/webhooks/<operationid>` (Redoc's section ids are lower case).
import { listOperations, resolveRef } from '@wawp/spec/tools';

export interface ExpectedSection {
  /** operationId, or the event name for a webhook. */
  name: string;
  /** Redoc's `data-section-id`; undefined when the reference has nothing to show it with. */
  id: string | undefined;
  /** The section's heading: the operation's summary. */
  title: string;
}

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
}
type PathItems = Record<string, Record<string, Operation>>;

function sectionId(operation: Operation, untaggedGroup: string): string {
  const group = operation.tags?.[0]?.toLowerCase().replace(/[^a-z0-9]+/g, '-') ?? untaggedGroup;
  return `/${group}/${operation.operationId?.toLowerCase()}`;
}

function operationsOf(items: PathItems | undefined): Operation[] {
  return listOperations({ paths: items ?? {} }).map(({ operation }) => operation);
}

export function expectedOperations(openapi: { paths?: PathItems }): ExpectedSection[] {
  return operationsOf(openapi.paths).map((op) => {
    if (!op.operationId || !op.summary)
      throw new Error(`an operation without operationId or summary: ${JSON.stringify(op).slice(0, 80)}`);
    return { name: op.operationId, id: sectionId(op, 'operations'), title: op.summary };
  });
}

/** Every event name of the AsyncAPI document, matched with its OpenAPI webhook (by name). */
export function expectedEvents(
  asyncapi: { channels?: Record<string, { messages?: Record<string, { name?: string; $ref?: string }> }> },
  openapi: { webhooks?: PathItems },
): ExpectedSection[] {
  const names = new Set<string>();
  for (const channel of Object.values(asyncapi.channels ?? {})) {
    for (const [key, message] of Object.entries(channel.messages ?? {})) {
      const resolved = resolveRef(asyncapi, message).node;
      names.add((resolved as { name?: string }).name ?? key);
    }
  }
  return [...names].map((name) => {
    const [webhook] = operationsOf(openapi.webhooks?.[name] ? { [name]: openapi.webhooks[name] } : undefined);
    return webhook?.operationId
      ? { name, id: sectionId(webhook, 'webhooks'), title: webhook.summary ?? name }
      : { name, id: undefined, title: name };
  });
}
