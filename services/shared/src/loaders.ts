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
