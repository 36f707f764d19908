import { Column, Entity, EventSubscriber, PrimaryColumn, Index, type EntityManager, type ObjectLiteral, type SelectQueryBuilder, type EntitySubscriberInterface, type InsertEvent, type RemoveEvent, type UpdateEvent } from 'typeorm';
import { badUserInput, inChunks, likeContains, manyOf, optionalText, VALUES_PER_STATEMENT } from '../../../shared/src';
import { matchKey } from './name-matching.rules';
import { OrganizationName } from './organization-name.entity';

/**
 * The trigram index of organization names: every three-character run of each name's match key,
 * pointing to the name. "Contains `shield`" becomes "holds all of `shi`, `hie`, `iel`, `eld`", an
 * indexed lookup on both databases, and only the few names that hold them all are compared with
 * LIKE. A `LIKE '%shield%'` alone reads every name, so its cost grew with the register. MariaDB has
 * no ngram FULLTEXT parser and SQLite's FTS5 trigram tokenizer exists only there: one table of our
 * own gives both databases the same answers.
 *
 * A search starts from the rarest trigrams of its term (see `OrganizationNameTrigramFrequency`), not
 * from all of them: "security" has six trigrams each held by a third of the register, and grouping
 * all their entries cost seconds. See docs/search.md.
 */
@Entity('organization_name_trigram')
@Index('ix_organization_name_trigram_name', ['nameId'])
export class OrganizationNameTrigram {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  trigram: string;

  @PrimaryColumn({ name: 'name_id', type: 'varchar', length: 36 })
  nameId: string;
}

/**
 * How many names hold each trigram: what lets a search start from the rarest trigrams of its term. An
 * estimate (a name indexed twice counts twice), which only chooses the plan; answers never depend on it.
 */
@Entity('organization_name_trigram_frequency')
export class OrganizationNameTrigramFrequency {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  trigram: string;

  @Column({ type: 'int' })
  names: number;
}

/**
 * A term whose rarest trigram is in more names than this is common: the directory then reads its page
 * in name order, testing each organization's names, and stops at the page's end (a third of the names
 * match "security", so a page of 20 reads about 60); a rarer term starts from its trigrams' entries.
 * 500, not more: on MariaDB, 1,000 candidates sorted by name cost five times a page read in name order.
 */
export const COMMON_TERM_NAMES = 500;

/** Terms shorter than this cannot use the index: partial matching needs at least one trigram. */
export const MIN_CONTAINS_LENGTH = 3;

/** The distinct three-character runs of a match key, by code point (an Arabic or Cyrillic name has its own). */
export function trigramsOf(key: string): string[] {
  const characters = Array.from(key);
  const runs = new Set<string>();
  for (let i = 0; i + 3 <= characters.length; i += 1) runs.add(characters.slice(i, i + 3).join(''));
  return [...runs];
}

/** Writes the trigrams of these names: one statement per 500 rows, duplicates ignored (a re-run changes nothing). */
export async function indexNames(manager: EntityManager, names: Pick<OrganizationName, 'id' | 'matchKey'>[]): Promise<void> {
  const rows = names.flatMap((name) => trigramsOf(name.matchKey).map((trigram) => ({ trigram, nameId: name.id })));
  for (let i = 0; i < rows.length; i += 500) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OrganizationNameTrigram)
      .values(rows.slice(i, i + 500))
      .orIgnore()
      .callListeners(false)
      .execute();
  }
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.trigram, (counts.get(row.trigram) ?? 0) + 1);
  await countTrigrams(manager, counts);
}

/** Adds `counts` (negative to take away) to the trigrams' frequencies, in trigram order (two writers lock rows alike). */
async function countTrigrams(manager: EntityManager, counts: Map<string, number>): Promise<void> {
  const entries = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const mysql = manager.connection.options.type === 'mysql';
  await inChunks(entries, VALUES_PER_STATEMENT / 2, async (chunk) => {
    await manager.query(
      `INSERT INTO organization_name_trigram_frequency (trigram, names) VALUES ${chunk.map(() => '(?, ?)').join(', ')} ` +
        (mysql ? 'ON DUPLICATE KEY UPDATE names = names + VALUES(names)' : 'ON CONFLICT (trigram) DO UPDATE SET names = names + excluded.names'),
      chunk.flat(),
    );
  });
}

