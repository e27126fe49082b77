/** Paging arguments of a list operation. */
export interface PageArgs {
  /** Page size; default 100. */
  limit?: number;
  /** Where to start; default 0. */
  offset?: number;
}

/**
 * Walks every page of a `limit`/`offset` list operation and yields its items one by one:
 *
 * ```ts
 * for await (const chat of paginate(wawp.chats.list, { limit: 50 })) console.log(chat.id);
 * ```
 *
 * It stops after a page shorter than `limit`, or longer (a server that ignores paging would
 * otherwise be walked forever). Break out of the loop to stop early.
 */
export async function* paginate<Args extends PageArgs | undefined, Item, Options>(
  list: (args: Args, options?: Options) => Promise<readonly Item[] | undefined>,
  args?: NoInfer<NonNullable<Args>>,
  options?: Options,
): AsyncGenerator<Item, void, undefined> {
  const limit = args?.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError('paginate: `limit` must be a positive integer');
  let offset = args?.offset ?? 0;
  for (;;) {
    const page = (await list({ ...args, limit, offset } as Args, options)) ?? [];
    yield* page;
    if (page.length !== limit) return;
    offset += limit;
  }
}
