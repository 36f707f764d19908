import DataLoader from 'dataloader';

/**
 * A loader of one record per key: `fetch` gets all keys asked for in one tick and answers with one
 * statement; missing keys resolve to null. Created per request (never shared: it caches what one
 * viewer may see).
 */
export function recordLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (record: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const records = await fetch(keys);
    const byKey = new Map(records.map((record) => [keyOf(record), record]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A loader of the list of records that belong to each key (history entries of an organization, ...). */
export function listLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (record: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const records = await fetch(keys);
    const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const record of records) byKey.get(keyOf(record))?.push(record);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * A loader of one page of a nested list per owner (an organization's certificates...), for lists whose
 * page arguments may differ between fields of one request: one batch, so one statement or two, per set of
 * arguments, whatever the number of owners.
 */
export function pagePerOwnerLoader<A, V>(fetch: (owners: readonly string[], args: A) => Promise<V[]>) {
  const byArgs = new Map<string, DataLoader<string, V>>();
  return {
    load(owner: string, args: A): Promise<V> {
      const key = JSON.stringify(args);
      let loader = byArgs.get(key);
      if (!loader) {
        loader = new DataLoader<string, V>((owners) => fetch(owners, args));
        byArgs.set(key, loader);
      }
      return loader.load(owner);
    },
    /** Forgets every page read (after a change to the list within the request). */
    clear(): void {
      byArgs.clear();
    },
  };
}