/** Removes a name from the index, and its trigrams from the frequencies. */
async function unindexName(manager: EntityManager, nameId: string): Promise<void> {
  const held = await manager.find(OrganizationNameTrigram, { where: { nameId } });
  if (!held.length) return;
  await manager.delete(OrganizationNameTrigram, { nameId });
  await countTrigrams(manager, new Map(held.map((t) => [t.trigram, -1])));
}

/** How many names hold each trigram of these terms (0 for a trigram no name holds). */
async function trigramFrequencies(manager: EntityManager, keys: readonly string[]): Promise<Map<string, number>> {
  const trigrams = [...new Set(keys.flatMap(trigramsOf))];
  const frequencies = new Map(trigrams.map((t) => [t, 0]));
  const rows = await inChunks(trigrams, VALUES_PER_STATEMENT, (chunk) =>
    manager.query(`SELECT trigram, names FROM organization_name_trigram_frequency WHERE trigram IN (${chunk.map(() => '?').join(', ')})`, chunk),
  );
  for (const row of rows as { trigram: string; names: number | string }[]) {
    if (frequencies.has(row.trigram)) frequencies.set(row.trigram, Number(row.names));
  }
  return frequencies;
}

/** The two rarest trigrams of `key` with the number of names holding the rarest. */
function rarestTrigrams(key: string, frequencies: Map<string, number>): { trigrams: string[]; names: number } {
  const ranked = trigramsOf(key)
    .map((trigram) => ({ trigram, names: frequencies.get(trigram) ?? 0 }))
    .sort((a, b) => a.names - b.names || (a.trigram < b.trigram ? -1 : 1));
  return { trigrams: ranked.slice(0, 2).map((r) => r.trigram), names: ranked[0]?.names ?? 0 };
}

/**
 * SQL (with its parameters) selecting the ids of the names that hold the rarest trigrams of a term:
 * the entries of the rarest, each checked for the second by primary key. Its cost follows the
 * rarest trigram, not the commonest; the caller still compares the match key (LIKE).
 */
function namesHolding(trigrams: string[], label: string): { sql: string; parameters: Record<string, unknown> } {
  const [first, second] = trigrams;
  return {
    sql:
      `SELECT ${label}_t.name_id FROM organization_name_trigram ${label}_t WHERE ${label}_t.trigram = :${label}First` +
      (second
        ? ` AND EXISTS (SELECT 1 FROM organization_name_trigram ${label}_u WHERE ${label}_u.trigram = :${label}Second AND ${label}_u.name_id = ${label}_t.name_id)`
        : ''),
    parameters: { [`${label}First`]: first, [`${label}Second`]: second },
  };
}

/**
 * Keeps the index in step with `organization_name` whatever changes a name: a subscriber, not a call
 * each writer must remember. New names are written by `recordOrganizationNames`, which indexes a
 * whole batch itself with listeners off; `afterInsert` covers any other insert.
 */
@EventSubscriber()
export class NameIndexSubscriber implements EntitySubscriberInterface<OrganizationName> {
  listenTo() {
    return OrganizationName;
  }

  async afterInsert(event: InsertEvent<OrganizationName>): Promise<void> {
    if (event.entity?.id && event.entity.matchKey !== undefined) await indexNames(event.manager, [event.entity]);
  }

  async afterUpdate(event: UpdateEvent<OrganizationName>): Promise<void> {
    const entity = event.entity as Partial<OrganizationName> | undefined;
    const id = entity?.id ?? (event.databaseEntity as OrganizationName | undefined)?.id;
    // Only a new match key changes the index; end-dating a name or changing its kind does not.
    if (!id || entity?.matchKey === undefined) return;
    await unindexName(event.manager, id);
    await indexNames(event.manager, [{ id, matchKey: entity.matchKey }]);
  }

  async beforeRemove(event: RemoveEvent<OrganizationName>): Promise<void> {
    const id = event.entity?.id ?? event.entityId;
    if (typeof id === 'string') await unindexName(event.manager, id);
  }
}

/** A directory search as checked: its match key, and whether its rarest trigram makes it common. */
export interface NameSearch {
  key: string;
  trigrams: string[];
  common: boolean;
}

/**
 * Checks a directory search (`field`) and looks up its trigrams' frequencies (one statement); fewer
 * than 3 letters is BAD_USER_INPUT. Null when there is no search.
 */
