// The filters of the journal and the delivery log: a query names fields, a record matches when
// it has each named value.

/** True when every field `query` gives equals the record's; an absent field matches anything. */
export function matchesFields<R extends object>(record: R, query: Partial<R>): boolean {
  for (const key of Object.keys(query) as (keyof R)[]) {
    const wanted = query[key];
    if (wanted !== undefined && record[key] !== wanted) return false;
  }
  return true;
}
