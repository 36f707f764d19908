import { Entity, EventSubscriber, PrimaryColumn, Index, type EntityManager, type ObjectLiteral, type SelectQueryBuilder, type EntitySubscriberInterface, type InsertEvent, type RemoveEvent, type UpdateEvent } from 'typeorm';
import { badUserInput, likeContains, optionalText } from '../../../shared/src';
import { matchKey } from './name-matching.rules';
import { OrganizationName } from './organization-name.entity';

/**
 * The trigram index of organization names: every three-character run of each name's match key,
 * pointing to the name. "Contains `shield`" becomes "holds all of `shi`, `hie`, `iel`, `eld`", an
 * indexed lookup on both databases, and only the few names that hold them all are compared with
 * LIKE. A `LIKE '%shield%'` alone reads every name, so its cost grew with the register. MariaDB has
 * no ngram FULLTEXT parser and SQLite's FTS5 trigram tokenizer exists only there: one table of our
 * own gives both databases the same answers.
 */
@Entity('organization_name_trigram')
@Index('ix_organization_name_trigram_name', ['nameId'])
export class OrganizationNameTrigram {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  trigram: string;

  @PrimaryColumn({ name: 'name_id', type: 'varchar', length: 36 })
  nameId: string;
}

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
}

/**
 * SQL (with its parameters) selecting the ids of names whose match key contains `key`, for a WHERE
 * clause on `organization_name`: `<alias>.id IN (...) AND <alias>.match_key LIKE ...`. `label` keeps
 * the parameter names of several terms apart in one statement.
 */
export function nameContains(alias: string, key: string, label: string): { sql: string; parameters: Record<string, unknown> } {
  const trigrams = trigramsOf(key);
  return {
    sql:
      `${alias}.id IN (SELECT t.name_id FROM organization_name_trigram t WHERE t.trigram IN (:...${label}Trigrams) ` +
      `GROUP BY t.name_id HAVING COUNT(*) >= :${label}Count) AND ${alias}.match_key LIKE :${label}Like ESCAPE '!'`,
    parameters: { [`${label}Trigrams`]: trigrams, [`${label}Count`]: trigrams.length, [`${label}Like`]: likeContains(key) },
  };
}

/**
 * Keeps the index in step with `organization_name` whatever writes a name (admission, a rename, an
 * import, the sample data): a subscriber, not a call each writer must remember.
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
    await event.manager.delete(OrganizationNameTrigram, { nameId: id });
    await indexNames(event.manager, [{ id, matchKey: entity.matchKey }]);
  }

  async beforeRemove(event: RemoveEvent<OrganizationName>): Promise<void> {
    const id = event.entity?.id ?? event.entityId;
    if (typeof id === 'string') await event.manager.delete(OrganizationNameTrigram, { nameId: id });
  }
}

/**
 * Narrows an organization query (alias `organization`) to those with a registered, former or trading
 * name containing `search` as matching sees it; fewer than 3 letters is BAD_USER_INPUT on `field`.
 */
export function whereNameContains<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, search: string | null | undefined, field: string): void {
  const words = optionalText(search, field, 200);
  if (!words) return;
  const key = matchKey(words);
  if (Array.from(key).length < MIN_CONTAINS_LENGTH) {
    throw badUserInput(`${field} needs at least ${MIN_CONTAINS_LENGTH} letters or digits (legal forms such as Ltd do not count)`, field);
  }
  const contains = nameContains('n', key, field.replace(/\W/g, '_'));
  query.andWhere(`organization.id IN (SELECT n.organization_id FROM organization_name n WHERE ${contains.sql})`, contains.parameters);
}

/**
 * The names whose match key is one of `exactKeys`, or contains one of `containedKeys`, in one
 * statement. The candidates are gathered first, as a derived table (a UNION of the exact-key lookup
 * and one trigram lookup per term), then read by primary key and checked: an OR of IN-subqueries
 * would make MariaDB test every name of the register against each subquery in turn.
 */
export function namesMatching(manager: EntityManager, exactKeys: string[], containedKeys: string[]): Promise<OrganizationName[]> {
  const query = manager.getRepository(OrganizationName).createQueryBuilder('n');
  const lookups = ['SELECT e.id AS id FROM organization_name e WHERE e.match_key IN (:...keys)'];
  const checks = ['n.match_key IN (:...keys)'];
  const parameters: Record<string, unknown> = { keys: exactKeys.length ? exactKeys : [''] };
  containedKeys.forEach((key, i) => {
    const trigrams = trigramsOf(key);
    lookups.push(
      `SELECT t${i}.name_id AS id FROM organization_name_trigram t${i} WHERE t${i}.trigram IN (:...p${i}Trigrams) ` +
        `GROUP BY t${i}.name_id HAVING COUNT(*) >= :p${i}Count`,
    );
    checks.push(`n.match_key LIKE :p${i}Like ESCAPE '!'`);
    Object.assign(parameters, { [`p${i}Trigrams`]: trigrams, [`p${i}Count`]: trigrams.length, [`p${i}Like`]: likeContains(key) });
  });
  return query
    .innerJoin(`(${lookups.join(' UNION ')})`, 'candidate', 'candidate.id = n.id')
    .where(`(${checks.join(' OR ')})`)
    .setParameters(parameters)
    .getMany();
}