async function nameSearch(manager: EntityManager, search: string | null | undefined, field: string): Promise<NameSearch | null> {
  const words = optionalText(search, field, 200);
  if (!words) return null;
  const key = matchKey(words);
  if (Array.from(key).length < MIN_CONTAINS_LENGTH) {
    throw badUserInput(`${field} needs at least ${MIN_CONTAINS_LENGTH} letters or digits (legal forms such as Ltd do not count)`, field);
  }
  const rarest = rarestTrigrams(key, await trigramFrequencies(manager, [key]));
  return { key, trigrams: rarest.trigrams, common: rarest.names > COMMON_TERM_NAMES };
}

/**
 * Narrows an organization query (alias `organization`) to those with a registered, former or trading
 * name whose match key contains the search. `inNameOrder`: as a test of each organization read (for a
 * page of a common search, read in name order until it is full); otherwise from the names holding the
 * search's rarest trigrams (a rare search's page, and every count).
 */
function whereNameContains<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, search: NameSearch, inNameOrder: boolean): void {
  const like = { searchLike: likeContains(search.key) };
  if (inNameOrder) {
    // A scalar subquery, not EXISTS: MariaDB turns an EXISTS into a semi-join that reads every name
    // with LIKE before the first row; a scalar one is tested per organization, in the page's order.
    query.andWhere(
      '(SELECT 1 FROM organization_name n WHERE n.organization_id = organization.id AND n.match_key LIKE :searchLike ESCAPE \'!\' LIMIT 1) = 1',
      like,
    );
    return;
  }
  const holding = namesHolding(search.trigrams, 'search');
  query.andWhere(
    `organization.id IN (SELECT n.organization_id FROM organization_name n WHERE n.id IN (${holding.sql}) AND n.match_key LIKE :searchLike ESCAPE '!')`,
    { ...holding.parameters, ...like },
  );
}

/**
 * Narrows an organization query (alias `organization`, its other conditions already set) to a search
 * by name (`field`, checked as `nameSearch`), and returns how to count the whole list when the page
 * and the count are read differently. A common search's page is read in name order, testing each
 * organization, and stops when full; its count, and a rare search's page, start from the names
 * holding the search's rarest trigrams.
 */
export async function searchByName<T extends ObjectLiteral>(
  manager: EntityManager,
  query: SelectQueryBuilder<T>,
  search: string | null | undefined,
  field: string,
): Promise<{ searched: boolean; count?: () => Promise<number> }> {
  const checked = await nameSearch(manager, search, field);
  if (!checked) return { searched: false };
  const countQuery = checked.common ? query.clone() : undefined;
  whereNameContains(query, checked, checked.common);
  if (!countQuery) return { searched: true };
  // Both rarest trigrams of a common term are common: checking the second filters nothing and doubled the count's reads.
  whereNameContains(countQuery, { ...checked, trigrams: checked.trigrams.slice(0, 1) }, false);
  return { searched: true, count: () => countQuery.getCount() };
}

/**
 * The names whose match key is one of `exactKeys`, or contains one of `containedKeys`, in one
 * statement after the trigrams' frequencies are read. The candidates are gathered first, as a derived table (a UNION of the exact-key lookup
 * and one trigram lookup per term), then read by primary key and checked: an OR of IN-subqueries
 * would make MariaDB test every name of the register against each subquery in turn.
 */
export async function namesMatching(manager: EntityManager, exactKeys: string[], containedKeys: string[]): Promise<OrganizationName[]> {
  const frequencies = containedKeys.length ? await trigramFrequencies(manager, containedKeys) : new Map<string, number>();
  const query = manager.getRepository(OrganizationName).createQueryBuilder('n');
  const lookups = ['SELECT e.id AS id FROM organization_name e WHERE e.match_key IN (:...keys)'];
  const checks = ['n.match_key IN (:...keys)'];
  const parameters: Record<string, unknown> = { keys: exactKeys.length ? exactKeys : [''] };
  containedKeys.forEach((key, i) => {
    // From the key's two rarest trigrams: a full name's rarest trigram is held by few names however
    // common its words ("security", "services") are.
    const holding = namesHolding(rarestTrigrams(key, frequencies).trigrams, `p${i}`);
    lookups.push(holding.sql.replace(`SELECT p${i}_t.name_id `, `SELECT p${i}_t.name_id AS id `));
    checks.push(`n.match_key LIKE :p${i}Like ESCAPE '!'`);
    Object.assign(parameters, holding.parameters, { [`p${i}Like`]: likeContains(key) });
  });
  return manyOf(
    query
      .innerJoin(`(${lookups.join(' UNION ')})`, 'candidate', 'candidate.id = n.id')
      .where(`(${checks.join(' OR ')})`)
      .setParameters(parameters),
  );
}
