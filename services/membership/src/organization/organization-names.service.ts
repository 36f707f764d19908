import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { insertInChunks, nowTimestamp } from '../../../shared/src';
import { indexNames } from './name-index';
import { nameKeys } from './name-matching.rules';
import { OrganizationName, OrganizationNameKind } from './organization-name.entity';

export interface NewOrganizationName {
  organizationId: string;
  /** Already checked with `personOrOrganizationName` (NFKC, no control or invisible characters). */
  name: string;
  kind: OrganizationNameKind;
  validFrom: string | null;
  validUntil?: string | null;
}

/**
 * The one way organization name rows are written (admission, renames, trading names, the import,
 * the sample data): the match key and the look-alike skeleton are always stored with the name,
 * `recordedAt` says when, and the names are added to the trigram index in the same transaction. A
 * list is written a few hundred rows per statement (the import writes 100,000 names at once).
 */
export async function recordOrganizationNames(manager: EntityManager, inputs: readonly NewOrganizationName[]): Promise<OrganizationName[]> {
  const recordedAt = nowTimestamp();
  const records = inputs.map((input) =>
    manager.create(OrganizationName, {
      id: randomUUID(),
      organizationId: input.organizationId,
      name: input.name,
      kind: input.kind,
      ...nameKeys(input.name),
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      recordedAt,
    }),
  );
  // Listeners off: the index subscriber would write each name's trigrams on its own; one call does the batch.
  await insertInChunks(manager, OrganizationName, records);
  await indexNames(manager, records);
  return records;
}

/** One name, as `recordOrganizationNames`. */
export async function recordOrganizationName(manager: EntityManager, input: NewOrganizationName): Promise<OrganizationName> {
  const [record] = await recordOrganizationNames(manager, [input]);
  return record;
}

/**
 * End-dates a name: `validUntil` is its last day. A registered name that ends becomes a former name
 * (`kind`); a trading name stays a trading name, with its end.
 */
export async function endOrganizationName(
  manager: EntityManager,
  name: OrganizationName,
  validUntil: string,
  kind: OrganizationNameKind = name.kind,
): Promise<OrganizationName> {
  const recordedAt = nowTimestamp();
  await manager.update(OrganizationName, { id: name.id }, { validUntil, kind, recordedAt });
  return Object.assign(new OrganizationName(), { ...name, validUntil, kind, recordedAt });
}
